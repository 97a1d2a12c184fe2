#pragma once
#include "application/identity/log_in.hpp"
#include "application/identity/ports.hpp"

namespace shopme::identity {

// Changes a member's role (`new_role`) or removes the member (empty), enforcing the team rules.
Status change_member(IdentityStore& store, std::string_view workspace_id, std::string_view actor_id,
                     std::string_view target_id, std::optional<Role> new_role);

struct InviteCommand {
  std::string workspace_id;
  std::string actor_id;
  std::string email;
  std::string role;
  std::string base_url;  // links in the e-mail point here
};
// Records a 7-day single-use invitation and e-mails its link.
Result<Invitation> invite_member(const InviteCommand& cmd, IdentityStore& store, Secrets& secrets);

struct AcceptInvitationCommand {
  std::string token;
  std::string name;
  std::string password;
  std::string user_agent;
  std::string ip;
};
// New address: creates the user. Known address: the password must be that user's. Then joins the
// workspace and starts a session.
Result<SessionGrant> accept_invitation(const AcceptInvitationCommand& cmd, IdentityStore& store,
                                       Secrets& secrets);

// Looks an invitation up for its page: 404 unknown, 410 used, revoked or expired.
Result<Invitation> find_invitation(std::string_view token, IdentityStore& store, Secrets& secrets);

}  // namespace shopme::identity
