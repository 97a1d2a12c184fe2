#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace shopme::crypto {

std::string sha256_hex(std::string_view data);
std::string hmac_sha256_hex(std::string_view key, std::string_view data);
// Constant-time comparison of two strings (length may leak, content does not).
bool equal_constant_time(std::string_view a, std::string_view b);
// `bytes` random bytes from the OS CSPRNG (libsodium), hex or base64url encoded.
std::string random_hex(std::size_t bytes);
std::string random_base64url(std::size_t bytes);
std::string base64url_encode(std::string_view data);
// nullopt when `text` is not base64url.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace shopme::crypto
