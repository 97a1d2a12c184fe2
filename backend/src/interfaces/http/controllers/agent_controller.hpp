#pragma once
// The AI agent's configuration (Admin only): provider, model and limits, the API key (write-only,
// sealed at rest), enabled tools, debug mode, the system prompt with its version history, and usage.
#include "infrastructure/crypto/sealed.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class AgentController {
 public:
  explicit AgentController(const crypto::Sealer& sealer) : sealer_(sealer) {}
  Response get(Request& req, postgres::Db& db) const;
  Response put(Request& req, postgres::Db& db) const;
  Response prompts(Request& req, postgres::Db& db) const;
  Response restore_prompt(Request& req, postgres::Db& db) const;
  // Per day in the workspace's time zone: messages, agent replies and turns, model tokens, orders.
  Response usage(Request& req, postgres::Db& db) const;

 private:
  const crypto::Sealer& sealer_;
};

}  // namespace shopme::http
