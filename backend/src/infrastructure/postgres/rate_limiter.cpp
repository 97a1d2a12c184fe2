#include "infrastructure/postgres/rate_limiter.hpp"

#include <algorithm>
#include <pqxx/pqxx>
#include <random>

#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::postgres {
namespace {

// Autocommitted on its own; set_config(…, true) lasts until that implicit transaction's commit,
// which then does not wait for the WAL flush.
constexpr const char* kHit = R"sql(
INSERT INTO rate_limit_counters (key, window_start, count)
VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
RETURNING count, extract(epoch FROM window_start)::bigint + $2, extract(epoch FROM now())::bigint,
          set_config('synchronous_commit', 'off', true))sql";

constexpr const char* kPrune =
    "DELETE FROM rate_limit_counters WHERE window_start < now() - interval '10 minutes'";

}  // namespace

RateDecision rate_decision(int count, int limit, long long reset_at, long long now) {
  RateDecision d;
  d.limit = limit;
  d.reset_at = reset_at;
  d.allowed = count <= limit;
  d.remaining = d.allowed ? limit - count : 0;
  d.retry_after = d.allowed ? 0 : static_cast<int>(std::max(1LL, reset_at - now));
  return d;
}

void prune_rate_limits_sometimes(pqxx::connection& conn) {
  thread_local std::mt19937 rng{std::random_device{}()};
  if (rng() % 500 != 0) return;
  pqxx::nontransaction tx(conn);
  tx.exec0(kPrune);
}

RateDecision hit_rate_limit(pqxx::connection& conn, std::string_view key, int limit, int window_seconds) {
  pqxx::row r;
  {
    pqxx::nontransaction tx(conn);
    r = exec1(tx, kHit, key, window_seconds);
  }
  prune_rate_limits_sometimes(conn);
  return rate_decision(r[0].as<int>(), limit, r[1].as<long long>(), r[2].as<long long>());
}

}  // namespace shopme::postgres
