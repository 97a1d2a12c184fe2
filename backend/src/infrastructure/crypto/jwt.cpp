#include "infrastructure/crypto/jwt.hpp"

#include <jwt.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace shopme::crypto {
namespace {

struct JwtFree {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;
struct CharFree {
  void operator()(char* p) const { std::free(p); }  // NOLINT: libjwt allocates with malloc
};

std::vector<unsigned char> key_bytes(const SigningKey& key) {
  std::vector<unsigned char> out(key.secret.size());
  std::size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), key.secret.data(), key.secret.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0) {
    throw std::runtime_error("signing key is not base64url");
  }
  out.resize(len);
  return out;
}

}  // namespace

std::string sign_access_token(const SigningKey& key, const AccessClaims& claims, long long issued_at) {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
  JwtPtr j(raw);
  const auto k = key_bytes(key);
  if (jwt_set_alg(j.get(), JWT_ALG_HS256, k.data(), static_cast<int>(k.size())) != 0 ||
      jwt_add_header(j.get(), "kid", key.kid.c_str()) != 0 ||
      jwt_add_grant(j.get(), "sub", claims.user_id.c_str()) != 0 ||
      jwt_add_grant(j.get(), "sid", claims.session_id.c_str()) != 0 ||
      jwt_add_grant_int(j.get(), "iat", issued_at) != 0 ||
      jwt_add_grant_int(j.get(), "exp", claims.expires_at) != 0) {
    throw std::runtime_error("building the access token failed");
  }
  std::unique_ptr<char, CharFree> out(jwt_encode_str(j.get()));
  if (!out) throw std::runtime_error("encoding the access token failed");
  return out.get();
}

std::optional<AccessClaims> verify_access_token(const ServerSecrets& secrets, const std::string& token,
                                                long long now) {
  if (token.empty() || token.size() > 4096) return std::nullopt;
  // libjwt cannot read the header without verifying, so each key of the (small) keyring is tried;
  // the one that verifies must also be the one the `kid` header names.
  JwtPtr verified;
  for (const auto& key : secrets.signing_keys) {
    const auto k = key_bytes(key);
    jwt_t* raw = nullptr;
    if (jwt_decode(&raw, token.c_str(), k.data(), static_cast<int>(k.size())) != 0) continue;
    JwtPtr candidate(raw);
    const char* kid = jwt_get_header(candidate.get(), "kid");
    if (jwt_get_alg(candidate.get()) == JWT_ALG_HS256 && kid && key.kid == kid) {
      verified = std::move(candidate);
      break;
    }
  }
  if (!verified) return std::nullopt;
  const char* sub = jwt_get_grant(verified.get(), "sub");
  const char* sid = jwt_get_grant(verified.get(), "sid");
  const long exp = jwt_get_grant_int(verified.get(), "exp");
  if (!sub || !sid || exp <= 0 || exp <= now) return std::nullopt;
  return AccessClaims{sub, sid, exp};
}

}  // namespace shopme::crypto
