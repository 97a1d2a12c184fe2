#include "interfaces/http/auth_guard.hpp"

#include <chrono>
#include <pqxx/pqxx>

#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/rate_limiter.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

bool state_changing(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

// One round trip: is the session alive, and (for workspace routes) the caller's role and the
// workspace's rate limit.
constexpr const char* kPrincipal = R"sql(
SELECT EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
               WHERE s.id = $1::uuid AND s.user_id = $2::uuid AND s.revoked_at IS NULL AND s.expires_at > now()
                 AND u.status = 'active'),
       (SELECT m.role FROM memberships m JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.workspace_id = $3::uuid AND m.user_id = $2::uuid AND w.deleted_at IS NULL),
       (SELECT w.api_rate_limit FROM workspaces w WHERE w.id = $3::uuid))sql";

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
  auto& conn = db.conn();
  pqxx::row row;
  {
    pqxx::read_transaction tx(conn);
    row = tx.exec_params1(
        kPrincipal, claims->session_id, claims->user_id,
        workspace_id.empty() ? std::optional<std::string>() : std::optional<std::string>(workspace_id));
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
  if (route.limit == Limit::kGeneral) {
    const std::string key =
        "api:" + req.principal->user_id + (workspace_id.empty() ? std::string() : ":" + workspace_id);
    const auto d = postgres::hit_rate_limit(conn, key, limit);
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
