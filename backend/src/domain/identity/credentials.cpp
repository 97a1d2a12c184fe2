#include "domain/identity/credentials.hpp"

#include <algorithm>
#include <cctype>

namespace shopme::identity {

std::optional<std::string> normalize_email(std::string_view email) {
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
  while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
  if (email.size() < 3 || email.size() > 254) return std::nullopt;
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at != email.rfind('@')) return std::nullopt;
  const auto domain = email.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.') {
    return std::nullopt;
  }
  if (std::any_of(email.begin(), email.end(), [](char c) {
        return std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c));
      })) {
    return std::nullopt;
  }
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view email) {
  if (password.size() < kMinPasswordLength) return "must be at least 10 characters long";
  if (password.size() > kMaxPasswordLength) return "must be at most 256 characters long";
  if (!email.empty()) {
    std::string lower(password);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    if (lower == email || lower == email.substr(0, email.find('@'))) return "must not be your e-mail address";
  }
  return std::nullopt;
}

}  // namespace shopme::identity
