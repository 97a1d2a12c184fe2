#include "infrastructure/postgres/identity_store.hpp"

#include <pqxx/pqxx>

#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::postgres {
namespace {

using identity::Role;

identity::User to_user(const pqxx::row& r) {
  return {r["id"].as<std::string>(),     r["email"].as<std::string>(),
          r["name"].as<std::string>(),   r["language"].as<std::string>(),
          r["status"].as<std::string>(), r["password_hash"].as<std::string>()};
}

Role role_of(const pqxx::field& f) {
  return identity::parse_role(f.as<std::string>()).value_or(Role::kAgent);
}

// Locks the workspace's memberships so that two concurrent changes cannot both remove "the other"
// Admin, then reads what a team decision needs.
identity::TeamState team_state(pqxx::work& tx, std::string_view ws, std::string_view actor,
                               std::optional<std::string_view> target) {
  identity::TeamState s;
  const auto rows = postgres::exec(
      tx, "SELECT user_id::text, role FROM memberships WHERE workspace_id = $1 ORDER BY user_id FOR UPDATE",
      ws);
  for (const auto& r : rows) {
    const auto uid = r[0].as<std::string>();
    const Role role = role_of(r[1]);
    if (role == Role::kAdmin) ++s.admins;
    if (uid == actor) s.actor_role = role;
    if (target && uid == *target) s.target_role = role;
  }
  return s;
}

constexpr const char* kUserByEmail =
    "SELECT id::text, email, name, language, status, password_hash FROM users WHERE lower(email) = lower($1)";
constexpr const char* kUserById =
    "SELECT id::text, email, name, language, status, password_hash FROM users WHERE id = $1::uuid";

}  // namespace

std::optional<identity::User> IdentityStore::user_by_email(std::string_view email) {
  pqxx::read_transaction tx(conn_);
  const auto r = postgres::exec(tx, kUserByEmail, email);
  if (r.empty()) return std::nullopt;
  return to_user(r[0]);
}

std::optional<identity::User> IdentityStore::user_by_id(std::string_view id) {
  pqxx::read_transaction tx(conn_);
  const auto r = postgres::exec(tx, kUserById, id);
  if (r.empty()) return std::nullopt;
  return to_user(r[0]);
}

constexpr const char* kMemberships =
    "SELECT w.id::text, w.name, w.slug, w.status, m.role FROM memberships m JOIN workspaces w ON w.id = "
    "m.workspace_id WHERE m.user_id = $1::uuid AND w.deleted_at IS NULL ORDER BY w.name";

std::vector<identity::Membership> IdentityStore::memberships(std::string_view user_id) {
  pqxx::read_transaction tx(conn_);
  std::vector<identity::Membership> out;
  for (const auto& r : postgres::exec(tx, kMemberships, user_id)) {
    out.push_back({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                   r[3].as<std::string>(), role_of(r[4])});
  }
  return out;
}

constexpr const char* kStartSession =
    "INSERT INTO auth_sessions (user_id, expires_at, user_agent, ip) VALUES ($1::uuid, now() + "
    "make_interval(days "
    "=> $2), left($3, 300), left($4, 64)) RETURNING id::text";
constexpr const char* kInsertRefresh =
    "INSERT INTO refresh_tokens (token_hash, session_id, expires_at) SELECT $1, id, expires_at FROM "
    "auth_sessions "
    "WHERE id = $2::uuid";

std::string IdentityStore::start_session(const identity::SessionStart& start) {
  pqxx::work tx(conn_);
  const auto sid =
      postgres::exec1(tx, kStartSession, start.user_id, kSessionDays, start.user_agent, start.ip)[0]
          .as<std::string>();
  postgres::exec0(tx, kInsertRefresh, start.refresh_hash, sid);
  tx.commit();
  return sid;
}

constexpr const char* kFindRefresh =
    "SELECT t.session_id::text, t.used_at IS NOT NULL, t.expires_at <= now(), s.revoked_at IS NOT NULL OR "
    "s.expires_at <= now(), s.user_id::text, u.status = 'active' FROM refresh_tokens t JOIN auth_sessions s "
    "ON s.id "
    "= t.session_id JOIN users u ON u.id = s.user_id WHERE t.token_hash = $1 FOR UPDATE OF t, s";

identity::Rotation IdentityStore::rotate_refresh_token(std::string_view presented_hash,
                                                       std::string_view next_hash) {
  pqxx::work tx(conn_);
  const auto r = postgres::exec(tx, kFindRefresh, presented_hash);
  if (r.empty()) return {};
  const auto sid = r[0][0].as<std::string>();
  if (r[0][1].as<bool>()) {
    postgres::exec0(tx,
                    "UPDATE auth_sessions SET revoked_at = coalesce(revoked_at, now()), revoked_reason = "
                    "coalesce(revoked_reason, 'refresh_token_reuse') WHERE id = $1::uuid",
                    sid);
    tx.commit();
    return {identity::Rotation::Kind::kReused, {}, sid};
  }
  if (r[0][2].as<bool>() || r[0][3].as<bool>() || !r[0][5].as<bool>()) return {};
  postgres::exec0(tx, "UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1", presented_hash);
  postgres::exec0(tx, kInsertRefresh, next_hash, sid);
  postgres::exec0(tx, "UPDATE auth_sessions SET last_used_at = now() WHERE id = $1::uuid", sid);
  tx.commit();
  return {identity::Rotation::Kind::kRotated, r[0][4].as<std::string>(), sid};
}

void IdentityStore::set_password(std::string_view user_id, std::string_view hash,
                                 std::string_view keep_session) {
  pqxx::work tx(conn_);
  postgres::exec0(tx, "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1::uuid", user_id,
                  hash);
  postgres::exec0(
      tx,
      "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'password_changed' WHERE user_id = "
      "$1::uuid AND "
      "revoked_at IS NULL AND id::text <> $2",
      user_id, keep_session);
  tx.commit();
}

int IdentityStore::locked_for_seconds(std::string_view key) {
  pqxx::read_transaction tx(conn_);
  const auto r = postgres::exec(
      tx,
      "SELECT ceil(extract(epoch FROM locked_until - now()))::int FROM login_lockouts WHERE key = $1 AND "
      "locked_until > now()",
      key);
  return r.empty() ? 0 : r[0][0].as<int>();
}

// Every fifth consecutive failure locks the account out: 1 minute, then 2, 4, … up to an hour.
constexpr const char* kRecordFailure = R"sql(
INSERT INTO login_lockouts (key, failures, updated_at) VALUES ($1, 1, now())
ON CONFLICT (key) DO UPDATE SET
  failures = login_lockouts.failures + 1,
  updated_at = now(),
  locked_until = CASE WHEN (login_lockouts.failures + 1) % 5 = 0
                      THEN now() + least(interval '1 hour',
                                         interval '1 minute' * power(2, (login_lockouts.failures + 1) / 5 - 1))
                      ELSE login_lockouts.locked_until END)sql";

void IdentityStore::record_login_failure(std::string_view key) {
  pqxx::work tx(conn_);
  postgres::exec0(tx, kRecordFailure, key);
  tx.commit();
}

void IdentityStore::clear_login_failures(std::string_view key) {
  pqxx::work tx(conn_);
  postgres::exec0(tx, "DELETE FROM login_lockouts WHERE key = $1", key);
  tx.commit();
}

void IdentityStore::create_password_reset(std::string_view user_id, std::string_view token_hash) {
  pqxx::work tx(conn_);
  postgres::exec0(
      tx,
      "INSERT INTO password_resets (token_hash, user_id, expires_at) VALUES ($1, $2::uuid, now() + interval "
      "'1 "
      "hour')",
      token_hash, user_id);
  tx.commit();
}

Result<std::string> IdentityStore::spend_password_reset(std::string_view token_hash) {
  pqxx::work tx(conn_);
  const auto r = postgres::exec(
      tx,
      "SELECT user_id::text, used_at IS NOT NULL OR expires_at <= now() FROM password_resets WHERE "
      "token_hash = $1 "
      "FOR UPDATE",
      token_hash);
  if (r.empty()) return Error::not_found("This link does not exist.");
  if (r[0][1].as<bool>()) return Error::gone("This link was already used or has expired; ask for a new one.");
  postgres::exec0(tx, "UPDATE password_resets SET used_at = now() WHERE token_hash = $1", token_hash);
  tx.commit();
  return r[0][0].as<std::string>();
}

Status IdentityStore::change_membership(std::string_view workspace_id, std::string_view actor_id,
                                        std::string_view target_id, std::optional<Role> new_role,
                                        const std::function<Status(const identity::TeamState&)>& decide) {
  pqxx::work tx(conn_);
  const auto state = team_state(tx, workspace_id, actor_id, target_id);
  if (auto s = decide(state); !s) return s;
  if (new_role) {
    postgres::exec0(tx,
                    "UPDATE memberships SET role = $3 WHERE workspace_id = $1::uuid AND user_id = $2::uuid",
                    workspace_id, target_id, std::string(identity::to_string(*new_role)));
  } else {
    postgres::exec0(tx, "DELETE FROM memberships WHERE workspace_id = $1::uuid AND user_id = $2::uuid",
                    workspace_id, target_id);
    // A removed member's sessions keep working for their other workspaces; this one now answers 404.
  }
  postgres::exec0(
      tx,
      "INSERT INTO audit_log (workspace_id, actor_user_id, action, target, details) VALUES ($1::uuid, "
      "$2::uuid, $3, "
      "$4, $5::jsonb)",
      workspace_id, actor_id, new_role ? "member.role_changed" : "member.removed", target_id,
      new_role ? "{\"role\":\"" + std::string(identity::to_string(*new_role)) + "\"}" : std::string("{}"));
  tx.commit();
  return ok();
}

constexpr const char* kInvitationByToken = R"sql(
SELECT i.workspace_id::text, w.name, i.id::text, i.email, i.role,
       to_char(i.expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted' WHEN i.revoked_at IS NOT NULL THEN 'revoked'
            WHEN i.expires_at <= now() OR w.deleted_at IS NOT NULL THEN 'expired' ELSE 'pending' END
FROM invitations i JOIN workspaces w ON w.id = i.workspace_id WHERE i.token_hash = $1)sql";

namespace {
identity::Invitation to_invitation(const pqxx::row& r) {
  identity::Invitation inv{r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                           r[3].as<std::string>(), role_of(r[4]),          r[5].as<std::string>()};
  const auto state = r[6].as<std::string>();
  using S = identity::Invitation::State;
  inv.state = state == "pending"    ? S::kPending
              : state == "accepted" ? S::kAccepted
              : state == "revoked"  ? S::kRevoked
                                    : S::kExpired;
  return inv;
}
}  // namespace

Result<identity::Invitation> IdentityStore::create_invitation(
    std::string_view workspace_id, std::string_view actor_id, std::string_view email, Role role,
    std::string_view token_hash, const std::function<Status(const identity::TeamState&)>& decide) {
  pqxx::work tx(conn_);
  const auto existing =
      postgres::exec(tx, "SELECT id::text FROM users WHERE lower(email) = lower($1)", email);
  const std::optional<std::string> target =
      existing.empty() ? std::nullopt : std::optional<std::string>(existing[0][0].as<std::string>());
  const auto state = team_state(tx, workspace_id, actor_id,
                                target ? std::optional<std::string_view>(*target) : std::nullopt);
  if (auto s = decide(state); !s) return s.error();
  // A new invitation for the same address replaces the pending one.
  postgres::exec0(
      tx,
      "UPDATE invitations SET revoked_at = now() WHERE workspace_id = $1::uuid AND lower(email) = lower($2) "
      "AND "
      "accepted_at IS NULL AND revoked_at IS NULL",
      workspace_id, email);
  postgres::exec0(
      tx,
      "INSERT INTO invitations (workspace_id, email, role, token_hash, invited_by, expires_at) VALUES "
      "($1::uuid, $2, "
      "$3, $4, $5::uuid, now() + interval '7 days')",
      workspace_id, email, std::string(identity::to_string(role)), token_hash, actor_id);
  postgres::exec0(
      tx,
      "INSERT INTO audit_log (workspace_id, actor_user_id, action, target) VALUES ($1::uuid, $2::uuid, "
      "'member.invited', $3)",
      workspace_id, actor_id, std::string(identity::to_string(role)));
  const auto r = postgres::exec(tx, kInvitationByToken, token_hash);
  tx.commit();
  return to_invitation(r[0]);
}

std::optional<identity::Invitation> IdentityStore::invitation_by_token(std::string_view token_hash) {
  pqxx::read_transaction tx(conn_);
  const auto r = postgres::exec(tx, kInvitationByToken, token_hash);
  if (r.empty()) return std::nullopt;
  return to_invitation(r[0]);
}

Status IdentityStore::accept_invitation(std::string_view token_hash, std::string_view user_id) {
  pqxx::work tx(conn_);
  const auto r = postgres::exec(
      tx,
      "UPDATE invitations SET accepted_at = now() WHERE token_hash = $1 AND accepted_at IS NULL AND "
      "revoked_at IS "
      "NULL AND expires_at > now() RETURNING workspace_id::text, role",
      token_hash);
  if (r.empty())
    return Error::gone("This invitation was already used, revoked or has expired; ask for a new one.");
  postgres::exec0(
      tx,
      "INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1::uuid, $2::uuid, $3) ON CONFLICT DO "
      "NOTHING",
      r[0][0].as<std::string>(), user_id, r[0][1].as<std::string>());
  postgres::exec0(tx,
                  "INSERT INTO audit_log (workspace_id, actor_user_id, action) VALUES ($1::uuid, $2::uuid, "
                  "'member.joined')",
                  r[0][0].as<std::string>(), user_id);
  tx.commit();
  return ok();
}

std::string IdentityStore::create_user(std::string_view email, std::string_view name,
                                       std::string_view password_hash, std::string_view language) {
  pqxx::work tx(conn_);
  const auto id =
      postgres::exec1(
          tx,
          "INSERT INTO users (email, name, password_hash, language) VALUES ($1, $2, $3, $4) RETURNING "
          "id::text",
          email, name, password_hash, language)[0]
          .as<std::string>();
  tx.commit();
  return id;
}

void IdentityStore::send_mail(const identity::Mail& mail) {
  pqxx::work tx(conn_);
  postgres::exec0(
      tx, "INSERT INTO mail_outbox (workspace_id, to_address, subject, body) VALUES ($1::uuid, $2, $3, $4)",
      mail.workspace_id ? std::optional<std::string>(*mail.workspace_id) : std::nullopt, mail.to,
      mail.subject, mail.body);
  tx.commit();
}

}  // namespace shopme::postgres
