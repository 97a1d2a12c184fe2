#include "application/identity/manage_team.hpp"

#include "application/identity/log_in.hpp"
#include "domain/identity/credentials.hpp"
#include "domain/identity/team.hpp"

namespace shopme::identity {

Status change_member(IdentityStore& store, std::string_view workspace_id, std::string_view actor_id,
                     std::string_view target_id, std::optional<Role> new_role) {
  return store.change_membership(
      workspace_id, actor_id, target_id, new_role, [&](const TeamState& s) -> Status {
        if (!s.target_role) return Error::not_found("No such member in this workspace.");
        return check_membership_change(s.actor_role, *s.target_role, new_role, s.admins);
      });
}

Result<Invitation> invite_member(const InviteCommand& cmd, IdentityStore& store, Secrets& secrets) {
  std::vector<FieldError> fields;
  const auto email = normalize_email(cmd.email);
  if (!email) fields.push_back({"email", "must be an e-mail address"});
  const auto role = parse_role(cmd.role);
  if (!role) fields.push_back({"role", "must be admin, manager or agent"});
  if (!fields.empty()) return Error::invalid(std::move(fields));

  const std::string token = secrets.new_token();
  auto inv = store.create_invitation(
      cmd.workspace_id, cmd.actor_id, *email, *role, secrets.digest(token),
      [&](const TeamState& s) -> Status {
        if (!allows(s.actor_role, Action::kManageTeam) || !may_manage_member(s.actor_role, *role, *role)) {
          return Error::forbidden("Your role cannot invite someone as " + std::string(to_string(*role)) +
                                  ".");
        }
        if (s.target_role) {
          return Error::conflict("This person is already a member.");
        }
        return ok();
      });
  if (!inv) return inv;
  store.send_mail({cmd.workspace_id, *email, "You are invited to " + inv->workspace_name + " on ShopMe",
                   "You have been invited to join " + inv->workspace_name + " on ShopMe as " +
                       std::string(to_string(*role)) + ".\n\nAccept the invitation within 7 days:\n" +
                       cmd.base_url + "/invite/" + token +
                       "\n\nIf you did not expect this, ignore this e-mail.\n"});
  return inv;
}

Result<Invitation> find_invitation(std::string_view token, IdentityStore& store, Secrets& secrets) {
  if (token.empty() || token.size() > 256) return Error::not_found("This invitation does not exist.");
  auto inv = store.invitation_by_token(secrets.digest(token));
  if (!inv) return Error::not_found("This invitation does not exist.");
  if (inv->state != Invitation::State::kPending) {
    return Error::gone("This invitation was already used, revoked or has expired; ask for a new one.");
  }
  return *inv;
}

Result<SessionGrant> accept_invitation(const AcceptInvitationCommand& cmd, IdentityStore& store,
                                       Secrets& secrets) {
  auto inv = find_invitation(cmd.token, store, secrets);
  if (!inv) return inv.error();
  std::string user_id;
  if (const auto existing = store.user_by_email(inv->email)) {
    if (!secrets.verify_password(existing->password_hash, cmd.password)) {
      return Error::invalid({{"password", "is not the password of " + inv->email}});
    }
    user_id = existing->id;
  } else {
    std::vector<FieldError> fields;
    if (cmd.name.empty() || cmd.name.size() > 100)
      fields.push_back({"name", "is required (at most 100 characters)"});
    if (auto p = password_problem(cmd.password, inv->email)) fields.push_back({"password", *p});
    if (!fields.empty()) return Error::invalid(std::move(fields));
    user_id = store.create_user(inv->email, cmd.name, secrets.hash_password(cmd.password), "en");
  }
  if (auto s = store.accept_invitation(secrets.digest(cmd.token), user_id); !s) return s.error();
  SessionGrant grant{user_id, {}, secrets.new_token()};
  grant.session_id =
      store.start_session({user_id, secrets.digest(grant.refresh_token), cmd.user_agent, cmd.ip});
  return grant;
}

}  // namespace shopme::identity
