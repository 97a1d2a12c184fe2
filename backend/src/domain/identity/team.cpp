#include "domain/identity/team.hpp"

namespace shopme::identity {

Status check_membership_change(Role actor, Role target_current, std::optional<Role> new_role, int admins) {
  if (!allows(actor, Action::kManageTeam)) return Error::forbidden("Your role cannot change the team.");
  if (!may_manage_member(actor, target_current, new_role.value_or(target_current))) {
    return Error::forbidden("Only an Admin can change an Admin or make someone Admin.");
  }
  const bool loses_admin = target_current == Role::kAdmin && (!new_role || *new_role != Role::kAdmin);
  if (loses_admin && admins <= 1) {
    return Error::conflict("A workspace needs at least one Admin: make someone else Admin first.");
  }
  return ok();
}

}  // namespace shopme::identity
