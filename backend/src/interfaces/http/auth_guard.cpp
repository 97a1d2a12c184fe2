#include "interfaces/http/auth_guard.hpp"

#include <chrono>
#include <pqxx/pqxx>

#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/rate_limiter.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

bool state_changing(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// One autocommitted statement, one round trip: is the session alive, the caller's role in the
// workspace and its rate limit, and — for a caller who may go on and a route that is counted ($4 not
// NULL) — the hit counted in the caller's window (synchronous_commit off for it, as in
// rate_limiter.cpp: a lost count only forgives a few requests).
constexpr const char* kPrincipal = R"sql(
WITH p AS (
  SELECT EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.id = $1::uuid AND s.user_id = $2::uuid AND s.revoked_at IS NULL
                   AND s.expires_at > now() AND u.status = 'active') AS alive,
         (SELECT m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
          WHERE m.workspace_id = $3::uuid AND m.user_id = $2::uuid AND w.deleted_at IS NULL) AS role,
         (SELECT w.api_rate_limit FROM workspaces w WHERE w.id = $3::uuid) AS api_limit),
hit AS (
  INSERT INTO rate_limit_counters (key, window_start, count)
  SELECT $4::text, to_timestamp(floor(extract(epoch FROM now()) / 60) * 60), 1 FROM p
  WHERE $4::text IS NOT NULL AND p.alive AND ($3::uuid IS NULL OR p.role IS NOT NULL)
  ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
  RETURNING count, extract(epoch FROM window_start)::bigint + 60 AS reset_at)
SELECT p.alive, p.role, p.api_limit, hit.count, hit.reset_at, extract(epoch FROM now())::bigint,
       set_config('synchronous_commit', 'off', true)
FROM p LEFT JOIN hit ON true)sql";

}  // namespace

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

long long unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<Response> AuthGuard::check_csrf(const Request& req, const Route& route) const {
  if (!state_changing(req.method) || route.csrf_exempt) return std::nullopt;
  // A custom header cannot be sent cross-site without a CORS preflight, which this server never
  // grants; a browser always sends Origin on cross-site POSTs, so a matching Origin is also proof.
  if (auto xrw = req.header("x-requested-with"); xrw && *xrw == "shopme") return std::nullopt;
  if (auto origin = req.header("origin")) {
    if (auto host = req.header("host")) {
      if (*origin == "http://" + std::string(*host) || *origin == "https://" + std::string(*host))
        return std::nullopt;
    }
    if (!public_base_url_.empty() && *origin == public_base_url_) return std::nullopt;
  }
  return problem(
      req, 403, "Cross-site request refused: send the X-Requested-With header or a matching Origin.", "csrf");
}

std::optional<crypto::AccessClaims> AuthGuard::access_claims(const Request& req) const {
  auto token = req.cookie(kAccessCookie);
  if (!token) {
    // API clients may send the token as a bearer header instead of the cookie.
    if (auto auth = req.header("authorization"); auth && auth->rfind("Bearer ", 0) == 0) {
      token = std::string(auth->substr(7));
    }
  }
  if (!token) return std::nullopt;
  return crypto::verify_access_token(secrets_, *token, unix_now());
}

std::optional<Response> AuthGuard::authorize(Request& req, const Route& route, postgres::Db& db,
                                             HeaderList& headers) const {
  if (route.permission == Permission::kPublic) return std::nullopt;
  const auto claims = access_claims(req);
  if (!claims || !is_uuid(claims->session_id) || !is_uuid(claims->user_id)) {
    return problem(req, 401, "Log in to continue.", "unauthenticated");
  }
  std::string workspace_id;
  if (route.permission == Permission::kWorkspace) {
    workspace_id = req.params["workspaceId"];
    // Not a workspace id at all: the same 404 as a workspace the caller does not belong to.
    if (!is_uuid(workspace_id)) return problem(req, 404, "No such workspace.");
  }
  const bool counted = route.limit == Limit::kGeneral;
  const auto key = counted ? std::optional<std::string>("api:" + claims->user_id +
                                                        (workspace_id.empty() ? "" : ":" + workspace_id))
                           : std::nullopt;
  auto& conn = db.conn();
  pqxx::row row;
  {
    pqxx::nontransaction tx(conn);
    row = postgres::exec1(
        tx, kPrincipal, claims->session_id, claims->user_id,
        workspace_id.empty() ? std::optional<std::string>() : std::optional<std::string>(workspace_id), key);
  }
  if (!row[0].as<bool>()) return problem(req, 401, "The session has ended; log in again.", "unauthenticated");
  Principal p{claims->user_id, claims->session_id, workspace_id, identity::Role::kAgent};
  int limit = default_api_limit_;
  if (route.permission == Permission::kWorkspace) {
    if (row[1].is_null()) return problem(req, 404, "No such workspace.");
    p.role = identity::parse_role(row[1].as<std::string>()).value_or(identity::Role::kAgent);
    if (!identity::allows(p.role, route.action)) {
      return problem(req, 403, "Your role in this workspace does not allow this.", "forbidden");
    }
    limit = row[2].as<int>();
  }
  req.principal = std::move(p);
  if (counted) {
    postgres::prune_rate_limits_sometimes(conn);
    const auto d =
        postgres::rate_decision(row[3].as<int>(), limit, row[4].as<long long>(), row[5].as<long long>());
    headers.emplace_back("X-RateLimit-Limit", std::to_string(d.limit));
    headers.emplace_back("X-RateLimit-Remaining", std::to_string(d.remaining));
    headers.emplace_back("X-RateLimit-Reset", std::to_string(d.reset_at));
    if (!d.allowed) {
      auto r =
          problem(req, 429, "Too many requests; try again in " + std::to_string(d.retry_after) + " seconds.",
                  "rate-limited");
      r.set_header("Retry-After", std::to_string(d.retry_after));
      return r;
    }
  }
  return std::nullopt;
}

}  // namespace shopme::http
