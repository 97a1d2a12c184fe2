#pragma once
// Secrets the embedded defaults need (token signing keys, the key that encrypts secrets at rest)
// are generated on first start into <data_dir>/secrets.json with mode 0600. They are never
// committed and never logged. Several servers on one database must share this file.
#include <filesystem>
#include <string>
#include <vector>

namespace shopme::crypto {

struct SigningKey {
  std::string kid;
  std::string secret;  // base64url, 32 random bytes
  long long created_at = 0;
};

struct ServerSecrets {
  std::string encryption_key;  // base64url, 32 bytes (XChaCha20-Poly1305)
  std::string active_kid;
  std::vector<SigningKey> signing_keys;  // active first; older keys verify until their tokens expire

  [[nodiscard]] const SigningKey& active() const;
  [[nodiscard]] const SigningKey* find(std::string_view kid) const;
};

// Loads the file, creating it (0600) when missing.
ServerSecrets load_or_create_secrets(const std::filesystem::path& data_dir);
// Adds a new active signing key and keeps the previous ones (the oldest beyond `keep` are dropped).
ServerSecrets rotate_signing_key(const std::filesystem::path& data_dir, std::size_t keep = 3);

// A one-time generated value stored in a 0600 file (e.g. the demo administrator's password).
std::string load_or_create_secret_file(const std::filesystem::path& file, std::size_t random_bytes);

}  // namespace shopme::crypto
