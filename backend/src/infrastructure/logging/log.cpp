#include "infrastructure/logging/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <fmt/format.h>
#include <chrono>
#include <ctime>

namespace shopme::log {
namespace {

thread_local std::string t_request_id;
std::shared_ptr<spdlog::logger> g_logger;

spdlog::level::level_enum to_spd(Level l) {
  switch (l) {
    case Level::kDebug:
      return spdlog::level::debug;
    case Level::kInfo:
      return spdlog::level::info;
    case Level::kWarn:
      return spdlog::level::warn;
    case Level::kError:
      return spdlog::level::err;
  }
  return spdlog::level::info;
}

const char* level_name(Level l) {
  switch (l) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

spdlog::logger& logger() {
  if (!g_logger) init("info");
  return *g_logger;
}

void append_timestamp(std::string& out) {
  const auto now = std::chrono::system_clock::now();
  const auto secs = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  fmt::format_to(std::back_inserter(out), "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, ms);
}

}  // namespace

void init(std::string_view level) {
  auto sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  auto lg = std::make_shared<spdlog::logger>("shopme", sink);
  lg->set_pattern("%v");
  lg->set_level(spdlog::level::from_str(std::string(level == "warning" ? "warn" : level)));
  lg->flush_on(spdlog::level::trace);
  g_logger = lg;
}

bool enabled(Level level) { return logger().should_log(to_spd(level)); }

void write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  auto& lg = logger();
  if (!lg.should_log(to_spd(level))) return;
  std::string line;
  line.reserve(256);
  line += "{\"ts\":\"";
  append_timestamp(line);
  line += "\",\"level\":\"";
  line += level_name(level);
  line += "\",\"msg\":\"";
  append_json_escaped(line, redact(message));
  line += '"';
  if (!t_request_id.empty()) {
    line += ",\"request_id\":\"";
    append_json_escaped(line, t_request_id);
    line += '"';
  }
  for (const auto& f : fields) {
    line += ",\"";
    append_json_escaped(line, f.key);
    line += "\":";
    std::visit(
        [&](const auto& v) {
          using V = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<V, std::string_view>) {
            line += '"';
            if (is_secret_name(f.key)) {
              line += "[redacted]\"";
              return;
            }
            append_json_escaped(line, redact(v));
            line += '"';
          } else if constexpr (std::is_same_v<V, bool>) {
            line += v ? "true" : "false";
          } else {
            fmt::format_to(std::back_inserter(line), "{}", v);
          }
        },
        f.value);
  }
  line += '}';
  lg.log(to_spd(level), line);
}

ScopedRequestId::ScopedRequestId(std::string_view id) : previous_(std::move(t_request_id)) {
  t_request_id = std::string(id);
}
ScopedRequestId::~ScopedRequestId() { t_request_id = std::move(previous_); }

void append_json_escaped(std::string& out, std::string_view text) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        } else {
          out += ch;
        }
    }
  }
}

}  // namespace shopme::log
