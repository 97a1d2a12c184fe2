#pragma once
// Secrets at rest (channel tokens, API keys): XChaCha20-Poly1305 with the server's encryption key and
// a random nonce per value; the workspace id is bound as associated data so a sealed value copied
// into another workspace's row does not open.
#include <optional>
#include <string>
#include <string_view>

#include "infrastructure/crypto/hash.hpp"

namespace shopme::crypto {

class Sealer {
 public:
  // `key_base64url`: the 32-byte key from ServerSecrets::encryption_key.
  explicit Sealer(std::string_view key_base64url);
  [[nodiscard]] std::string seal(std::string_view plaintext, std::string_view context) const;
  // nullopt when the value was tampered with, sealed under another key or for another context.
  [[nodiscard]] std::optional<std::string> open(std::string_view sealed, std::string_view context) const;
  // A stable secret for `purpose` (hex), derived from the key: for values the server needs again but
  // never stores, like the test payment gateway's signing secret.
  [[nodiscard]] std::string derive(std::string_view purpose) const;

 private:
  std::string key_;
};

}  // namespace shopme::crypto
