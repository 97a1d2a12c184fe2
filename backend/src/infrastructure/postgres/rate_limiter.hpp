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

// Counts one hit for `key` in the current window: one statement, committed without waiting for
// the disk (a counter lost in a crash only forgives a few requests).
RateDecision hit_rate_limit(pqxx::connection& conn, std::string_view key, int limit, int window_seconds = 60);

// The decision for the `count`-th hit of a window ending at `reset_at`, seen at `now` (unix s).
RateDecision rate_decision(int count, int limit, long long reset_at, long long now);

// Deletes windows that ended long ago; called now and then by whoever counts.
void prune_rate_limits_sometimes(pqxx::connection& conn);

}  // namespace shopme::postgres
