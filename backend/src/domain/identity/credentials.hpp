#pragma once
// Input rules for e-mail addresses, names and passwords.
#include <optional>
#include <string>
#include <string_view>

namespace shopme::identity {

constexpr std::size_t kMinPasswordLength = 10;
constexpr std::size_t kMaxPasswordLength = 256;

// Lower-cased and trimmed, or nullopt when it is not a plausible address.
std::optional<std::string> normalize_email(std::string_view email);
// A reason the password is not acceptable, or nullopt.
std::optional<std::string> password_problem(std::string_view password, std::string_view email);

}  // namespace shopme::identity
