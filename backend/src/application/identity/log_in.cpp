#include "application/identity/log_in.hpp"

#include "domain/identity/credentials.hpp"

namespace shopme::identity {
namespace {

const Error kWrongCredentials = Error::unauthorized("The e-mail address or the password is wrong.");

}  // namespace

Result<SessionGrant> log_in(const LogInCommand& cmd, IdentityStore& store, Secrets& secrets) {
  std::vector<FieldError> fields;
  const auto email = normalize_email(cmd.email);
  if (!email) fields.push_back({"email", "must be an e-mail address"});
  if (cmd.password.empty()) fields.push_back({"password", "is required"});
  if (!fields.empty()) return Error::invalid(std::move(fields));

  const std::string lock_key = "email:" + *email;
  if (const int wait = store.locked_for_seconds(lock_key); wait > 0) {
    return Error::rate_limited(
        "Too many failed attempts for this account; try again in " + std::to_string(wait) + " seconds.",
        wait);
  }
  const auto user = store.user_by_email(*email);
  // Verify even without a user so that response time does not reveal which addresses exist.
  static const std::string kDummy = secrets.hash_password("not a real password, only for timing");
  const bool matches = secrets.verify_password(user ? user->password_hash : kDummy, cmd.password);
  if (!user || !matches || user->status != "active") {
    store.record_login_failure(lock_key);
    return kWrongCredentials;
  }
  store.clear_login_failures(lock_key);
  SessionGrant grant{user->id, {}, secrets.new_token()};
  grant.session_id =
      store.start_session({user->id, secrets.digest(grant.refresh_token), cmd.user_agent, cmd.ip});
  return grant;
}

Result<SessionGrant> refresh_session(std::string_view refresh_token, IdentityStore& store, Secrets& secrets) {
  if (refresh_token.empty()) return Error::unauthorized("No session.");
  SessionGrant grant{{}, {}, secrets.new_token()};
  const auto r =
      store.rotate_refresh_token(secrets.digest(refresh_token), secrets.digest(grant.refresh_token));
  switch (r.kind) {
    case Rotation::Kind::kRotated:
      grant.user_id = r.user_id;
      grant.session_id = r.session_id;
      return grant;
    case Rotation::Kind::kReused:
      return Error::unauthorized("This session was ended because an old refresh token was presented again.");
    case Rotation::Kind::kInvalid:
      break;
  }
  return Error::unauthorized("The session has ended; log in again.");
}

}  // namespace shopme::identity
