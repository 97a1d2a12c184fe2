#pragma once
#include <string>
#include <string_view>

namespace shopme::crypto {

// Argon2id (libsodium crypto_pwhash_str, interactive limits): the encoded string carries its own
// salt and parameters, so limits can be raised later without invalidating stored hashes.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view encoded_hash, std::string_view password);
// True when the stored hash was made with weaker parameters than today's and should be redone.
bool password_needs_rehash(std::string_view encoded_hash);

}  // namespace shopme::crypto
