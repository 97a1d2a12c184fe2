#pragma once
#include "application/identity/ports.hpp"

namespace shopme::crypto {

// The production Secrets port: Argon2id passwords, 256-bit random tokens, SHA-256 digests.
class SodiumSecrets final : public identity::Secrets {
 public:
  std::string hash_password(std::string_view password) override;
  bool verify_password(std::string_view hash, std::string_view password) override;
  std::string new_token() override;
  std::string digest(std::string_view token) override;
};

}  // namespace shopme::crypto
