#pragma once
// The middleware of protected routes: CSRF/Origin check on state-changing requests (no database),
// then on the worker: access token, live session, membership and role, and the per-user rate limit.
#include <optional>

#include "infrastructure/crypto/jwt.hpp"
#include "interfaces/http/message.hpp"
#include "interfaces/http/router.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

inline constexpr const char* kAccessCookie = "shopme_access";
inline constexpr const char* kRefreshCookie = "shopme_refresh";

class AuthGuard {
 public:
  AuthGuard(const crypto::ServerSecrets& secrets, std::string public_base_url, int default_api_limit)
      : secrets_(secrets),
        public_base_url_(std::move(public_base_url)),
        default_api_limit_(default_api_limit) {}

  // 403 when a state-changing request carries neither a matching Origin nor the dashboard's header.
  [[nodiscard]] std::optional<Response> check_csrf(const Request& req, const Route& route) const;
  // Fills req.principal, or answers 401/404/403/429. Rate-limit headers go to `headers`.
  [[nodiscard]] std::optional<Response> authorize(Request& req, const Route& route, postgres::Db& db,
                                                  HeaderList& headers) const;
  // The verified access token of the request, if any (no database).
  [[nodiscard]] std::optional<crypto::AccessClaims> access_claims(const Request& req) const;

  [[nodiscard]] const crypto::ServerSecrets& secrets() const { return secrets_; }

 private:
  const crypto::ServerSecrets& secrets_;
  std::string public_base_url_;
  int default_api_limit_;
};

bool is_uuid(std::string_view s);
long long unix_now();

}  // namespace shopme::http
