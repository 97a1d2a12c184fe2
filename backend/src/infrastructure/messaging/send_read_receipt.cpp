// Use case: tell the customer their message was read (blue ticks) once an operator opened it.
#include <pqxx/pqxx>

#include "infrastructure/messaging/channel_settings.hpp"
#include "infrastructure/messaging/pipeline.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::messaging {
using postgres::JobResult;

postgres::JobRunner::Handler send_read_receipt(const crypto::Sealer& sealer, const whatsapp::GraphApi& api,
                                               Throttle& throttle, PipelineSettings settings) {
  return [&sealer, &api, &throttle, settings](const postgres::Job& job, pqxx::connection& conn) -> JobResult {
    const auto* mid = job.payload.if_contains("messageId");
    if (!mid || !mid->is_string()) return JobResult::dead("read job without a message id");
    std::string provider_id;
    ChannelSettings channel;
    {
      pqxx::work tx(conn);
      const auto rows = postgres::exec(
          tx,
          "SELECT coalesce(m.provider_message_id, ''), c.sandbox FROM messages m"
          "  JOIN conversations c ON c.workspace_id = m.workspace_id AND c.id = m.conversation_id"
          " WHERE m.workspace_id = $1 AND m.id = $2 AND m.direction = 'inbound'",
          job.workspace_id, std::string(mid->as_string()));
      if (!rows.empty() && !rows[0][1].as<bool>()) {
        provider_id = rows[0][0].c_str();
        channel = load_channel(tx, sealer, job.workspace_id, settings.default_api_base_url);
      }
      if (provider_id.empty() || !channel.access_token || !channel.enabled) {
        postgres::complete_job(tx, job);  // nothing to tell: simulator, or no channel to tell it through
        tx.commit();
        return JobResult::done();
      }
      tx.commit();
    }
    throttle.acquire(channel.phone_number_id, channel.messages_per_second);
    const auto r = api.post(channel.api_base_url, channel.phone_number_id, *channel.access_token,
                            whatsapp::read_receipt_body(provider_id));
    using Outcome = whatsapp::SendResult::Outcome;
    if (r.outcome == Outcome::kPermanent) return JobResult::dead("read receipt refused: " + r.title);
    if (r.outcome == Outcome::kRetry) return JobResult::retry(postgres::backoff(job.attempts), r.title);
    pqxx::work tx(conn);
    postgres::complete_job(tx, job);
    tx.commit();
    return JobResult::done();
  };
}

}  // namespace shopme::messaging
