#include "interfaces/http/metrics.hpp"

#include <fmt/format.h>

#include "config/build_info.hpp"

namespace shopme::http {
namespace {

std::vector<std::string_view> split_key(std::string_view key) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= key.size(); ++i) {
    if (i == key.size() || key[i] == '\x1f') {
      out.push_back(key.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::string label_value(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

void Metrics::observe(std::string_view method, std::string_view route, int status, double seconds) {
  std::string key;
  key.reserve(method.size() + route.size() + 6);
  key.append(method).append(1, '\x1f').append(route);
  std::lock_guard lock(mutex_);
  auto& h = latency_[key];
  ++h.count;
  h.sum += seconds;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  key.append(1, '\x1f').append(std::to_string(status));
  ++requests_[key];
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  callbacks_.push_back({std::move(name), std::move(help), "gauge", std::move(read)});
}

void Metrics::add_counter(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  callbacks_.push_back({std::move(name), std::move(help), "counter", std::move(read)});
}

std::string Metrics::render() const {
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it,
                 "# HELP shopme_build_info Build of the running server.\n# TYPE shopme_build_info gauge\n");
  fmt::format_to(it, "shopme_build_info{{version=\"{}\",commit=\"{}\",build_time=\"{}\"}} 1\n",
                 build_info::kVersion, build_info::kCommit, build_info::kBuildTime);
  std::lock_guard lock(mutex_);
  fmt::format_to(it, "# HELP shopme_http_requests_total HTTP requests by method, route and status.\n");
  fmt::format_to(it, "# TYPE shopme_http_requests_total counter\n");
  for (const auto& [key, n] : requests_) {
    const auto p = split_key(key);
    fmt::format_to(it, "shopme_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n", p[0],
                   label_value(p[1]), p[2], n);
  }
  fmt::format_to(it,
                 "# HELP shopme_http_request_duration_seconds Time from request read to response ready.\n");
  fmt::format_to(it, "# TYPE shopme_http_request_duration_seconds histogram\n");
  for (const auto& [key, h] : latency_) {
    const auto p = split_key(key);
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", p[0], label_value(p[1]));
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      fmt::format_to(it, "shopme_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                     kBuckets[i], h.buckets[i]);
    }
    fmt::format_to(it, "shopme_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, h.count);
    fmt::format_to(it, "shopme_http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
    fmt::format_to(it, "shopme_http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
  }
  for (const auto& c : callbacks_) {
    fmt::format_to(it, "# HELP {} {}\n# TYPE {} {}\n{} {}\n", c.name, c.help, c.name, c.type, c.name,
                   c.read());
  }
  return out;
}

}  // namespace shopme::http
