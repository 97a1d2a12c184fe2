#include "interfaces/http/controllers/inbox_controller.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <pqxx/pqxx>
#include <regex>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/job_queue.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "infrastructure/whatsapp/webhook_parser.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace json = boost::json;
using Opt = std::optional<std::string>;

namespace {

const std::string kConversationColumns =
    "c.id, cu.id, cu.name, coalesce(cu.phone, ''), cu.blocked, c.status, c.mode, c.assignee_id, "
    "c.unread_count, " +
    iso_column("c.last_message_at") + ", c.last_message_preview, c.sandbox," +
    " coalesce(c.last_inbound_at > now() - interval '24 hours', false), " +
    iso_column("(c.last_inbound_at + interval '24 hours')");
const std::string kConversationFrom =
    " FROM conversations c JOIN customers cu ON cu.workspace_id = c.workspace_id AND cu.id = c.customer_id";

json::value nullable(const pqxx::field& f) {
  return f.is_null() ? json::value(nullptr) : json::value(f.c_str());
}

json::object conversation_json(const pqxx::row& r) {
  return {{"id", r[0].c_str()},
          {"customer", json::object{{"id", r[1].c_str()},
                                    {"name", r[2].c_str()},
                                    {"phone", r[3].c_str()},
                                    {"blocked", r[4].as<bool>()}}},
          {"status", r[5].c_str()},
          {"mode", r[6].c_str()},
          {"assigneeId", nullable(r[7])},
          {"unreadCount", r[8].as<int>()},
          {"lastMessageAt", nullable(r[9])},
          {"lastMessagePreview", r[10].c_str()},
          {"sandbox", r[11].as<bool>()},
          {"windowOpen", r[12].as<bool>()},
          {"windowExpiresAt", nullable(r[13])}};
}

std::optional<json::object> load_conversation(pqxx::transaction_base& tx, const std::string& ws,
                                              const std::string& id) {
  if (!is_uuid(id)) return std::nullopt;
  const auto rows = postgres::exec(
      tx, "SELECT " + kConversationColumns + kConversationFrom + " WHERE c.workspace_id = $1 AND c.id = $2",
      ws, id);
  if (rows.empty()) return std::nullopt;
  return conversation_json(rows[0]);
}

json::value parse_or_null(const pqxx::field& f) {
  if (f.is_null()) return nullptr;
  boost::system::error_code ec;
  auto v = json::parse(f.c_str(), ec);
  return ec ? json::value(nullptr) : v;
}

const std::string kMessageColumns =
    "m.id, m.direction, m.type, m.text, m.status, m.provider_message_id, m.error::text, m.author_id,"
    " m.author_kind, (m.payload->'media')::text,"
    " coalesce(m.payload->'interactive', m.payload->'outbound'->'interactive')::text, m.reply_to, " +
    iso_column("m.created_at") +
    ", (m.payload - 'raw' - 'outbound' - 'media' - 'interactive')::text,"
    " (m.payload->'outbound'->'template')::text,"
    " CASE WHEN m.payload ? 'unsupported' THEN (m.payload->'raw')::text END";

json::object message_json(const pqxx::row& r) {
  json::object details = parse_or_null(r[13]).is_object() ? parse_or_null(r[13]).as_object() : json::object{};
  return {{"id", r[0].c_str()},
          {"direction", r[1].c_str()},
          {"type", r[2].c_str()},
          {"text", r[3].c_str()},
          {"status", r[4].c_str()},
          {"providerMessageId", nullable(r[5])},
          {"error", parse_or_null(r[6])},
          {"authorId", nullable(r[7])},
          {"authorKind", r[8].c_str()},
          {"media", parse_or_null(r[9])},
          {"interactive", parse_or_null(r[10])},
          {"replyTo", nullable(r[11])},
          {"createdAt", r[12].c_str()},
          {"details", std::move(details)},
          {"template", parse_or_null(r[14])},
          {"raw", parse_or_null(r[15])}};
}

Response not_found(const Request& req) { return problem(req, 404, "No such conversation."); }

// Applies `sql` ($1 workspace, $2 conversation, $3 the value or null, $4 the acting user) and
// answers the conversation.
Response update_and_answer(Request& req, postgres::Db& db, const std::string& sql, const Opt& value,
                           const char* audit_action) {
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return not_found(req);
  pqxx::work tx(db.conn());
  // Every statement names all four parameters, whether it uses them or not.
  const auto rows = postgres::exec(
      tx, sql + " AND ($3::text IS NULL OR true) AND ($4::uuid IS NOT NULL OR true) RETURNING id", ws, id,
      value, req.principal->user_id);
  if (rows.empty()) return not_found(req);
  postgres::exec0(tx,
                  "INSERT INTO audit_log (workspace_id, actor_user_id, action, target, details)"
                  " VALUES ($1, $2, $3, $4, jsonb_build_object('value', $5::text))",
                  ws, req.principal->user_id, audit_action, id, value);
  messaging::notify(tx, "conversation.updated", ws, id);
  auto c = load_conversation(tx, ws, id);
  tx.commit();
  return Response::json(200, json::serialize(*c));
}

}  // namespace

Response InboxController::list(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const long long page = query_number(req, "page", 1, 1'000'000, bad).value_or(1);
  const long long limit = query_number(req, "limit", 1, 100, bad).value_or(20);
  const std::string filter = req.query_param("filter").value_or("open");
  std::string where = " WHERE c.workspace_id = $1";
  if (filter == "open") {
    where += " AND c.status = 'open'";
  } else if (filter == "mine") {
    where += " AND c.status = 'open' AND c.assignee_id = $2::uuid";
  } else if (filter == "unassigned") {
    where += " AND c.status = 'open' AND c.assignee_id IS NULL";
  } else if (filter == "bot" || filter == "human") {
    where += " AND c.status = 'open' AND c.mode = '" + filter + "'";  // one of two literals
  } else if (filter == "resolved") {
    where += " AND c.status = 'resolved'";
  } else if (filter != "all") {
    bad.push_back({"filter", "must be open, mine, unassigned, bot, human, resolved or all"});
  }
  const auto sandbox = req.query_param("sandbox");
  if (sandbox == "true") {
    where += " AND c.sandbox";
  } else if (sandbox == "false") {
    where += " AND NOT c.sandbox";
  } else if (sandbox && !sandbox->empty()) {
    bad.push_back({"sandbox", "must be true or false"});
  }
  const auto search = req.query_param("search").value_or("");
  if (search.size() > 200) bad.push_back({"search", "must be at most 200 characters"});
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));
  if (!search.empty()) {
    where +=
        " AND (cu.name ILIKE '%' || $3 || '%' OR cu.phone LIKE '%' || $3 || '%' OR EXISTS (SELECT 1 FROM "
        "messages m"
        " WHERE m.workspace_id = c.workspace_id AND m.conversation_id = c.id AND m.text ILIKE '%' || $3 || "
        "'%'))";
  }
  // Every statement takes the same parameters, referenced or not, so they are named in a no-op.
  const std::string params_used = " AND ($2::uuid IS NOT NULL OR true) AND ($3::text IS NOT NULL OR true)";
  pqxx::read_transaction tx(db.conn());
  const auto& ws = req.principal->workspace_id;
  const auto total = postgres::exec1(tx, "SELECT count(*)" + kConversationFrom + where + params_used, ws,
                                     req.principal->user_id, search)[0]
                         .as<long long>();
  const auto rows =
      postgres::exec(tx,
                     "SELECT " + kConversationColumns + kConversationFrom + where + params_used +
                         " ORDER BY c.last_message_at DESC NULLS LAST, c.id LIMIT $4 OFFSET $5",
                     ws, req.principal->user_id, search, limit, (page - 1) * limit);
  json::array items;
  for (const auto& r : rows) items.push_back(conversation_json(r));
  return Response::json(
      200, json::serialize(json::object{
               {"items", std::move(items)}, {"total", total}, {"page", page}, {"limit", limit}}));
}

Response InboxController::get(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  auto c = load_conversation(tx, req.principal->workspace_id, req.params["id"]);
  if (!c) return not_found(req);
  return Response::json(200, json::serialize(*c));
}

Response InboxController::messages(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const long long page = query_number(req, "page", 1, 1'000'000, bad).value_or(1);
  const long long limit = query_number(req, "limit", 1, 200, bad).value_or(50);
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  pqxx::read_transaction tx(db.conn());
  if (!load_conversation(tx, ws, id)) return not_found(req);
  const auto total =
      postgres::exec1(tx, "SELECT count(*) FROM messages WHERE workspace_id = $1 AND conversation_id = $2",
                      ws, id)[0]
          .as<long long>();
  const auto rows = postgres::exec(tx,
                                   "SELECT " + kMessageColumns +
                                       " FROM messages m WHERE m.workspace_id = $1 AND m.conversation_id = $2"
                                       " ORDER BY m.seq DESC LIMIT $3 OFFSET $4",
                                   ws, id, limit, (page - 1) * limit);
  json::array items;
  for (const auto& r : rows) items.push_back(message_json(r));
  return Response::json(
      200, json::serialize(json::object{
               {"items", std::move(items)}, {"total", total}, {"page", page}, {"limit", limit}}));
}

Response InboxController::reply(Request& req, postgres::Db& db) const {
  auto body = parse_json_body(req);
  if (!body) return problem(req, body.error());
  if (!body->is_object()) return problem(req, Error::invalid({{"body", "must be a JSON object"}}));
  auto message = messaging::outbound_from_json(body->as_object());
  if (!message) return problem(req, message.error());
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  pqxx::work tx(db.conn());
  auto c = load_conversation(tx, ws, id);
  if (!c) return not_found(req);
  if (messaging::needs_window(*message) && !(*c)["windowOpen"].as_bool()) {
    return problem(
        req, 422,
        "The customer has not written in the last 24 hours: WhatsApp accepts only an approved template now.",
        "outside-window");
  }
  const auto mid = messaging::queue_outbound(tx, ws, id, *message, "operator",
                                             std::optional<std::string>(req.principal->user_id));
  const auto row = postgres::exec1(
      tx, "SELECT " + kMessageColumns + " FROM messages m WHERE m.workspace_id = $1 AND m.id = $2", ws, mid);
  tx.commit();
  return Response::json(202, json::serialize(message_json(row)));
}

Response InboxController::assign(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  const auto* v = parsed->object().if_contains("assigneeId");
  if (!v || !(v->is_null() || (v->is_string() && is_uuid(v->as_string())))) {
    return problem(req, Error::invalid({{"assigneeId", "must be a user id or null"}}));
  }
  Opt assignee = v->is_null() ? Opt() : Opt(std::string(v->as_string()));
  if (assignee) {
    pqxx::read_transaction check(db.conn());
    const bool member = postgres::exec1(check,
                                        "SELECT EXISTS (SELECT 1 FROM memberships WHERE workspace_id = $1"
                                        " AND user_id = $2::uuid)",
                                        req.principal->workspace_id, *assignee)[0]
                            .as<bool>();
    check.commit();
    if (!member) return problem(req, Error::invalid({{"assigneeId", "is not a member of this workspace"}}));
  }
  return update_and_answer(req, db,
                           "UPDATE conversations SET assignee_id = $3::uuid, updated_at = now()"
                           " WHERE workspace_id = $1 AND id = $2",
                           assignee, "conversation.assigned");
}

Response InboxController::resolve(Request& req, postgres::Db& db) const {
  return update_and_answer(
      req, db,
      "UPDATE conversations SET status = 'resolved', unread_count = 0, updated_at = now()"
      " WHERE workspace_id = $1 AND id = $2",
      std::nullopt, "conversation.resolved");
}

Response InboxController::reopen(Request& req, postgres::Db& db) const {
  return update_and_answer(req, db,
                           "UPDATE conversations SET status = 'open', updated_at = now()"
                           " WHERE workspace_id = $1 AND id = $2",
                           std::nullopt, "conversation.reopened");
}

Response InboxController::set_mode(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto mode = parsed->string("mode", true, 10);
  if (mode && *mode != "human" && *mode != "bot") parsed->fail("mode", "must be human or bot");
  if (auto st = parsed->finish(); !st) return problem(req, st.error());
  // Taking over also takes the conversation, unless a colleague has it already.
  return update_and_answer(req, db,
                           "UPDATE conversations SET mode = $3, updated_at = now(),"
                           " assignee_id = CASE WHEN $3 = 'human' THEN coalesce(assignee_id, $4::uuid)"
                           " ELSE assignee_id END WHERE workspace_id = $1 AND id = $2",
                           mode, *mode == "human" ? "conversation.taken_over" : "conversation.handed_back");
}

Response InboxController::mark_read(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return not_found(req);
  pqxx::work tx(db.conn());
  const auto rows = postgres::exec(
      tx,
      "UPDATE conversations c SET unread_count = 0 FROM conversations old"
      " WHERE c.workspace_id = $1 AND c.id = $2 AND old.workspace_id = c.workspace_id AND old.id = c.id"
      " RETURNING old.unread_count, c.sandbox",
      ws, id);
  if (rows.empty()) return not_found(req);
  if (rows[0][0].as<int>() > 0) {
    if (!rows[0][1].as<bool>()) {
      const auto last = postgres::exec(
          tx,
          "SELECT id FROM messages WHERE workspace_id = $1 AND conversation_id = $2 AND direction = 'inbound'"
          " ORDER BY seq DESC LIMIT 1",
          ws, id);
      if (!last.empty()) {
        postgres::enqueue_job(tx, ws, "read", "read:" + id, {{"messageId", last[0][0].c_str()}}, 5);
      }
    }
    messaging::notify(tx, "conversation.updated", ws, id);
  }
  tx.commit();
  return Response::empty(204);
}

Response InboxController::notes(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  pqxx::read_transaction tx(db.conn());
  if (!load_conversation(tx, ws, id)) return not_found(req);
  const auto rows = postgres::exec(
      tx,
      "SELECT n.id, n.author_id, coalesce(u.name, ''), n.text, " + iso_column("n.created_at") +
          " FROM conversation_notes n LEFT JOIN users u ON u.id = n.author_id"
          " WHERE n.workspace_id = $1 AND n.conversation_id = $2 ORDER BY n.created_at, n.id LIMIT 500",
      ws, id);
  json::array items;
  for (const auto& r : rows) {
    items.push_back(json::object{{"id", r[0].c_str()},
                                 {"authorId", nullable(r[1])},
                                 {"authorName", r[2].c_str()},
                                 {"text", r[3].c_str()},
                                 {"createdAt", r[4].c_str()}});
  }
  const auto n = static_cast<long long>(items.size());
  return Response::json(200, json::serialize(json::object{{"items", std::move(items)}, {"total", n}}));
}

Response InboxController::add_note(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto text = parsed->string("text", true, 4000);
  if (text && text->find_first_not_of(" \t\r\n") == std::string::npos)
    parsed->fail("text", "must not be empty");
  if (auto st = parsed->finish(); !st) return problem(req, st.error());
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  pqxx::work tx(db.conn());
  if (!load_conversation(tx, ws, id)) return not_found(req);
  const auto r = postgres::exec1(
      tx,
      "WITH n AS (INSERT INTO conversation_notes (workspace_id, conversation_id, author_id, text)"
      " VALUES ($1, $2, $3, $4) RETURNING id, author_id, text, created_at)"
      " SELECT n.id, n.author_id, coalesce(u.name, ''), n.text, " +
          iso_column("n.created_at") + " FROM n LEFT JOIN users u ON u.id = n.author_id",
      ws, id, req.principal->user_id, *text);
  messaging::notify(tx, "note.created", ws, id);
  tx.commit();
  return Response::json(201, json::serialize(json::object{{"id", r[0].c_str()},
                                                          {"authorId", nullable(r[1])},
                                                          {"authorName", r[2].c_str()},
                                                          {"text", r[3].c_str()},
                                                          {"createdAt", r[4].c_str()}}));
}

Response InboxController::customer_conversations(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such customer.");
  pqxx::read_transaction tx(db.conn());
  if (postgres::exec(tx, "SELECT 1 FROM customers WHERE workspace_id = $1 AND id = $2", ws, id).empty()) {
    return problem(req, 404, "No such customer.");
  }
  const auto rows = postgres::exec(tx,
                                   "SELECT " + kConversationColumns + kConversationFrom +
                                       " WHERE c.workspace_id = $1 AND c.customer_id = $2"
                                       " ORDER BY c.last_message_at DESC NULLS LAST, c.id",
                                   ws, id);
  json::array items;
  for (const auto& r : rows) items.push_back(conversation_json(r));
  const auto n = static_cast<long long>(items.size());
  return Response::json(200, json::serialize(json::object{{"items", std::move(items)}, {"total", n}}));
}

Response InboxController::simulate_message(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto name = in.string("name", true, 100);
  auto phone = in.string("phone", true, 16);
  static const std::regex e164(R"(^\+[1-9][0-9]{6,14}$)");
  if (phone && !std::regex_match(*phone, e164)) in.fail("phone", "must be in E.164 form, e.g. +393331234567");
  const bool has_text = in.has("text");
  const bool has_reply = in.has("reply");
  if (has_text == has_reply) in.fail("text", "give either text or reply");
  std::optional<std::string> text;
  if (has_text) text = in.string("text", true, 4096);
  json::object message;
  if (has_reply) {
    const auto* r = in.object().if_contains("reply");
    if (!r || !r->is_object()) {
      in.fail("reply", "must be an object");
    } else {
      auto reply = JsonInput::of(r->as_object());
      auto type = reply.string("type", true, 20);
      auto rid = reply.string("id", true, 256);
      auto title = reply.string("title", true, 100);
      if (type && *type != "button_reply" && *type != "list_reply")
        reply.fail("type", "must be button_reply or list_reply");
      if (auto st = reply.finish(); !st) {
        for (const auto& f : st.error().fields) in.fail("reply." + f.field, f.message);
      } else {
        message["type"] = "interactive";
        message["interactive"] =
            json::object{{"type", *type}, {*type, json::object{{"id", *rid}, {"title", *title}}}};
      }
    }
  }
  if (auto st = in.finish(); !st) return problem(req, st.error());
  if (text) {
    message["type"] = "text";
    message["text"] = json::object{{"body", *text}};
  }
  // The simulator speaks the Cloud API's shape, so the same normalization and storage apply.
  const std::string wa_id = phone->substr(1);
  const std::string provider_id = "sim.in." + crypto::random_hex(16);
  message["from"] = wa_id;
  message["id"] = provider_id;
  message["timestamp"] = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  const json::array contacts{json::object{{"profile", json::object{{"name", *name}}}, {"wa_id", wa_id}}};
  const auto normalized = whatsapp::normalize_message(message, &contacts);
  const auto& ws = req.principal->workspace_id;
  const json::array batch{
      json::object{{"workspaceId", ws}, {"sandbox", true}, {"messages", json::array{normalized}}}};
  pqxx::work tx(db.conn());
  postgres::exec1(tx, "SELECT shopme_ingest_whatsapp($1::jsonb)", json::serialize(batch));
  const auto r = postgres::exec1(
      tx, "SELECT id, conversation_id FROM messages WHERE workspace_id = $1 AND provider_message_id = $2", ws,
      provider_id);
  tx.commit();
  return Response::json(
      202, json::serialize(json::object{{"conversationId", r[1].c_str()}, {"messageId", r[0].c_str()}}));
}

Response InboxController::simulate_read(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return not_found(req);
  pqxx::work tx(db.conn());
  const auto conv = postgres::exec(
      tx, "SELECT 1 FROM conversations WHERE workspace_id = $1 AND id = $2 AND sandbox", ws, id);
  if (conv.empty()) return not_found(req);  // only the simulator's phone can read
  const auto rows = postgres::exec(
      tx,
      "UPDATE messages SET status = 'read', status_rank = 5, updated_at = now()"
      " WHERE workspace_id = $1 AND conversation_id = $2 AND direction = 'outbound' AND status_rank BETWEEN "
      "2 AND 4"
      " RETURNING id",
      ws, id);
  for (const auto& r : rows) messaging::notify(tx, "message.updated", ws, id, {{"messageId", r[0].c_str()}});
  tx.commit();
  return Response::empty(204);
}

}  // namespace shopme::http
