#include "interfaces/http/controllers/auth_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "application/identity/log_in.hpp"
#include "application/identity/manage_team.hpp"
#include "application/identity/passwords.hpp"
#include "infrastructure/crypto/sodium_secrets.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/identity_store.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/rate_limiter.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

constexpr int kAccessSeconds = 3600;
constexpr int kRefreshSeconds = postgres::kSessionDays * 24 * 3600;

// The access cookie goes with every request to this site; SameSite=Lax still keeps it off
// cross-site POSTs and lets a link from an e-mail open the dashboard logged in. The refresh cookie
// is only ever needed by /api/auth, so its path is narrowed there and it is Strict.
std::string cookie(const char* name, const std::string& value, const char* path, const char* same_site,
                   int max_age, bool secure) {
  std::string c = std::string(name) + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=" + same_site +
                  "; Max-Age=" + std::to_string(max_age);
  if (secure) c += "; Secure";
  return c;
}

boost::json::object user_json(const identity::User& u) {
  return {{"id", u.id}, {"email", u.email}, {"name", u.name}, {"language", u.language}};
}

std::string client_ip(const Request& req) { return req.remote_address; }

}  // namespace

void AuthController::clear_cookies(Response& res) const {
  res.headers.emplace_back("Set-Cookie", cookie(kAccessCookie, "", "/", "Lax", 0, cookies_.secure));
  res.headers.emplace_back("Set-Cookie",
                           cookie(kRefreshCookie, "", "/api/auth", "Strict", 0, cookies_.secure));
}

Response AuthController::me_response(Request& req, postgres::Db& db, const std::string& user_id,
                                     const std::string* session_id, const std::string* refresh_token) const {
  postgres::IdentityStore store(db.conn());
  const auto user = store.user_by_id(user_id);
  if (!user) return problem(req, 401, "Log in to continue.", "unauthenticated");
  boost::json::array memberships;
  for (const auto& m : store.memberships(user_id)) {
    memberships.push_back({{"workspaceId", m.workspace_id},
                           {"workspaceName", m.workspace_name},
                           {"workspaceSlug", m.workspace_slug},
                           {"workspaceStatus", m.workspace_status},
                           {"role", identity::to_string(m.role)}});
  }
  auto res = Response::json(200, boost::json::serialize(boost::json::object{{"user", user_json(*user)},
                                                                            {"memberships", memberships}}));
  res.set_header("Cache-Control", "no-store");
  if (session_id && refresh_token) {
    const long long now = unix_now();
    const auto jwt = crypto::sign_access_token(guard_.secrets().active(),
                                               {user_id, *session_id, now + kAccessSeconds}, now);
    res.headers.emplace_back("Set-Cookie",
                             cookie(kAccessCookie, jwt, "/", "Lax", kAccessSeconds, cookies_.secure));
    res.headers.emplace_back("Set-Cookie", cookie(kRefreshCookie, *refresh_token, "/api/auth", "Strict",
                                                  kRefreshSeconds, cookies_.secure));
  }
  return res;
}

std::optional<Response> AuthController::limit_auth_attempt(Request& req, postgres::Db& db,
                                                           const std::string& email) const {
  const auto by_ip = postgres::hit_rate_limit(db.conn(), "auth-ip:" + client_ip(req), login_ip_limit_);
  auto decision = by_ip;
  if (by_ip.allowed && !email.empty()) {
    auto normalized = email;
    for (auto& c : normalized) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    decision = postgres::hit_rate_limit(db.conn(), "auth-email:" + normalized, login_email_limit_);
  }
  if (decision.allowed) return std::nullopt;
  auto r = problem(req, 429,
                   "Too many attempts; try again in " + std::to_string(decision.retry_after) + " seconds.",
                   "rate-limited");
  r.set_header("Retry-After", std::to_string(decision.retry_after));
  r.set_header("X-RateLimit-Limit", std::to_string(decision.limit));
  r.set_header("X-RateLimit-Remaining", "0");
  r.set_header("X-RateLimit-Reset", std::to_string(decision.reset_at));
  return r;
}

Response AuthController::login(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  const auto email = in->string("email", true, 254);
  const auto password = in->string("password", true, 256);
  if (auto s = in->finish(); !s) return problem(req, s.error());
  if (auto limited = limit_auth_attempt(req, db, *email)) return std::move(*limited);

  postgres::IdentityStore store(db.conn());
  crypto::SodiumSecrets secrets;
  const auto ua = req.header("user-agent").value_or("");
  auto grant = identity::log_in({*email, *password, std::string(ua), client_ip(req)}, store, secrets);
  if (!grant) {
    log::info("login refused", {{"reason", grant.error().detail}});
    return problem(req, grant.error());
  }
  log::info("login", {{"user_id", grant->user_id}, {"session_id", grant->session_id}});
  return me_response(req, db, grant->user_id, &grant->session_id, &grant->refresh_token);
}

Response AuthController::refresh(Request& req, postgres::Db& db) const {
  postgres::IdentityStore store(db.conn());
  crypto::SodiumSecrets secrets;
  auto grant = identity::refresh_session(req.cookie(kRefreshCookie).value_or(""), store, secrets);
  if (!grant) {
    auto res = problem(req, grant.error());
    clear_cookies(res);
    return res;
  }
  return me_response(req, db, grant->user_id, &grant->session_id, &grant->refresh_token);
}

Response AuthController::logout(Request& req, postgres::Db& db) const {
  // Ends the session server-side whichever credential is still at hand.
  std::optional<std::string> session_id;
  if (auto claims = guard_.access_claims(req)) session_id = claims->session_id;
  pqxx::work tx(db.conn());
  if (session_id && is_uuid(*session_id)) {
    postgres::exec0(
        tx,
        "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = $1::uuid AND "
        "revoked_at IS "
        "NULL",
        *session_id);
  } else if (auto refresh = req.cookie(kRefreshCookie)) {
    crypto::SodiumSecrets secrets;
    postgres::exec0(
        tx,
        "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'logout' WHERE id = (SELECT "
        "session_id FROM "
        "refresh_tokens WHERE token_hash = $1) AND revoked_at IS NULL",
        secrets.digest(*refresh));
  }
  tx.commit();
  auto res = Response::empty(204);
  clear_cookies(res);
  return res;
}

Response AuthController::me(Request& req, postgres::Db& db) const {
  return me_response(req, db, req.principal->user_id, nullptr, nullptr);
}

constexpr const char* kListSessions = R"sql(
SELECT id::text, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(last_used_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), user_agent, ip
FROM auth_sessions WHERE user_id = $1::uuid AND revoked_at IS NULL AND expires_at > now()
ORDER BY last_used_at DESC)sql";

Response AuthController::sessions(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  boost::json::array items;
  for (const auto& r : postgres::exec(tx, kListSessions, req.principal->user_id)) {
    const auto id = r[0].as<std::string>();
    items.push_back({{"id", id},
                     {"createdAt", r[1].as<std::string>()},
                     {"lastUsedAt", r[2].as<std::string>()},
                     {"expiresAt", r[3].as<std::string>()},
                     {"userAgent", r[4].as<std::string>()},
                     {"ip", r[5].as<std::string>()},
                     {"current", id == req.principal->session_id}});
  }
  return Response::json(200, boost::json::serialize(boost::json::object{{"items", items}}));
}

Response AuthController::revoke_session(Request& req, postgres::Db& db) const {
  const auto& id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such session.");
  pqxx::work tx(db.conn());
  const auto r = postgres::exec(
      tx,
      "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'revoked_by_user' WHERE id = $1::uuid "
      "AND "
      "user_id = $2::uuid AND revoked_at IS NULL RETURNING id",
      id, req.principal->user_id);
  tx.commit();
  if (r.empty()) return problem(req, 404, "No such session.");
  auto res = Response::empty(204);
  if (id == req.principal->session_id) clear_cookies(res);
  return res;
}

Response AuthController::change_password(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  const auto current = in->string("currentPassword", true, 256);
  const auto next = in->string("newPassword", true, 256);
  if (auto s = in->finish(); !s) return problem(req, s.error());
  postgres::IdentityStore store(db.conn());
  crypto::SodiumSecrets secrets;
  if (auto s = identity::change_password(store, secrets, req.principal->user_id, req.principal->session_id,
                                         *current, *next);
      !s) {
    return problem(req, s.error());
  }
  return Response::empty(204);
}

Response AuthController::request_password_reset(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  const auto email = in->string("email", true, 254);
  if (auto s = in->finish(); !s) return problem(req, s.error());
  if (auto limited = limit_auth_attempt(req, db, *email)) return std::move(*limited);
  postgres::IdentityStore store(db.conn());
  crypto::SodiumSecrets secrets;
  identity::request_password_reset(store, secrets, *email, base_url_);
  return Response::json(202, R"({"status":"accepted"})");
}

Response AuthController::confirm_password_reset(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  const auto token = in->string("token", true, 256);
  const auto next = in->string("newPassword", true, 256);
  if (auto s = in->finish(); !s) return problem(req, s.error());
  if (auto limited = limit_auth_attempt(req, db, "")) return std::move(*limited);
  postgres::IdentityStore store(db.conn());
  crypto::SodiumSecrets secrets;
  if (auto s = identity::reset_password(store, secrets, *token, *next); !s) return problem(req, s.error());
  return Response::empty(204);
}

Response AuthController::invitation(Request& req, postgres::Db& db) const {
  postgres::IdentityStore store(db.conn());
  crypto::SodiumSecrets secrets;
  auto inv = identity::find_invitation(req.params["token"], store, secrets);
  if (!inv) return problem(req, inv.error());
  const bool existing = store.user_by_email(inv->email).has_value();
  return Response::json(200,
                        boost::json::serialize(boost::json::object{{"email", inv->email},
                                                                   {"workspaceName", inv->workspace_name},
                                                                   {"role", identity::to_string(inv->role)},
                                                                   {"expiresAt", inv->expires_at},
                                                                   {"existingUser", existing}}));
}

Response AuthController::accept_invitation(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  const auto name = in->string("name", false, 100);
  const auto password = in->string("password", true, 256);
  if (auto s = in->finish(); !s) return problem(req, s.error());
  if (auto limited = limit_auth_attempt(req, db, "")) return std::move(*limited);
  postgres::IdentityStore store(db.conn());
  crypto::SodiumSecrets secrets;
  const auto ua = req.header("user-agent").value_or("");
  auto grant = identity::accept_invitation(
      {req.params["token"], name.value_or(""), *password, std::string(ua), client_ip(req)}, store, secrets);
  if (!grant) return problem(req, grant.error());
  return me_response(req, db, grant->user_id, &grant->session_id, &grant->refresh_token);
}

}  // namespace shopme::http
