#include "infrastructure/crypto/password.hpp"

#include <sodium.h>

#include <stdexcept>
#include <string>

namespace shopme::crypto {

std::string hash_password(std::string_view password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  const std::string h(encoded_hash);
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view encoded_hash) {
  const std::string h(encoded_hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0;
}

}  // namespace shopme::crypto
