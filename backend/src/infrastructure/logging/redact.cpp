// Redaction is a hand-written scanner rather than std::regex: it runs on every log line.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "infrastructure/logging/log.hpp"

namespace shopme::log {
namespace {

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }
bool is_email_local(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}
bool is_domain(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }
bool is_hex(char c) { return std::isxdigit(static_cast<unsigned char>(c)); }

bool looks_like_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = (i == 8 || i == 13 || i == 18 || i == 23);
    if (dash ? s[i] != '-' : !is_hex(s[i])) return false;
  }
  return true;
}

// A snake_case name such as a migration's ("20261130001300_cheaper_first_contact"): lower-case
// letters and digits in three or more parts joined by single underscores, at least one part a word.
// A random token of that length would almost surely hold capitals or a dash.
bool looks_like_name(std::string_view s) {
  int underscores = 0;
  bool letters = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '_') {
      if (i == 0 || i + 1 == s.size() || s[i - 1] == '_') return false;
      ++underscores;
    } else if (c >= 'a' && c <= 'z') {
      letters = true;
    } else if (!std::isdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return underscores >= 2 && letters;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

bool is_secret_name(std::string_view key) {
  static constexpr std::array<std::string_view, 9> kNames = {
      "password", "passwd", "secret", "token", "apikey", "api_key", "authorization", "cookie", "key"};
  const std::string k = lower(key);
  return std::any_of(kNames.begin(), kNames.end(),
                     [&](std::string_view n) { return k.find(n) != std::string::npos; });
}

std::string redact(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  const std::size_t n = in.size();
  while (i < n) {
    const char c = in[i];
    // "Bearer <token>"
    if ((c == 'B' || c == 'b') && n - i > 7 && lower(in.substr(i, 7)) == "bearer ") {
      out.append(in.substr(i, 7));
      i += 7;
      while (i < n && !std::isspace(static_cast<unsigned char>(in[i])) && in[i] != '"') ++i;
      out += "[redacted]";
      continue;
    }
    // key=value / key: value where key names a secret
    if (is_word(c) && (i == 0 || !is_word(in[i - 1]))) {
      std::size_t j = i;
      while (j < n && is_word(in[j])) ++j;
      std::size_t k = j;
      if (k < n && in[k] == '"') ++k;
      if (k < n && (in[k] == '=' || in[k] == ':') && is_secret_name(in.substr(i, j - i))) {
        ++k;
        while (k < n && (in[k] == ' ' || in[k] == '"')) ++k;
        std::size_t v = k;
        while (v < n && !std::isspace(static_cast<unsigned char>(in[v])) && in[v] != '&' && in[v] != ',' &&
               in[v] != '"' && in[v] != ';' && in[v] != '}')
          ++v;
        if (v > k) {
          // "Authorization: Bearer <token>": the scheme is followed by the secret itself.
          const std::string scheme = lower(in.substr(k, v - k));
          if ((scheme == "bearer" || scheme == "basic") && v < n && in[v] == ' ') {
            ++v;
            while (v < n && !std::isspace(static_cast<unsigned char>(in[v])) && in[v] != '"' && in[v] != ',')
              ++v;
          }
          out.append(in.substr(i, k - i));
          out += "[redacted]";
          i = v;
          continue;
        }
      }
    }
    // e-mail: local@domain.tld
    if (c == '@' && i > 0 && i + 1 < n) {
      std::size_t start = out.size();
      while (start > 0 && is_email_local(out[start - 1])) --start;
      std::size_t end = i + 1;
      while (end < n && is_domain(in[end])) ++end;
      const auto domain = in.substr(i + 1, end - i - 1);
      if (start < out.size() && domain.find('.') != std::string_view::npos) {
        out.erase(start);
        out += "[email]";
        i = end;
        continue;
      }
    }
    // phone numbers: 7+ digits, optionally with a leading + and single separators
    if (c == '+' || std::isdigit(static_cast<unsigned char>(c))) {
      if (i == 0 || !(std::isalnum(static_cast<unsigned char>(in[i - 1])) || in[i - 1] == '-')) {
        std::size_t j = i + (c == '+' ? 1 : 0);
        int digits = 0;
        std::size_t last_digit = j;
        while (j < n) {
          if (std::isdigit(static_cast<unsigned char>(in[j]))) {
            ++digits;
            last_digit = j;
            ++j;
          } else if ((in[j] == ' ' || in[j] == '-' || in[j] == '.') && j + 1 < n &&
                     std::isdigit(static_cast<unsigned char>(in[j + 1])) && digits > 0) {
            ++j;
          } else {
            break;
          }
        }
        const bool ends_cleanly =
            last_digit + 1 >= n ||
            !(std::isalnum(static_cast<unsigned char>(in[last_digit + 1])) || in[last_digit + 1] == '_');
        if (digits >= 7 && digits <= 15 && ends_cleanly && (c == '+' || digits >= 9)) {
          out += "[phone:..";
          out += in[last_digit - 1];
          out += in[last_digit];
          out += ']';
          i = last_digit + 1;
          continue;
        }
      }
    }
    // long opaque tokens (keep UUIDs: they are identifiers, not credentials)
    if (is_word(c) && (i == 0 || !is_word(in[i - 1]))) {
      std::size_t j = i;
      while (j < n && is_word(in[j])) ++j;
      const auto word = in.substr(i, j - i);
      if (word.size() >= 32 && !looks_like_uuid(word) && !looks_like_name(word)) {
        out += "[redacted]";
        i = j;
        continue;
      }
      out.append(word);
      i = j;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

}  // namespace shopme::log
