#include "application/identity/passwords.hpp"

#include "domain/identity/credentials.hpp"

namespace shopme::identity {

Status change_password(IdentityStore& store, Secrets& secrets, std::string_view user_id,
                       std::string_view session_id, std::string_view current, std::string_view next) {
  const auto user = store.user_by_id(user_id);
  if (!user) return Error::unauthorized();
  if (!secrets.verify_password(user->password_hash, current)) {
    return Error::invalid({{"currentPassword", "is not your current password"}});
  }
  if (auto p = password_problem(next, user->email)) return Error::invalid({{"newPassword", *p}});
  store.set_password(user_id, secrets.hash_password(next), session_id);
  return ok();
}

void request_password_reset(IdentityStore& store, Secrets& secrets, std::string_view email,
                            std::string_view base_url) {
  const auto normalized = normalize_email(email);
  if (!normalized) return;
  const auto user = store.user_by_email(*normalized);
  if (!user || user->status != "active") return;
  const std::string token = secrets.new_token();
  store.create_password_reset(user->id, secrets.digest(token));
  store.send_mail(
      {std::nullopt, user->email, "Reset your ShopMe password",
       "Someone asked to reset the password of your ShopMe account.\n\nChoose a new password within 1 "
       "hour:\n" +
           std::string(base_url) + "/reset-password/" + token +
           "\n\nIf it was not you, ignore this e-mail: your password stays as it is.\n"});
}

Status reset_password(IdentityStore& store, Secrets& secrets, std::string_view token, std::string_view next) {
  if (token.empty() || token.size() > 256) return Error::not_found("This link does not exist.");
  // Checked before the link is spent, so a rejected password does not cost the customer the link.
  if (auto p = password_problem(next, "")) return Error::invalid({{"newPassword", *p}});
  auto user_id = store.spend_password_reset(secrets.digest(token));
  if (!user_id) return user_id.error();
  const auto user = store.user_by_id(user_id.value());
  if (!user) return Error::not_found("This link does not exist.");
  if (auto p = password_problem(next, user->email)) return Error::invalid({{"newPassword", *p}});
  store.set_password(user->id, secrets.hash_password(next), "");
  return ok();
}

}  // namespace shopme::identity
