#include "infrastructure/crypto/sodium_secrets.hpp"

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/crypto/password.hpp"

namespace shopme::crypto {

std::string SodiumSecrets::hash_password(std::string_view password) {
  return crypto::hash_password(password);
}
bool SodiumSecrets::verify_password(std::string_view hash, std::string_view password) {
  return crypto::verify_password(hash, password);
}
std::string SodiumSecrets::new_token() { return random_base64url(32); }
std::string SodiumSecrets::digest(std::string_view token) { return sha256_hex(token); }

}  // namespace shopme::crypto
