#include "interfaces/http/controllers/agent_controller.hpp"

#include <array>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <pqxx/pqxx>
#include <regex>

#include "application/agent/tool_names.hpp"
#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace json = boost::json;

namespace {

std::string seal_context(const std::string& ws) { return "agent:" + ws + ":apiKey"; }

json::array all_tools() {
  json::array a;
  for (auto t : agent::kToolNames) a.emplace_back(t);
  return a;
}

json::object settings_json(pqxx::transaction_base& tx, const std::string& ws) {
  const auto rows = postgres::exec(
      tx,
      "SELECT s.provider, s.base_url, s.api_key_sealed IS NOT NULL, s.model, s.temperature::float8, "
      "s.max_tokens,"
      "       s.timeout_ms, s.enabled_tools, s.debug, p.version, p.text, " +
          iso_column("p.created_at") + ", " + iso_column("s.updated_at") +
          "  FROM agent_settings s LEFT JOIN agent_prompts p"
          "    ON p.workspace_id = s.workspace_id AND p.version = s.prompt_version"
          " WHERE s.workspace_id = $1",
      ws);
  json::object o{{"provider", "builtin"}, {"baseUrl", ""},
                 {"apiKeySet", false},    {"model", ""},
                 {"temperature", 0.3},    {"maxTokens", 800},
                 {"timeoutMs", 20000},    {"enabledTools", all_tools()},
                 {"debug", false},        {"systemPrompt", nullptr},
                 {"updatedAt", nullptr}};
  o["availableTools"] = all_tools();
  if (rows.empty()) return o;
  const auto& r = rows[0];
  o["provider"] = r[0].c_str();
  o["baseUrl"] = r[1].c_str();
  o["apiKeySet"] = r[2].as<bool>();
  o["model"] = r[3].c_str();
  o["temperature"] = std::round(r[4].as<double>() * 100) / 100;
  o["maxTokens"] = r[5].as<int>();
  o["timeoutMs"] = r[6].as<int>();
  json::array tools;
  for (const auto& t : text_array(r[7])) tools.emplace_back(t);
  o["enabledTools"] = tools.empty() ? all_tools() : tools;
  o["debug"] = r[8].as<bool>();
  if (!r[9].is_null()) {
    o["systemPrompt"] =
        json::object{{"version", r[9].as<int>()}, {"text", r[10].c_str()}, {"createdAt", r[11].c_str()}};
  }
  o["updatedAt"] = r[12].c_str();
  return o;
}

// Saves `text` as the next version and makes it the one in use.
int add_prompt(pqxx::transaction_base& tx, const std::string& ws, const std::string& text,
               const std::string& user, std::optional<int> restored_from) {
  // The settings row is locked by the caller's upsert, so versions are taken one at a time.
  const int version =
      postgres::exec1(tx, "SELECT coalesce(max(version), 0) + 1 FROM agent_prompts WHERE workspace_id = $1",
                      ws)[0]
          .as<int>();
  postgres::exec0(
      tx,
      "INSERT INTO agent_prompts (workspace_id, version, text, created_by, restored_from) VALUES ($1, $2, "
      "$3, $4, $5)",
      ws, version, text, user, restored_from);
  postgres::exec0(tx,
                  "UPDATE agent_settings SET prompt_version = $2, updated_at = now() WHERE workspace_id = $1",
                  ws, version);
  return version;
}

}  // namespace

Response AgentController::get(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  return Response::json(200, json::serialize(settings_json(tx, req.principal->workspace_id)));
}

Response AgentController::put(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  const auto& ws = req.principal->workspace_id;
  auto provider = in.string("provider", false, 30);
  if (provider && *provider != "builtin" && *provider != "openai-compatible") {
    in.fail("provider", "must be builtin or openai-compatible");
  }
  auto base = in.string("baseUrl", false, 300);
  if (base && !base->empty() && !(base->starts_with("http://") || base->starts_with("https://"))) {
    in.fail("baseUrl", "must be an http(s) URL");
  }
  auto model = in.string("model", false, 200);
  std::optional<double> temperature;
  if (const auto* t = in.object().if_contains("temperature"); t && !t->is_null()) {
    if (t->is_number() && t->to_number<double>() >= 0 && t->to_number<double>() <= 2) {
      temperature = t->to_number<double>();
    } else {
      in.fail("temperature", "must be a number from 0 to 2");
    }
  }
  auto max_tokens = in.integer("maxTokens", false, 16, 32000);
  auto timeout = in.integer("timeoutMs", false, 1000, 120000);
  auto debug = in.boolean("debug", false);
  auto prompt = in.string("systemPrompt", false, 20000);
  std::optional<std::vector<std::string>> tools;
  if (const auto* t = in.object().if_contains("enabledTools"); t && !t->is_null()) {
    if (!t->is_array()) {
      in.fail("enabledTools", "must be an array of tool names");
    } else {
      tools.emplace();
      for (const auto& v : t->as_array()) {
        if (!v.is_string() || !agent::known_tool(v.as_string())) {
          in.fail("enabledTools",
                  "unknown tool " + (v.is_string() ? std::string(v.as_string()) : json::serialize(v)));
        } else {
          tools->emplace_back(v.as_string());
        }
      }
    }
  }
  // Write-only: absent or null keeps the stored key, "" removes it.
  std::optional<std::optional<std::string>> key;
  if (const auto* k = in.object().if_contains("apiKey"); k && !k->is_null()) {
    auto v = in.string("apiKey", false, 500);
    if (v) key = v->empty() ? std::optional<std::string>() : v;
  }
  if (auto st = in.finish(); !st) return problem(req, st.error());

  pqxx::work tx(db.conn());
  postgres::exec0(
      tx, "INSERT INTO agent_settings (workspace_id) VALUES ($1) ON CONFLICT (workspace_id) DO NOTHING", ws);
  const auto cur = postgres::exec1(
      tx, "SELECT provider, base_url, model FROM agent_settings WHERE workspace_id = $1 FOR UPDATE", ws);
  const std::string new_provider = provider.value_or(cur[0].c_str());
  const std::string new_base = base.value_or(cur[1].c_str());
  const std::string new_model = model.value_or(cur[2].c_str());
  if (new_provider == "openai-compatible") {
    std::vector<FieldError> missing;
    if (new_base.empty()) missing.push_back({"baseUrl", "is required for an openai-compatible provider"});
    if (new_model.empty()) missing.push_back({"model", "is required for an openai-compatible provider"});
    if (!missing.empty()) return problem(req, Error::invalid(std::move(missing)));
  }
  std::string tools_literal = "{}";
  if (tools) {
    // Every tool enabled is stored as "all", so tools added by a later release are on by default.
    tools_literal = "{";
    if (tools->size() < agent::kToolNames.size()) {
      for (std::size_t i = 0; i < tools->size(); ++i) tools_literal += (i ? "," : "") + (*tools)[i];
    }
    tools_literal += "}";
  }
  postgres::exec0(
      tx,
      "UPDATE agent_settings SET provider = $2, base_url = $3, model = $4,"
      " temperature = coalesce($5::float8, temperature), max_tokens = coalesce($6::int, max_tokens),"
      " timeout_ms = coalesce($7::int, timeout_ms), debug = coalesce($8::boolean, debug),"
      " enabled_tools = CASE WHEN $9::boolean THEN $10::text[] ELSE enabled_tools END,"
      " api_key_sealed = CASE WHEN $11::boolean THEN $12 ELSE api_key_sealed END, updated_at = now()"
      " WHERE workspace_id = $1",
      ws, new_provider, new_base, new_model,
      temperature ? std::optional<std::string>(std::to_string(*temperature)) : std::nullopt,
      max_tokens ? std::optional<long long>(*max_tokens) : std::nullopt,
      timeout ? std::optional<long long>(*timeout) : std::nullopt,
      debug ? std::optional<std::string>(*debug ? "true" : "false") : std::nullopt, tools.has_value(),
      tools_literal, key.has_value(),
      key && *key
          ? std::optional<std::string>(crypto::base64url_encode(sealer_.seal(**key, seal_context(ws))))
          : std::nullopt);
  if (prompt) {
    const auto current = postgres::exec(
        tx,
        "SELECT p.text FROM agent_settings s JOIN agent_prompts p ON p.workspace_id = s.workspace_id"
        " AND p.version = s.prompt_version WHERE s.workspace_id = $1",
        ws);
    if (current.empty() || current[0][0].c_str() != *prompt)
      add_prompt(tx, ws, *prompt, req.principal->user_id, {});
  }
  postgres::exec0(
      tx,
      "INSERT INTO audit_log (workspace_id, actor_user_id, action, details) VALUES ($1, $2, 'agent.updated',"
      " jsonb_build_object('apiKeyChanged', $3::boolean, 'provider', $4::text))",
      ws, req.principal->user_id, key.has_value(), new_provider);
  auto out = settings_json(tx, ws);
  tx.commit();
  return Response::json(200, json::serialize(out));
}

Response AgentController::prompts(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  const auto rows =
      postgres::exec(tx,
                     "SELECT p.version, p.text, p.created_by, coalesce(u.name, ''), p.restored_from, " +
                         iso_column("p.created_at") +
                         ", p.version = s.prompt_version"
                         "  FROM agent_prompts p LEFT JOIN users u ON u.id = p.created_by"
                         "  LEFT JOIN agent_settings s ON s.workspace_id = p.workspace_id"
                         " WHERE p.workspace_id = $1 ORDER BY p.version DESC LIMIT 200",
                     req.principal->workspace_id);
  json::array items;
  for (const auto& r : rows) {
    items.push_back(
        json::object{{"version", r[0].as<int>()},
                     {"text", r[1].c_str()},
                     {"createdBy", r[2].is_null() ? json::value(nullptr) : json::value(r[2].c_str())},
                     {"createdByName", r[3].c_str()},
                     {"restoredFrom", r[4].is_null() ? json::value(nullptr) : json::value(r[4].as<int>())},
                     {"createdAt", r[5].c_str()},
                     {"active", !r[6].is_null() && r[6].as<bool>()}});
  }
  const auto n = static_cast<long long>(items.size());
  return Response::json(200, json::serialize(json::object{{"items", std::move(items)}, {"total", n}}));
}

Response AgentController::restore_prompt(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  int version = 0;
  try {
    std::size_t used = 0;
    version = std::stoi(req.params["version"], &used);
    if (used != req.params["version"].size()) version = 0;
  } catch (const std::exception&) {
    version = 0;
  }
  pqxx::work tx(db.conn());
  const auto rows = postgres::exec(
      tx, "SELECT text FROM agent_prompts WHERE workspace_id = $1 AND version = $2", ws, version);
  if (rows.empty()) return problem(req, 404, "No such prompt version.");
  postgres::exec0(
      tx, "INSERT INTO agent_settings (workspace_id) VALUES ($1) ON CONFLICT (workspace_id) DO NOTHING", ws);
  postgres::exec(tx, "SELECT 1 FROM agent_settings WHERE workspace_id = $1 FOR UPDATE", ws);
  add_prompt(tx, ws, rows[0][0].c_str(), req.principal->user_id, version);
  auto out = settings_json(tx, ws);
  tx.commit();
  return Response::json(200, json::serialize(out));
}

}  // namespace shopme::http

namespace shopme::http {

Response AgentController::usage(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  auto check = JsonInput::of(json::object{});
  const auto from = req.query_param("from").value_or("");
  const auto to = req.query_param("to").value_or("");
  if (!from.empty() && !is_day(from)) check.fail("from", "must be a date like 2026-11-01");
  if (!to.empty() && !is_day(to)) check.fail("to", "must be a date like 2026-11-30");
  if (auto st = check.finish(); !st) return problem(req, st.error());
  pqxx::read_transaction tx(db.conn());
  // Defaults: the last 30 days up to today, in the workspace's time zone.
  const auto range = postgres::exec1(
      tx,
      "SELECT coalesce(nullif($2, '')::date, coalesce(nullif($3, '')::date, (now() AT TIME ZONE "
      "timezone)::date) - 29),"
      "       coalesce(nullif($3, '')::date, (now() AT TIME ZONE timezone)::date), timezone, currency"
      "  FROM workspaces WHERE id = $1",
      ws, from, to);
  const std::string first = range[0].c_str(), last = range[1].c_str();
  const auto span = postgres::exec1(tx, "SELECT $2::date - $1::date", first, last)[0].as<int>();
  if (span < 0 || span > 365) {
    check.fail(span < 0 ? "from" : "to", span < 0 ? "must not be after to" : "the range is at most 366 days");
    return problem(req, check.finish().error());
  }
  const auto rows = postgres::exec(
      tx,
      "WITH days AS (SELECT d::date AS day FROM generate_series($2::date, $3::date, interval '1 day') d),"
      " m AS (SELECT (created_at AT TIME ZONE $4)::date AS day,"
      "              count(*) FILTER (WHERE direction = 'inbound') AS inbound,"
      "              count(*) FILTER (WHERE direction = 'outbound' AND author_kind = 'agent') AS replies"
      "         FROM messages WHERE workspace_id = $1"
      "          AND created_at >= ($2::date::timestamp AT TIME ZONE $4)"
      "          AND created_at < (($3::date + 1)::timestamp AT TIME ZONE $4) GROUP BY 1),"
      " o AS (SELECT (created_at AT TIME ZONE $4)::date AS day, count(*) AS orders,"
      "              count(*) FILTER (WHERE paid_at IS NOT NULL) AS paid,"
      "              coalesce(sum(total) FILTER (WHERE payment_status = 'paid'), 0) AS revenue"
      "         FROM orders WHERE workspace_id = $1"
      "          AND created_at >= ($2::date::timestamp AT TIME ZONE $4)"
      "          AND created_at < (($3::date + 1)::timestamp AT TIME ZONE $4) GROUP BY 1)"
      " SELECT to_char(days.day, 'YYYY-MM-DD'), coalesce(m.inbound, 0), coalesce(m.replies, 0),"
      "        coalesce(t.turns, 0), coalesce(t.prompt_tokens, 0), coalesce(t.completion_tokens, 0),"
      "        coalesce(o.orders, 0), coalesce(o.paid, 0), coalesce(o.revenue, 0)"
      "   FROM days LEFT JOIN m ON m.day = days.day LEFT JOIN o ON o.day = days.day"
      "   LEFT JOIN agent_token_usage t ON t.workspace_id = $1 AND t.day = days.day"
      "  ORDER BY days.day",
      ws, first, last, std::string(range[2].c_str()));
  static constexpr const char* kKeys[] = {"inboundMessages",  "agentReplies", "agentTurns", "promptTokens",
                                          "completionTokens", "orders",       "paidOrders", "revenue"};
  json::array days;
  std::array<long long, std::size(kKeys)> totals{};
  for (const auto& r : rows) {
    json::object day;
    day["day"] = r[0].c_str();
    for (std::size_t i = 0; i < std::size(kKeys); ++i) {
      const auto v = r[static_cast<int>(i) + 1].as<long long>();
      day[kKeys[i]] = v;
      totals[i] += v;
    }
    days.push_back(std::move(day));
  }
  json::object sum;
  for (std::size_t i = 0; i < std::size(kKeys); ++i) sum[kKeys[i]] = totals[i];
  return Response::json(200, json::serialize(json::object{{"from", first},
                                                          {"to", last},
                                                          {"currency", range[3].c_str()},
                                                          {"days", std::move(days)},
                                                          {"totals", std::move(sum)}}));
}

}  // namespace shopme::http
