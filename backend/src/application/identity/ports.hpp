#pragma once
// What the identity use cases need from the outside world. The PostgreSQL adapter is
// infrastructure/postgres/identity_store.cpp; unit tests use hand-written fakes.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/identity/role.hpp"
#include "domain/result.hpp"

namespace shopme::identity {

struct User {
  std::string id;
  std::string email;
  std::string name;
  std::string language;
  std::string status;  // active | disabled
  std::string password_hash;
};

struct Membership {
  std::string workspace_id;
  std::string workspace_name;
  std::string workspace_slug;
  std::string workspace_status;
  Role role = Role::kAgent;
};

struct SessionStart {
  std::string user_id;
  std::string refresh_hash;
  std::string user_agent;
  std::string ip;
};

struct Rotation {
  enum class Kind { kRotated, kReused, kInvalid } kind = Kind::kInvalid;
  std::string user_id;
  std::string session_id;
};

// Everything a team change needs, read under lock inside the store's transaction.
struct TeamState {
  Role actor_role = Role::kAgent;
  std::optional<Role> target_role;  // empty: the target is not a member
  int admins = 0;
};

struct Invitation {
  std::string workspace_id;
  std::string workspace_name;
  std::string id;
  std::string email;
  Role role = Role::kAgent;
  std::string expires_at;  // ISO 8601
  enum class State { kPending, kAccepted, kRevoked, kExpired } state = State::kPending;
};

struct Mail {
  std::optional<std::string> workspace_id;
  std::string to;
  std::string subject;
  std::string body;
};

class IdentityStore {
 public:
  virtual ~IdentityStore() = default;
  virtual std::optional<User> user_by_email(std::string_view email) = 0;
  virtual std::optional<User> user_by_id(std::string_view id) = 0;
  virtual std::vector<Membership> memberships(std::string_view user_id) = 0;
  // Starts a 7-day session with its first refresh token; returns the session id.
  virtual std::string start_session(const SessionStart& start) = 0;
  // Spends the presented refresh token and stores its successor in one transaction; a token used
  // before revokes its session (reuse detection).
  virtual Rotation rotate_refresh_token(std::string_view presented_hash, std::string_view next_hash) = 0;
  // Replaces the password and ends every session but `keep_session` (empty: all).
  virtual void set_password(std::string_view user_id, std::string_view hash,
                            std::string_view keep_session) = 0;

  // Growing lock-out after failed logins, keyed by e-mail address.
  virtual int locked_for_seconds(std::string_view key) = 0;
  virtual void record_login_failure(std::string_view key) = 0;
  virtual void clear_login_failures(std::string_view key) = 0;

  virtual void create_password_reset(std::string_view user_id, std::string_view token_hash) = 0;
  // Spends a reset token: kNotFound, kGone (used or expired), or the user id.
  virtual Result<std::string> spend_password_reset(std::string_view token_hash) = 0;

  // Team changes run `decide` on the state read under lock and apply the change only if it agrees.
  virtual Status change_membership(std::string_view workspace_id, std::string_view actor_id,
                                   std::string_view target_id, std::optional<Role> new_role,
                                   const std::function<Status(const TeamState&)>& decide) = 0;

  virtual Result<Invitation> create_invitation(std::string_view workspace_id, std::string_view actor_id,
                                               std::string_view email, Role role, std::string_view token_hash,
                                               const std::function<Status(const TeamState&)>& decide) = 0;
  virtual std::optional<Invitation> invitation_by_token(std::string_view token_hash) = 0;
  // Accepts a pending invitation for `user_id` (adds the membership) in one transaction.
  virtual Status accept_invitation(std::string_view token_hash, std::string_view user_id) = 0;
  virtual std::string create_user(std::string_view email, std::string_view name,
                                  std::string_view password_hash, std::string_view language) = 0;

  virtual void send_mail(const Mail& mail) = 0;
};

// Password hashing and opaque tokens (libsodium in production).
class Secrets {
 public:
  virtual ~Secrets() = default;
  virtual std::string hash_password(std::string_view password) = 0;
  virtual bool verify_password(std::string_view hash, std::string_view password) = 0;
  virtual std::string new_token() = 0;                     // >= 256 bits, URL-safe
  virtual std::string digest(std::string_view token) = 0;  // how tokens are stored
};

}  // namespace shopme::identity
