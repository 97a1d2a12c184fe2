#pragma once
// Fixed one-minute windows counted in PostgreSQL, so every server process behind a load balancer
// shares one count per key (docs/ARCHITECTURE.md explains the choice).
#include <pqxx/connection>
#include <string_view>

namespace shopme::postgres {

struct RateDecision {
  bool allowed = true;
  int limit = 0;
  int remaining = 0;
  long long reset_at = 0;  // unix seconds when the window ends
  int retry_after = 0;     // seconds, when not allowed
};

RateDecision hit_rate_limit(pqxx::connection& conn, std::string_view key, int limit, int window_seconds = 60);

}  // namespace shopme::postgres
