#include "infrastructure/postgres/rate_limiter.hpp"

#include <pqxx/pqxx>
#include <random>

#include "infrastructure/postgres/pqxx_compat.hpp"

namespace shopme::postgres {
namespace {

constexpr const char* kHit = R"sql(
INSERT INTO rate_limit_counters (key, window_start, count)
VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
RETURNING count, extract(epoch FROM window_start)::bigint + $2, extract(epoch FROM now())::bigint)sql";

constexpr const char* kPrune =
    "DELETE FROM rate_limit_counters WHERE window_start < now() - interval '10 minutes'";

}  // namespace

RateDecision hit_rate_limit(pqxx::connection& conn, std::string_view key, int limit, int window_seconds) {
  pqxx::work tx(conn);
  // A counter lost in a crash only forgives a few requests; not waiting for the disk flush keeps
  // the limiter cheap on every request.
  tx.exec0("SET LOCAL synchronous_commit = off");
  const auto r = tx.exec_params1(kHit, key, window_seconds);
  thread_local std::mt19937 rng{std::random_device{}()};
  if (rng() % 500 == 0) tx.exec0(kPrune);
  tx.commit();
  RateDecision d;
  const int count = r[0].as<int>();
  d.limit = limit;
  d.reset_at = r[1].as<long long>();
  d.allowed = count <= limit;
  d.remaining = d.allowed ? limit - count : 0;
  d.retry_after = d.allowed ? 0 : static_cast<int>(std::max(1LL, d.reset_at - r[2].as<long long>()));
  return d;
}

}  // namespace shopme::postgres
