// Use case: an inbound message was stored; decide what it leads to. Runs once per message, in the
// order the conversation received them, inside the transaction that claimed the job and completes
// it, so a crash at any point either leaves the job to run again or leaves its whole effect committed.
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "domain/agent/phrasebook.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/messaging/pipeline.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::messaging {

namespace {

// The message, its conversation (locked: its turns run one at a time), customer, workspace and
// channel, and the abuse count, in one statement; with the turn's state when the turn handler has a
// state function and the customer may be answered (registered, bot mode, not blocked, not a reaction).
constexpr int kFirstReadColumns = 21;
constexpr const char* kFirstReadSelect =
    "SELECT m.id, m.type, m.text, c.id, c.mode, c.sandbox, c.welcomed_at IS NULL,"
    "       coalesce(c.inactive_notice_at < now() - interval '1 day', true),"
    "       cu.id, cu.blocked, coalesce(cu.blocked_until <= now(), false), w.status = 'active',"
    "       ch.workspace_id IS NOT NULL, coalesce(ch.enabled, false), coalesce(ch.welcome_message, ''),"
    "       coalesce(ch.inactive_message, ''), coalesce(ch.abuse_max_per_minute, 20),"
    "       coalesce(ch.abuse_block_minutes, 60),"
    "       cu.registered_at IS NOT NULL AND cu.gdpr_consent_at IS NOT NULL, cu.language,"
    // Abuse control's count of the last minute's inbound messages, read from the thread index
    // backwards: the newest message older than a minute bounds it, so it costs the last minute's
    // messages, not the conversation's history (nor the configured limit).
    "       (SELECT count(*) FROM messages x"
    "         WHERE x.workspace_id = m.workspace_id AND x.conversation_id = m.conversation_id"
    "           AND x.direction = 'inbound' AND x.seq > coalesce((SELECT y.seq FROM messages y"
    "             WHERE y.workspace_id = m.workspace_id AND y.conversation_id = m.conversation_id"
    "               AND y.created_at <= now() - interval '1 minute' ORDER BY y.seq DESC LIMIT 1), 0))";
constexpr const char* kFirstReadFrom =
    "  FROM messages m"
    "  JOIN conversations c ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id"
    "  JOIN customers cu ON cu.workspace_id = c.workspace_id AND cu.id = c.customer_id"
    "  JOIN workspaces w ON w.id = m.workspace_id"
    "  LEFT JOIN whatsapp_channels ch ON ch.workspace_id = m.workspace_id"
    " WHERE m.workspace_id = $1 AND m.id = $2 FOR UPDATE OF c";

std::string first_read_sql(const std::string& state_function) {
  const std::string select(kFirstReadSelect), from(kFirstReadFrom);
  if (state_function.empty()) return select + from;
  // The gate is evaluated before the function runs (OFFSET 0 keeps the subquery, and its condition
  // on the outer row alone is then checked once, first).
  const std::string gate(
      ", m.workspace_id AS turn_ws, c.id AS turn_conv,"
      " cu.registered_at IS NOT NULL AND cu.gdpr_consent_at IS NOT NULL AND c.mode = 'bot'"
      " AND NOT cu.blocked AND m.type <> 'reaction' AS turn_gate");
  return "WITH f AS (" + select + gate + from + ") SELECT f.*, s.* FROM f LEFT JOIN LATERAL (SELECT * FROM " +
         state_function + "(f.turn_ws, f.turn_conv) WHERE f.turn_gate OFFSET 0) s ON true";
}

}  // namespace

postgres::JobRunner::TransactionalHandler handle_inbound_message(TurnHandler turn,
                                                                 const std::string& public_base_url) {
  auto sql = first_read_sql(turn.state_function);
  return [turn = std::move(turn), sql = std::move(sql), &public_base_url](const postgres::Job& job,
                                                                          pqxx::dbtransaction& tx) {
    const auto* mid = job.payload.if_contains("messageId");
    if (!mid || !mid->is_string()) return postgres::JobResult::dead("inbound job without a message id");
    const std::string ws = job.workspace_id;
    const auto rows = postgres::exec(tx, sql, ws, std::string(mid->as_string()));
    if (rows.empty()) {  // deleted with its workspace or customer meanwhile
      postgres::complete_job(tx, job);
      return postgres::JobResult::done();
    }
    const auto& r = rows[0];
    InboundTurn t{ws,           r[3].c_str(), r[8].c_str(),    r[0].c_str(),
                  r[1].c_str(), r[2].c_str(), r[5].as<bool>(), {}};
    constexpr int kStateFirst = kFirstReadColumns + 3;  // after the gate's three columns
    if (!turn.state_function.empty() && static_cast<int>(r.size()) > kStateFirst && !r[kStateFirst].is_null())
      t.state = StateRow{r, kStateFirst};
    const bool human = std::string_view(r[4].c_str()) == "human";
    const bool first_contact = r[6].as<bool>();
    const bool inactive_notice_due = r[7].as<bool>();
    bool blocked = r[9].as<bool>();
    const bool block_expired = r[10].as<bool>();
    const bool workspace_active = r[11].as<bool>();
    const bool channel_configured = r[12].as<bool>();
    const bool channel_enabled = r[13].as<bool>();
    const std::string welcome = r[14].c_str();
    const std::string inactive = r[15].c_str();
    const int max_per_minute = r[16].as<int>();
    const int block_minutes = r[17].as<int>();
    const bool registered = r[18].as<bool>();
    const std::string language = r[19].c_str();

    auto finish = [&] {
      postgres::complete_job(tx, job);
      return postgres::JobResult::done();
    };
    auto send_text = [&](const std::string& text) {
      OutboundMessage m;
      m.body = text;
      queue_outbound(tx, ws, t.conversation_id, m, "system");
    };

    if (blocked && block_expired) {  // an automatic block has run its course
      postgres::exec0(
          tx,
          "UPDATE customers SET blocked = false, blocked_reason = '', blocked_until = NULL, updated_at = "
          "now()"
          " WHERE workspace_id = $1 AND id = $2",
          ws, t.customer_id);
      blocked = false;
    }
    if (blocked) return finish();  // stored, shown to the team, never answered

    // Abuse control: more than the allowed messages in the last minute blocks the customer for a while
    // and alerts the team. Simulator conversations are exempt: a tester typing fast is not abuse.
    if (!t.sandbox) {
      const int recent = r[20].as<int>();
      if (recent > max_per_minute) {
        const std::string reason = "Automatic block: more than " + std::to_string(max_per_minute) +
                                   " messages in a minute (" + std::to_string(block_minutes) + " minutes)";
        postgres::exec0(tx,
                        "UPDATE customers SET blocked = true, blocked_reason = $3,"
                        "       blocked_until = now() + make_interval(mins => $4), updated_at = now()"
                        " WHERE workspace_id = $1 AND id = $2",
                        ws, t.customer_id, reason, block_minutes);
        postgres::exec0(
            tx,
            "INSERT INTO audit_log (workspace_id, action, target, details)"
            " VALUES ($1, 'customer.auto_blocked', $2, jsonb_build_object('messagesInLastMinute', $3::int))",
            ws, t.customer_id, recent);
        notify(tx, "customer.blocked", ws, t.conversation_id, {{"customerId", t.customer_id}});
        log::warn("customer blocked automatically", {{"workspace", ws}, {"messages_last_minute", recent}});
        return finish();
      }
    }

    // A reaction is not something to answer.
    if (t.type == "reaction") return finish();

    // Simulator traffic works without a configured channel: the simulator is the embedded default.
    const bool open_for_business =
        workspace_active && (channel_enabled || (t.sandbox && !channel_configured));
    if (!open_for_business) {
      if (!inactive.empty() && inactive_notice_due) {
        send_text(inactive);
        postgres::exec0(
            tx, "UPDATE conversations SET inactive_notice_at = now() WHERE workspace_id = $1 AND id = $2", ws,
            t.conversation_id);
      }
      return finish();
    }
    // In human mode the team answers; the message.created event already reached their inbox.
    if (human) return finish();
    if (!registered) {
      // Registration gate: the customer gets a link to register (and give consent) and nothing else
      // until they have; while a link sent earlier is still valid, no new one is sent.
      const bool pending =
          postgres::exec1(
              tx,
              "SELECT EXISTS (SELECT 1 FROM secure_links WHERE workspace_id = $1 AND customer_id = $2"
              " AND type = 'registration' AND used_at IS NULL AND expires_at > now())",
              ws, t.customer_id)[0]
              .as<bool>();
      if (!pending) {
        const auto link = links::issue(tx, ws, links::spec_for("registration"), t.customer_id);
        const std::string url = public_base_url + "/s/" + link.token;
        send_text((first_contact && !welcome.empty() ? welcome + "\n\n" : "") +
                  agent::say("registration.invite", language, {{"link", url}}));
      }
    } else if (first_contact && !welcome.empty()) {
      send_text(welcome);
    }
    if (first_contact) {
      postgres::exec0(tx, "UPDATE conversations SET welcomed_at = now() WHERE workspace_id = $1 AND id = $2",
                      ws, t.conversation_id);
    }
    if (!registered) return finish();
    auto result = finish();
    if (turn.answer) result.after_commit = turn.answer(tx, t);
    return result;
  };
}

}  // namespace shopme::messaging
