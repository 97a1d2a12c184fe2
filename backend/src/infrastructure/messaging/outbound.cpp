#include "infrastructure/messaging/outbound.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "infrastructure/postgres/job_queue.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::messaging {
namespace json = boost::json;

namespace {

struct Reader {
  std::vector<FieldError> errors;

  std::string text(const json::object& o, std::string_view key, const std::string& field,
                   bool required = true) {
    const auto* v = o.if_contains(key);
    if (!v || v->is_null()) {
      if (required) errors.push_back({field, "is required"});
      return {};
    }
    if (!v->is_string()) {
      errors.push_back({field, "must be a string"});
      return {};
    }
    return std::string(v->as_string());
  }
  const json::array* array(const json::object& o, std::string_view key, const std::string& field) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_array()) {
      errors.push_back({field, "must be an array"});
      return nullptr;
    }
    return &v->as_array();
  }
  const json::object* object(const json::value& v, const std::string& field) {
    if (!v.is_object()) {
      errors.push_back({field, "must be an object"});
      return nullptr;
    }
    return &v.as_object();
  }
};

}  // namespace

Result<OutboundMessage> outbound_from_json(const json::object& body) {
  Reader r;
  OutboundMessage m;
  const int given = (body.contains("text") ? 1 : 0) + (body.contains("template") ? 1 : 0) +
                    (body.contains("interactive") ? 1 : 0);
  if (given != 1) {
    return Error::invalid({{"text", "give exactly one of text, template or interactive"}});
  }
  if (body.contains("text")) {
    m.kind = OutboundKind::kText;
    m.body = r.text(body, "text", "text");
  } else if (const auto* tv = body.if_contains("template")) {
    m.kind = OutboundKind::kTemplate;
    if (const auto* t = r.object(*tv, "template")) {
      m.template_name = r.text(*t, "name", "template.name");
      m.template_language = r.text(*t, "language", "template.language");
      if (t->contains("parameters")) {
        if (const auto* ps = r.array(*t, "parameters", "template.parameters")) {
          for (std::size_t i = 0; i < ps->size(); ++i) {
            const auto& p = (*ps)[i];
            if (p.is_string()) {
              m.template_parameters.emplace_back(p.as_string());
            } else {
              r.errors.push_back({"template.parameters[" + std::to_string(i) + "]", "must be a string"});
            }
          }
        }
      }
    }
  } else if (const auto* iv = body.if_contains("interactive")) {
    if (const auto* i = r.object(*iv, "interactive")) {
      const auto type = r.text(*i, "type", "interactive.type");
      m.body = r.text(*i, "body", "interactive.body");
      if (type == "button") {
        m.kind = OutboundKind::kButtons;
        if (const auto* bs = r.array(*i, "buttons", "interactive.buttons")) {
          for (std::size_t k = 0; k < bs->size(); ++k) {
            const auto at = "interactive.buttons[" + std::to_string(k) + "]";
            if (const auto* b = r.object((*bs)[k], at)) {
              m.buttons.push_back({r.text(*b, "id", at + ".id"), r.text(*b, "title", at + ".title")});
            }
          }
        }
      } else if (type == "list") {
        m.kind = OutboundKind::kList;
        m.list_button = r.text(*i, "button", "interactive.button");
        if (const auto* ss = r.array(*i, "sections", "interactive.sections")) {
          for (std::size_t s = 0; s < ss->size(); ++s) {
            const auto sat = "interactive.sections[" + std::to_string(s) + "]";
            const auto* so = r.object((*ss)[s], sat);
            if (!so) continue;
            ListSection sec{r.text(*so, "title", sat + ".title", false), {}};
            if (const auto* rows = r.array(*so, "rows", sat + ".rows")) {
              for (std::size_t k = 0; k < rows->size(); ++k) {
                const auto rat = sat + ".rows[" + std::to_string(k) + "]";
                if (const auto* ro = r.object((*rows)[k], rat)) {
                  sec.rows.push_back({r.text(*ro, "id", rat + ".id"), r.text(*ro, "title", rat + ".title"),
                                      r.text(*ro, "description", rat + ".description", false)});
                }
              }
            }
            m.sections.push_back(std::move(sec));
          }
        }
      } else if (!type.empty()) {
        r.errors.push_back({"interactive.type", "must be button or list"});
      }
    }
  }
  if (!r.errors.empty()) return Error::invalid(std::move(r.errors));
  if (auto valid = validate(m); !valid) return valid.error();
  return m;
}

json::object outbound_to_json(const OutboundMessage& m) {
  switch (m.kind) {
    case OutboundKind::kText:
      return {{"text", m.body}};
    case OutboundKind::kTemplate: {
      json::array params;
      for (const auto& p : m.template_parameters) params.emplace_back(p);
      return {{"template", json::object{{"name", m.template_name},
                                        {"language", m.template_language},
                                        {"parameters", std::move(params)}}}};
    }
    case OutboundKind::kButtons: {
      json::array buttons;
      for (const auto& b : m.buttons) buttons.push_back(json::object{{"id", b.id}, {"title", b.title}});
      return {{"interactive",
               json::object{{"type", "button"}, {"body", m.body}, {"buttons", std::move(buttons)}}}};
    }
    case OutboundKind::kList: {
      json::array sections;
      for (const auto& s : m.sections) {
        json::array rows;
        for (const auto& row : s.rows) {
          rows.push_back(
              json::object{{"id", row.id}, {"title", row.title}, {"description", row.description}});
        }
        sections.push_back(json::object{{"title", s.title}, {"rows", std::move(rows)}});
      }
      return {{"interactive", json::object{{"type", "list"},
                                           {"body", m.body},
                                           {"button", m.list_button},
                                           {"sections", std::move(sections)}}}};
    }
  }
  return {};
}

void notify(pqxx::transaction_base& tx, std::string_view type, const std::string& workspace_id,
            const std::string& conversation_id, const json::object& extra) {
  json::object event{{"type", type}, {"workspaceId", workspace_id}, {"conversationId", conversation_id}};
  for (const auto& [k, v] : extra) event[k] = v;
  postgres::exec(tx, "SELECT pg_notify('shopme_events', $1)", json::serialize(event));
}

namespace {

// `only_in_bot_mode`: the message and its job are written only if the conversation's update, which
// re-reads the latest row version when another transaction changed it meanwhile, still finds bot
// mode. nullopt when nothing was written.
std::optional<std::string> queue(pqxx::transaction_base& tx, std::string_view prefix,
                                 const std::string& workspace_id, const std::string& conversation_id,
                                 const OutboundMessage& message, std::string_view author_kind,
                                 const std::optional<std::string>& author_id,
                                 std::optional<long long> answers_through, bool only_in_bot_mode) {
  const char* type = message.kind == OutboundKind::kText       ? "text"
                     : message.kind == OutboundKind::kTemplate ? "template"
                                                               : "interactive";
  const std::string text = display_text(message);
  const auto outbound = outbound_to_json(message);
  // Inside a job worker's first part, the send can be leased by this very statement and start right
  // after the commit, its row already "sending" (the send's own first part then reads nothing): when
  // it is the conversation's first unfinished send and nothing stands in its way (a real customer, a
  // configured channel, the window open for what it is). Otherwise it is queued for the send job.
  const auto lease = postgres::start_at_once_lease();
  // One round trip for the four writes of every reply (a turn's commit waits for each of them).
  constexpr int kSendAttempts = 10;
  static const std::string sql =
      "WITH s AS ("
      "  SELECT coalesce(cu.whatsapp_id, '') AS recipient, ch.phone_number_id, ch.api_base_url,"
      "         ch.access_token_sealed, coalesce(ch.messages_per_second, 80) AS per_second,"
      "         $10::boolean AND NOT c.sandbox AND ch.workspace_id IS NOT NULL"
      "           AND ch.access_token_sealed IS NOT NULL AND coalesce(cu.whatsapp_id, '') <> ''"
      "           AND (NOT $11::boolean OR coalesce(c.last_inbound_at > now() - interval '24 hours', false))"
      "           AND NOT EXISTS (SELECT 1 FROM jobs k WHERE k.ordering_key = 'outbound:' || $2::uuid"
      "                             AND k.state <> 'dead') AS go"
      "    FROM conversations c"
      "    JOIN customers cu ON cu.workspace_id = c.workspace_id AND cu.id = c.customer_id"
      "    LEFT JOIN whatsapp_channels ch ON ch.workspace_id = c.workspace_id"
      "   WHERE c.workspace_id = $1::uuid AND c.id = $2::uuid),"
      " c AS ("
      "  UPDATE conversations SET last_message_at = now(), last_message_preview = left($4, 200),"
      "         agent_answered_seq = greatest(agent_answered_seq, coalesce($8::bigint, agent_answered_seq)),"
      "         updated_at = now()"
      "   WHERE workspace_id = $1 AND id = $2 AND (NOT $13::boolean OR mode = 'bot')"
      "  RETURNING 1),"
      " m AS ("
      "  INSERT INTO messages (workspace_id, conversation_id, direction, type, text, payload, status,"
      "                        status_rank, author_kind, author_id, sending_started_at)"
      "  SELECT $1, $2, 'outbound', $3, $4, jsonb_build_object('outbound', $5::jsonb),"
      "         CASE WHEN s.go THEN 'sending' ELSE 'queued' END, CASE WHEN s.go THEN 1 ELSE 0 END, $6, $7,"
      "         CASE WHEN s.go THEN now() END FROM s, c"
      "  RETURNING id),"
      " j AS ("
      "  INSERT INTO jobs (workspace_id, kind, ordering_key, payload, max_attempts, state, attempts, "
      "locked_until)"
      "  SELECT $1, 'send', 'outbound:' || $2, jsonb_build_object('messageId', m.id), $9,"
      "         CASE WHEN s.go THEN 'running' ELSE 'queued' END, CASE WHEN s.go THEN 1 ELSE 0 END,"
      "         CASE WHEN s.go THEN now() + make_interval(secs => $12::float8) END"
      "    FROM m, s RETURNING id)"
      " SELECT m.id, j.id, pg_notify('shopme_events', json_build_object('type', 'message.created',"
      "        'workspaceId', $1, 'conversationId', $2, 'messageId', m.id)::text),"
      "        s.go, s.recipient, s.phone_number_id, s.api_base_url, s.access_token_sealed, s.per_second"
      "   FROM m, j, s";
  // As text, so that the statement can also travel after `prefix` in one message.
  const auto rows = postgres::exec_prefixed(
      tx, prefix, sql,
      {workspace_id, conversation_id, type, text, json::serialize(outbound), std::string(author_kind),
       author_id, answers_through ? std::optional(std::to_string(*answers_through)) : std::nullopt,
       std::to_string(kSendAttempts), lease ? "true" : "false", needs_window(message) ? "true" : "false",
       std::to_string(lease.value_or(0.0)), only_in_bot_mode ? "true" : "false"});
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  const std::string id = row[0].c_str();
  postgres::Job job{
      workspace_id, row[1].as<long long>(), "send", "outbound:" + conversation_id, {{"messageId", id}}, 1,
      kSendAttempts};
  if (row[3].as<bool>()) {
    job.started = json::object{{"outbound", outbound},
                               {"conversationId", conversation_id},
                               {"recipient", row[4].c_str()},
                               {"phoneNumberId", row[5].c_str()},
                               {"apiBaseUrl", row[6].is_null() ? json::value() : json::value(row[6].c_str())},
                               {"accessTokenSealed", row[7].c_str()},
                               {"perSecond", row[8].as<int>()}};
  }
  postgres::job_enqueued(tx, std::move(job));
  return id;
}

}  // namespace

std::string queue_outbound(pqxx::transaction_base& tx, const std::string& workspace_id,
                           const std::string& conversation_id, const OutboundMessage& message,
                           std::string_view author_kind, const std::optional<std::string>& author_id,
                           std::optional<long long> answers_through) {
  auto id =
      queue(tx, {}, workspace_id, conversation_id, message, author_kind, author_id, answers_through, false);
  if (!id) throw pqxx::unexpected_rows("queue_outbound: no such conversation");
  return std::move(*id);
}

std::optional<std::string> queue_agent_reply(pqxx::transaction_base& tx, std::string_view prefix,
                                             const std::string& workspace_id,
                                             const std::string& conversation_id,
                                             const OutboundMessage& message, long long answers_through,
                                             bool whatever_the_mode) {
  return queue(tx, prefix, workspace_id, conversation_id, message, "agent", std::nullopt, answers_through,
               !whatever_the_mode);
}

}  // namespace shopme::messaging
