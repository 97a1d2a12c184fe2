#pragma once
// One agent turn for a conversation: everything the customer wrote since the last answer (a burst
// of quick messages is answered once), answered by the configured language model with tools, or by
// the offline agent when none is configured or the model fails. The reply goes through the outbox
// in the same transaction that completes the job, so a retried turn never answers twice.
#include <string>
#include <vector>

#include "infrastructure/crypto/sealed.hpp"
#include "infrastructure/postgres/job_queue.hpp"

namespace shopme::agent {

// `public_base_url` is read at each turn (the server learns its port after listening).
postgres::JobRunner::Handler run_agent_turn(const crypto::Sealer& sealer, const std::string& public_base_url);

// The offline agent: no model, keyword rules over the same tools. Returns the reply text.
struct ToolContext;
// Only the workspace's enabled tools are used (empty: all).
std::string builtin_reply(ToolContext& context, const std::string& customer_text,
                          const std::string& customer_name, const std::vector<std::string>& enabled_tools,
                          bool* handed_over = nullptr);

}  // namespace shopme::agent
