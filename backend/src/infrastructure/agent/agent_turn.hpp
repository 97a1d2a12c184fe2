#pragma once
// One agent turn for a conversation: everything the customer wrote since the last answer (a burst
// of quick messages is answered once), answered by the configured language model with tools, or by
// the offline agent when none is configured or the model fails. The reply goes through the outbox
// in the same transaction that completes the job, so a retried turn never answers twice.
// The offline agent answers inside the inbound message's job (answer_in_transaction); a turn that
// calls a language model runs as an `agent_turn` job of its own (run_agent_turn), in the
// conversation's order, so no transaction is held across the call.
#include <string>
#include <vector>

#include "domain/messaging/outbound_message.hpp"
#include "infrastructure/crypto/sealed.hpp"
#include "infrastructure/messaging/pipeline.hpp"
#include "infrastructure/postgres/job_queue.hpp"

namespace shopme::agent {

// `public_base_url` is read at each turn (the server learns its port after listening).
postgres::JobRunner::Handler run_agent_turn(const crypto::Sealer& sealer, const std::string& public_base_url);
messaging::TurnHandler answer_in_transaction(const crypto::Sealer& sealer,
                                             const std::string& public_base_url);

// The offline agent: no model; rules over the same tools, answering in the language each message is
// written in, with reply buttons and lists for the choices. Only the workspace's enabled tools are
// used (empty: all).
struct ToolContext;
struct BuiltinInput {
  std::string text;           // what the customer wrote since the last answer
  std::string reply_id;       // the button or list row they tapped last, if any
  std::string customer_name;  // used as is: nothing leaves the server
  std::string shop;
  std::string offered_product;  // the product the last reply offered to add, for "add 2"
};
struct BuiltinReply {
  messaging::OutboundMessage message;
  bool handed_over = false;
  std::string language;  // the language the message was written in (and the reply is)
};
BuiltinReply builtin_reply(ToolContext& context, const BuiltinInput& input,
                           const std::vector<std::string>& enabled_tools);

}  // namespace shopme::agent
