#pragma once
// Prometheus text exposition: request counts and latency histograms by route (the pattern, never
// the raw path, so cardinality stays bounded) plus gauges that other parts register.
#include <array>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace shopme::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void observe(std::string_view method, std::string_view route, int status, double seconds);
  void add_gauge(std::string name, std::string help, std::function<double()> read);
  void add_counter(std::string name, std::string help, std::function<double()> read);
  [[nodiscard]] std::string render() const;

 private:
  struct Histogram {
    std::array<unsigned long long, kBuckets.size()> buckets{};
    unsigned long long count = 0;
    double sum = 0;
  };
  struct Callback {
    std::string name, help, type;
    std::function<double()> read;
  };
  mutable std::mutex mutex_;
  std::map<std::string, unsigned long long> requests_;  // key: method \x1f route \x1f status
  std::map<std::string, Histogram> latency_;            // key: method \x1f route
  std::vector<Callback> callbacks_;
};

}  // namespace shopme::http
