#pragma once
// Outbound messages as JSON (the inbox API's shape, also what the outbox row keeps) and the one way
// to send anything: an outbox row (a `messages` row in status queued) plus a `send` job, written in
// the caller's transaction so that a reply exists exactly when the decision to send it commits.
#include <boost/json/object.hpp>
#include <optional>
#include <pqxx/transaction_base>
#include <string>

#include "domain/messaging/outbound_message.hpp"
#include "domain/result.hpp"

namespace shopme::messaging {

// From `{"text"}`, `{"template": {...}}` or `{"interactive": {...}}`; shape errors are field errors.
Result<OutboundMessage> outbound_from_json(const boost::json::object& body);
boost::json::object outbound_to_json(const OutboundMessage& message);

// Live event for the workspace's dashboards; ids only, clients refetch.
void notify(pqxx::transaction_base& tx, std::string_view type, const std::string& workspace_id,
            const std::string& conversation_id, const boost::json::object& extra = {});

// The outbox row, the conversation's preview, the send job and the live event, in one statement.
// `answers_through`: the last inbound message (seq) an agent's reply answers. Returns the new
// message id.
std::string queue_outbound(pqxx::transaction_base& tx, const std::string& workspace_id,
                           const std::string& conversation_id, const OutboundMessage& message,
                           std::string_view author_kind,
                           const std::optional<std::string>& author_id = std::nullopt,
                           std::optional<long long> answers_through = std::nullopt);

// An agent's reply, unless `whatever_the_mode` only while the conversation is in bot mode: checked
// on the conversation's latest row version, so an operator who takes over while the reply is being
// written has the last word (nullopt: not queued, or the conversation is gone). `prefix`:
// statements of the server's own sent in the same message before it (e.g. the BEGIN of a
// postgres::LateBeginTransaction).
std::optional<std::string> queue_agent_reply(pqxx::transaction_base& tx, std::string_view prefix,
                                             const std::string& workspace_id,
                                             const std::string& conversation_id,
                                             const OutboundMessage& message, long long answers_through,
                                             bool whatever_the_mode);

}  // namespace shopme::messaging
