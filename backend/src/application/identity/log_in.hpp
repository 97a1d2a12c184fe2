#pragma once
#include "application/identity/ports.hpp"

namespace shopme::identity {

struct LogInCommand {
  std::string email;
  std::string password;
  std::string user_agent;
  std::string ip;
};

struct SessionGrant {
  std::string user_id;
  std::string session_id;
  std::string refresh_token;  // to the client only; the store keeps its digest
};

// Checks the password (with a growing lock-out after repeated failures) and starts a session.
Result<SessionGrant> log_in(const LogInCommand& cmd, IdentityStore& store, Secrets& secrets);

// Spends a refresh token and grants its successor; a reused token ends the session.
Result<SessionGrant> refresh_session(std::string_view refresh_token, IdentityStore& store, Secrets& secrets);

}  // namespace shopme::identity
