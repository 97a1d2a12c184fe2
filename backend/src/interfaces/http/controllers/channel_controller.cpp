#include "interfaces/http/controllers/channel_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <regex>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/messaging/channel_settings.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace json = boost::json;
using Opt = std::optional<std::string>;

namespace {

json::object to_json(const messaging::ChannelSettings& c, const std::string& base_url) {
  return {{"configured", c.configured},
          {"phoneNumberId", c.phone_number_id},
          {"businessAccountId", c.business_account_id},
          {"apiBaseUrl", c.api_base_url},
          {"enabled", c.enabled},
          {"accessTokenSet", c.access_token.has_value() && !c.access_token->empty()},
          {"appSecretSet", c.app_secret.has_value() && !c.app_secret->empty()},
          {"verifyToken", c.verify_token ? json::value(*c.verify_token) : json::value(nullptr)},
          {"webhookUrl", base_url + "/webhooks/whatsapp"},
          {"welcomeMessage", c.welcome_message},
          {"inactiveMessage", c.inactive_message},
          {"messagesPerSecond", c.messages_per_second},
          {"abuseMaxMessagesPerMinute", c.abuse_max_per_minute},
          {"abuseBlockMinutes", c.abuse_block_minutes},
          {"templates", c.templates},
          {"updatedAt", c.configured ? json::value(c.updated_at) : json::value(nullptr)}};
}

json::array read_templates(JsonInput& in) {
  json::array out;
  const auto* v = in.object().if_contains("templates");
  if (!v) return out;
  if (!v->is_array()) {
    in.fail("templates", "must be an array");
    return out;
  }
  static const std::regex name_re("^[a-z0-9_]{1,512}$");
  const auto& a = v->as_array();
  if (a.size() > 100) in.fail("templates", "at most 100 templates");
  for (std::size_t i = 0; i < a.size() && i < 100; ++i) {
    const auto at = "templates[" + std::to_string(i) + "]";
    if (!a[i].is_object()) {
      in.fail(at, "must be an object");
      continue;
    }
    auto t = JsonInput::of(a[i].as_object());
    auto name = t.string("name", true, 512);
    auto language = t.string("language", true, 15);
    auto body = t.string("body", false, 1024);
    auto count = t.integer("parameterCount", false, 0, 20);
    if (name && !std::regex_match(*name, name_re))
      t.fail("name", "lower-case letters, digits and underscores");
    if (auto st = t.finish(); !st) {
      for (const auto& f : st.error().fields) in.fail(at + "." + f.field, f.message);
      continue;
    }
    out.push_back(json::object{{"name", *name},
                               {"language", *language},
                               {"body", body.value_or("")},
                               {"parameterCount", count.value_or(0)}});
  }
  return out;
}

}  // namespace

Response ChannelController::get(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  const auto c = messaging::load_channel(tx, sealer_, req.principal->workspace_id, default_api_base_url_);
  return Response::json(200, json::serialize(to_json(c, base_url_)));
}

Response ChannelController::put(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  const std::string ws = req.principal->workspace_id;
  static const std::regex digits("^[0-9]{1,32}$");
  auto phone = in.string("phoneNumberId", true, 32);
  if (phone && !std::regex_match(*phone, digits))
    in.fail("phoneNumberId", "must be the numeric id Meta shows");
  auto business = in.string("businessAccountId", false, 32);
  if (business && !business->empty() && !std::regex_match(*business, digits)) {
    in.fail("businessAccountId", "must be numeric");
  }
  auto base = in.string("apiBaseUrl", false, 300);
  if (base && !base->empty() && !(base->starts_with("https://") || base->starts_with("http://"))) {
    in.fail("apiBaseUrl", "must be an http(s) URL");
  }
  auto enabled = in.boolean("enabled", false);
  auto welcome = in.string("welcomeMessage", false, 4096);
  auto inactive = in.string("inactiveMessage", false, 4096);
  auto per_second = in.integer("messagesPerSecond", false, 1, 1000);
  auto abuse_max = in.integer("abuseMaxMessagesPerMinute", false, 1, 10000);
  auto abuse_minutes = in.integer("abuseBlockMinutes", false, 1, 525600);
  auto token = in.secret("accessToken", 2048);
  auto secret = in.secret("appSecret", 256);
  auto verify = in.secret("verifyToken", 256);
  if (verify.value && verify.value->size() < 8) in.fail("verifyToken", "must be at least 8 characters");
  auto templates = read_templates(in);
  if (auto st = in.finish(); !st) return problem(req, st.error());

  pqxx::work tx(db.conn());
  auto current = messaging::load_channel(tx, sealer_, ws, default_api_base_url_);
  auto seal = [&](const Opt& v, std::string_view field) -> Opt {
    if (!v) return std::nullopt;
    return crypto::base64url_encode(sealer_.seal(*v, messaging::seal_context(ws, field)));
  };
  const Opt new_token = token.change ? token.value : current.access_token;
  const Opt new_secret = secret.change ? secret.value : current.app_secret;
  // The verify token is the shared value Meta's dashboard asks for; generated when the Admin gives none.
  Opt new_verify = verify.change ? verify.value : current.verify_token;
  if (!new_verify) new_verify = crypto::random_base64url(18);
  const bool on = enabled.value_or(current.enabled);
  if (on && (!new_token || !new_secret)) {
    return problem(req, Error::invalid({{"enabled", "needs an access token and an app secret"}}));
  }
  try {
    pqxx::subtransaction sub(tx, "channel");
    postgres::exec0(
        sub,
        "INSERT INTO whatsapp_channels (workspace_id, phone_number_id, business_account_id, api_base_url,"
        "  access_token_sealed, app_secret_sealed, verify_token_sealed, verify_token_digest, enabled,"
        "  welcome_message, inactive_message, messages_per_second, abuse_max_per_minute, abuse_block_minutes,"
        "  templates)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb)"
        " ON CONFLICT (workspace_id) DO UPDATE SET phone_number_id = $2, business_account_id = $3,"
        "  api_base_url = $4, access_token_sealed = $5, app_secret_sealed = $6, verify_token_sealed = $7,"
        "  verify_token_digest = $8, enabled = $9, welcome_message = $10, inactive_message = $11,"
        "  messages_per_second = $12, abuse_max_per_minute = $13, abuse_block_minutes = $14, templates = "
        "$15::jsonb,"
        "  updated_at = now()",
        ws, *phone, business.value_or(current.business_account_id),
        base && !base->empty() ? *base : current.api_base_url, seal(new_token, "accessToken"),
        seal(new_secret, "appSecret"), seal(new_verify, "verifyToken"), crypto::sha256_hex(*new_verify), on,
        welcome.value_or(current.welcome_message), inactive.value_or(current.inactive_message),
        static_cast<int>(per_second.value_or(current.messages_per_second)),
        static_cast<int>(abuse_max.value_or(current.abuse_max_per_minute)),
        static_cast<int>(abuse_minutes.value_or(current.abuse_block_minutes)),
        json::serialize(in.has("templates") ? templates : current.templates));
    sub.commit();
  } catch (const pqxx::unique_violation& e) {
    const std::string which = e.what();
    if (which.find("verify") != std::string::npos) {
      return problem(req, Error::invalid({{"verifyToken", "is used by another workspace; choose another"}}));
    }
    return problem(req, Error::conflict("This phone number id is connected to another workspace."));
  }
  postgres::exec0(
      tx,
      "INSERT INTO audit_log (workspace_id, actor_user_id, action, details)"
      " VALUES ($1, $2, 'channel.whatsapp.updated', jsonb_build_object('accessTokenChanged', $3::boolean,"
      "         'appSecretChanged', $4::boolean, 'enabled', $5::boolean))",
      ws, req.principal->user_id, token.change, secret.change, on);
  // Every process drops its cached app secrets (the ingestion verifies signatures with them).
  postgres::exec(tx,
                 "SELECT pg_notify('shopme_events', json_build_object('type', 'channel.updated',"
                 " 'workspaceId', $1::text)::text)",
                 ws);
  const auto saved = messaging::load_channel(tx, sealer_, ws, default_api_base_url_);
  tx.commit();
  return Response::json(200, json::serialize(to_json(saved, base_url_)));
}

Response ChannelController::templates(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  const auto rows =
      postgres::exec(tx, "SELECT templates::text FROM whatsapp_channels WHERE workspace_id = $1",
                     req.principal->workspace_id);
  json::array items;
  if (!rows.empty()) {
    boost::system::error_code ec;
    auto v = json::parse(rows[0][0].c_str(), ec);
    if (!ec && v.is_array()) items = std::move(v.as_array());
  }
  const auto n = static_cast<long long>(items.size());
  return Response::json(200, json::serialize(json::object{{"items", std::move(items)}, {"total", n}}));
}

Response ChannelController::verify_webhook(Request& req, postgres::Db& db) const {
  const auto mode = req.query_param("hub.mode");
  const auto token = req.query_param("hub.verify_token");
  const auto challenge = req.query_param("hub.challenge");
  if (mode != "subscribe" || !token || token->empty() || !challenge || challenge->size() > 256) {
    return problem(req, 403, "The verification request is not valid.");
  }
  pqxx::read_transaction tx(db.conn());
  const auto rows =
      postgres::exec(tx, "SELECT workspace_id FROM whatsapp_channels WHERE verify_token_digest = $1",
                     crypto::sha256_hex(*token));
  if (rows.empty()) return problem(req, 403, "The verify token does not match any channel.");
  log::info("WhatsApp webhook verified", {{"workspace", rows[0][0].c_str()}});
  return Response::text(200, *challenge);
}

void ChannelController::receive_webhook(Request& req, Respond respond) const {
  messaging::Delivery d{std::move(req.body), std::string(req.header("x-hub-signature-256").value_or(""))};
  // `req` stays alive until respond() has been called (the session awaits it).
  const bool queued = ingestor_.submit(std::move(d), [&req, respond](messaging::IngestOutcome outcome) {
    using O = messaging::IngestOutcome;
    switch (outcome) {
      case O::kStored:
      case O::kIgnored:
        respond(Response::json(200, R"({"status":"received"})"));
        return;
      case O::kBadSignature:
        respond(problem(req, 401, "The X-Hub-Signature-256 header is missing or does not match the body.",
                        "bad-signature"));
        return;
      case O::kMalformed:
        respond(problem(req, 400, "The body is not a WhatsApp Business Account webhook delivery."));
        return;
      case O::kUnavailable:
        respond(problem(req, 503, "The delivery could not be stored; deliver it again.", "unavailable")
                    .set_header("Retry-After", "5"));
        return;
    }
  });
  if (!queued) {
    respond(problem(req, 503, "The server is busy; deliver it again shortly.", "overloaded")
                .set_header("Retry-After", "1"));
  }
}

}  // namespace shopme::http
