#pragma once
// Access tokens: HS256 JWTs through libjwt, with a `kid` header naming the signing key so keys can
// rotate without logging anyone out. Claims are minimal: user id, session id, issued/expiry.
#include <chrono>
#include <optional>
#include <string>

#include "infrastructure/crypto/server_secrets.hpp"

namespace shopme::crypto {

struct AccessClaims {
  std::string user_id;
  std::string session_id;
  long long expires_at = 0;  // unix seconds
};

std::string sign_access_token(const SigningKey& key, const AccessClaims& claims, long long issued_at);
// nullopt for anything but a well-formed HS256 token signed by a known key and not yet expired:
// alg "none", other algorithms, unknown kid, bad signature, tampered payload, expiry.
std::optional<AccessClaims> verify_access_token(const ServerSecrets& secrets, const std::string& token,
                                                long long now);

}  // namespace shopme::crypto
