// Use case: deliver one outbox row. The row is marked "sending" in the transaction that claims the
// job, committed before the provider is called, so after a crash the next attempt knows the call may have
// gone out; it then waits for a status callback carrying the row's id (biz_opaque_callback_data) before
// sending again. The provider's answer and the job's completion commit together.
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "infrastructure/logging/log.hpp"
#include "infrastructure/messaging/channel_settings.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/messaging/pipeline.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::messaging {
namespace json = boost::json;
using postgres::JobResult;

namespace {

void mark_failed(pqxx::transaction_base& tx, const std::string& ws, const std::string& conv,
                 const std::string& id, const json::object& error) {
  postgres::exec0(
      tx,
      "UPDATE messages SET status = 'failed', status_rank = 6, error = $3::jsonb, updated_at = now()"
      " WHERE workspace_id = $1 AND id = $2",
      ws, id, json::serialize(error));
  notify(tx, "message.updated", ws, conv, {{"messageId", id}});
}

// What the call needs, read and opened by the first part.
struct Call {
  std::string ws, id, conv, to, phone_number_id, token, base_url;
  int per_second = 80;
  OutboundMessage message;
};

// The second part: the call, then its outcome and the job's completion in one commit.
postgres::JobRunner::Continuation make_call(const whatsapp::GraphApi& api, Throttle& throttle,
                                            const postgres::Job& job, Call call) {
  return [&api, &throttle, job, c = std::move(call)](pqxx::connection& conn) -> JobResult {
    const auto& [ws, id, conv, to, phone_number_id, token, base_url, per_second, message] = c;
    throttle.acquire(phone_number_id, per_second);
    const auto result = api.post(base_url, phone_number_id, token, whatsapp::message_body(to, message, id));
    using Outcome = whatsapp::SendResult::Outcome;
    if (result.outcome == Outcome::kAccepted) {
      // The provider's id, the live event and the job's completion: one statement, its own
      // transaction, committed without waiting for the disk. Lost in a crash, the row stays
      // "sending" and the job comes back with its lease: the in-doubt wait then lets the status
      // callback, which names the row, settle it; it is not sent twice.
      pqxx::nontransaction settle(conn);
      postgres::exec(settle,
                     "WITH m AS ("
                     "  UPDATE messages SET provider_message_id = $3,"
                     "         status = CASE WHEN status_rank < 2 THEN 'accepted' ELSE status END,"
                     "         status_rank = greatest(status_rank, 2), updated_at = now()"
                     "   WHERE workspace_id = $1 AND id = $2 RETURNING id),"
                     " j AS (DELETE FROM jobs WHERE workspace_id = $1 AND id = $5)"
                     " SELECT pg_notify('shopme_events', json_build_object('type', 'message.updated',"
                     "          'workspaceId', $1, 'conversationId', $4::text, 'messageId', m.id)::text),"
                     "        set_config('synchronous_commit', 'off', true)"
                     "   FROM m",
                     ws, id, result.provider_message_id, conv, job.id);
      return JobResult::done();
    }
    pqxx::work settle(conn);
    const json::object error{
        {"code", result.code != 0 ? json::value(result.code) : json::value(result.http_status)},
        {"title", result.title},
        {"detail", result.detail}};
    if (result.outcome == Outcome::kPermanent) {
      mark_failed(settle, ws, conv, id, error);
      postgres::complete_job(settle, job);
      settle.commit();
      log::warn("message refused by WhatsApp", {{"code", result.code}, {"title", result.title}});
      return JobResult::done();
    }
    if (job.attempts >= job.max_attempts) {
      json::object gave_up = error;
      gave_up["title"] = "Gave up after " + std::to_string(job.attempts) + " attempts: " + result.title;
      mark_failed(settle, ws, conv, id, gave_up);
      settle.commit();
      return JobResult::dead(std::string(gave_up["title"].as_string()));
    }
    // No answer at all may still mean the message went out: keep it "sending" (in doubt). A clear
    // refusal (429, 5xx, throughput codes) means it did not: back to the queue.
    const bool in_doubt = result.http_status == 0 || (result.http_status >= 200 && result.http_status < 300);
    if (!in_doubt) {
      postgres::exec0(
          settle,
          "UPDATE messages SET status = 'queued', status_rank = 0, sending_started_at = NULL, updated_at = "
          "now()"
          " WHERE workspace_id = $1 AND id = $2 AND status = 'sending'",
          ws, id);
    }
    settle.commit();
    auto delay = postgres::backoff(job.attempts);
    delay = std::max(delay, std::chrono::milliseconds(result.retry_after_seconds * 1000LL));
    return JobResult::retry(delay, result.title + (result.detail.empty() ? "" : ": " + result.detail));
  };
}

// A send leased by the statement that queued it (queue_outbound): its row is "sending" already and
// the statement returned what the call needs; only the token is left to open. Needs no transaction:
// a row that cannot be sent is marked failed in one of its own.
postgres::JobRunner::Continuation resume_prepared(const crypto::Sealer& sealer, const whatsapp::GraphApi& api,
                                                  Throttle& throttle, const PipelineSettings& settings,
                                                  const postgres::Job& job) {
  const auto& f = *job.started;
  const auto str = [&f](std::string_view key) {
    const auto* v = f.if_contains(key);
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  Call call;
  call.ws = job.workspace_id;
  call.id = std::string(job.payload.at("messageId").as_string());
  call.conv = str("conversationId");
  call.to = str("recipient");
  call.phone_number_id = str("phoneNumberId");
  call.base_url = str("apiBaseUrl");
  if (call.base_url.empty()) call.base_url = settings.default_api_base_url;
  call.per_second = static_cast<int>(f.at("perSecond").to_number<long long>());
  auto message = outbound_from_json(f.at("outbound").as_object());
  const auto token = open_sealed(sealer, str("accessTokenSealed"), call.ws, "accessToken");
  if (!message || !token || token->empty()) {
    json::object error = !message ? json::object{{"code", "invalid"},
                                                 {"title", "The message cannot be sent"},
                                                 {"detail", message.error().detail}}
                                  : json::object{{"code", "channel-not-configured"},
                                                 {"title", "WhatsApp is not configured"},
                                                 {"detail",
                                                  "The access token cannot be opened; set it again in the "
                                                  "channel settings."}};
    return [job, call, error = std::move(error)](pqxx::connection& conn) {
      pqxx::work tx(conn);
      mark_failed(tx, call.ws, call.conv, call.id, error);
      postgres::complete_job(tx, job);
      tx.commit();
      return JobResult::done();
    };
  }
  call.token = *token;
  call.message = std::move(message.value());
  return make_call(api, throttle, job, std::move(call));
}

}  // namespace

postgres::JobRunner::SplitHandler send_outbound_message(const crypto::Sealer& sealer,
                                                        const whatsapp::GraphApi& api, Throttle& throttle,
                                                        PipelineSettings settings) {
  using Next = std::variant<JobResult, postgres::JobRunner::Continuation>;
  return [&sealer, &api, &throttle, settings](const postgres::Job& job, pqxx::dbtransaction& tx) -> Next {
    const auto* mid = job.payload.if_contains("messageId");
    if (!mid || !mid->is_string()) return JobResult::dead("send job without a message id");
    const std::string ws = job.workspace_id;
    const std::string id(mid->as_string());

    // In the claiming transaction: read the row, settle what needs no call, mark it "sending"; the
    // claim and the mark commit together before the call. The statement that reads the row marks it
    // already when nothing can stop the call (one round trip fewer); every other outcome below
    // writes the row's status itself, over that mark.
    std::string conv, to, phone_number_id, token, base_url;
    int per_second = 80;
    OutboundMessage message;
    {
      const auto rows = postgres::exec(
          tx,
          "WITH m AS ("
          "  SELECT workspace_id, id, conversation_id, status, sending_started_at, payload FROM messages"
          "   WHERE workspace_id = $1 AND id = $2 AND direction = 'outbound' FOR UPDATE),"
          " r AS ("
          "  SELECT m.status, extract(epoch FROM (m.sending_started_at + make_interval(secs => $3) - now()))"
          "           AS wait,"
          "         (m.payload->'outbound')::text AS outbound, c.id AS conv, c.sandbox,"
          "         coalesce(c.last_inbound_at > now() - interval '24 hours', false) AS in_window,"
          "         coalesce(cu.whatsapp_id, '') AS recipient,"
          // The channel, with only the access token opened: the send needs nothing else of it.
          "         ch.workspace_id IS NOT NULL AS configured, ch.phone_number_id,"
          "         coalesce(ch.api_base_url, $4) AS base_url, ch.access_token_sealed,"
          "         coalesce(ch.messages_per_second, 80) AS per_second"
          "    FROM m"
          "    JOIN conversations c ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id"
          "    JOIN customers cu ON cu.workspace_id = c.workspace_id AND cu.id = c.customer_id"
          "    LEFT JOIN whatsapp_channels ch ON ch.workspace_id = m.workspace_id),"
          " marked AS ("
          "  UPDATE messages x SET status = 'sending', status_rank = 1, sending_started_at = now(),"
          "         updated_at = now()"
          "    FROM r WHERE x.workspace_id = $1 AND x.id = $2"
          "     AND (r.status = 'queued' OR (r.status = 'sending' AND NOT coalesce(r.wait > 0, false)))"
          "     AND NOT r.sandbox AND r.configured AND r.recipient <> '' AND r.access_token_sealed IS NOT "
          "NULL"
          "  RETURNING 1)"
          " SELECT r.*, EXISTS (SELECT 1 FROM marked) FROM r",
          ws, id, static_cast<double>(settings.in_doubt_grace.count()), settings.default_api_base_url);
      auto finish = [&] {
        postgres::complete_job(tx, job);
        return JobResult::done();
      };
      if (rows.empty()) return finish();
      const auto& r = rows[0];
      const std::string status = r[0].c_str();
      conv = r[3].c_str();
      if (status != "queued" && status != "sending") return finish();  // settled already (e.g. by a callback)
      if (status == "sending" && !r[1].is_null() && r[1].as<double>() > 0) {
        // An earlier attempt was interrupted mid-call: give the provider's status callback time to say
        // whether it went out before sending it again.
        return JobResult::retry(
            std::chrono::milliseconds(static_cast<long long>(r[1].as<double>() * 1000) + 50),
            "waiting for the status of an interrupted send");
      }
      boost::system::error_code ec;
      auto stored = json::parse(r[2].c_str(), ec);
      auto parsed = (!ec && stored.is_object())
                        ? outbound_from_json(stored.as_object())
                        : Result<OutboundMessage>(Error::bad_request("unreadable outbox row"));
      if (!parsed) {
        mark_failed(tx, ws, conv, id,
                    {{"code", "invalid"},
                     {"title", "The message cannot be sent"},
                     {"detail", parsed.error().detail}});
        return finish();
      }
      message = std::move(parsed.value());
      if (r[4].as<bool>()) {
        // The simulator is the customer's phone: delivered as soon as it is sent.
        postgres::exec0(
            tx,
            "UPDATE messages SET status = 'delivered', status_rank = 4, provider_message_id = 'sim.' || "
            "id::text,"
            "       updated_at = now() WHERE workspace_id = $1 AND id = $2",
            ws, id);
        notify(tx, "message.updated", ws, conv, {{"messageId", id}});
        return finish();
      }
      if (needs_window(message) && !r[5].as<bool>()) {
        mark_failed(
            tx, ws, conv, id,
            {{"code", "outside-window"},
             {"title", "Outside the 24-hour customer-service window"},
             {"detail", "The customer has not written in the last 24 hours; only a template can be sent."}});
        return finish();
      }
      to = r[6].c_str();
      const bool configured = r[7].as<bool>();
      const auto access_token = configured ? open_sealed(sealer, r[10], ws, "accessToken") : std::nullopt;
      if (!configured || !access_token || access_token->empty() || to.empty()) {
        mark_failed(
            tx, ws, conv, id,
            {{"code", "channel-not-configured"},
             {"title", "WhatsApp is not configured"},
             {"detail", to.empty() ? "The customer has no WhatsApp id."
                                   : "Set the phone number id and access token in the channel settings."}});
        return finish();
      }
      phone_number_id = r[8].c_str();
      token = *access_token;
      base_url = r[9].c_str();
      per_second = r[11].as<int>();
      if (!r[12].as<bool>()) {  // the statement above marks every row that gets this far; kept in step here
        postgres::exec0(tx,
                        "UPDATE messages SET status = 'sending', status_rank = 1, sending_started_at = now(),"
                        " updated_at = now() WHERE workspace_id = $1 AND id = $2",
                        ws, id);
      }
    }

    return make_call(api, throttle, job,
                     {ws, id, conv, to, phone_number_id, token, base_url, per_second, std::move(message)});
  };
}

postgres::JobRunner::Resume resume_prepared_send(const crypto::Sealer& sealer, const whatsapp::GraphApi& api,
                                                 Throttle& throttle, PipelineSettings settings) {
  return [&sealer, &api, &throttle, settings](const postgres::Job& job) {
    return resume_prepared(sealer, api, throttle, settings, job);
  };
}

}  // namespace shopme::messaging
