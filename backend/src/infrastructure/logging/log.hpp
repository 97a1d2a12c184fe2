#pragma once
// One JSON object per line on stdout, through spdlog. Every string field passes through redact(), so
// a phone number, e-mail, bearer token or secret that slips into a log call is masked anyway.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

namespace shopme::log {

struct Field {
  using Value = std::variant<std::string_view, std::int64_t, double, bool>;
  std::string_view key;
  Value value;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  template <class I, class = std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>>
  Field(std::string_view k, I v) : key(k), value(static_cast<std::int64_t>(v)) {}
};

enum class Level { kDebug, kInfo, kWarn, kError };

void init(std::string_view level);
bool enabled(Level level);
void write(Level level, std::string_view message, std::initializer_list<Field> fields);

inline void debug(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::kDebug, m, f); }
inline void info(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::kInfo, m, f); }
inline void warn(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::kWarn, m, f); }
inline void error(std::string_view m, std::initializer_list<Field> f = {}) { write(Level::kError, m, f); }

// The request id of the work this thread is doing; added to every line while set.
class ScopedRequestId {
 public:
  explicit ScopedRequestId(std::string_view id);
  ~ScopedRequestId();
  ScopedRequestId(const ScopedRequestId&) = delete;
  ScopedRequestId& operator=(const ScopedRequestId&) = delete;

 private:
  std::string previous_;
};

// Masks e-mail addresses, phone numbers, bearer tokens, long opaque tokens and `secret=value` pairs.
std::string redact(std::string_view text);

// True for names such as password, token, secret, api_key: their values are never logged.
bool is_secret_name(std::string_view key);

// Appends `text` to `out` as the body of a JSON string (without quotes).
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace shopme::log
