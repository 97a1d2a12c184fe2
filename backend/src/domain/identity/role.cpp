#include "domain/identity/role.hpp"

namespace shopme::identity {

std::optional<Role> parse_role(std::string_view text) {
  if (text == "admin") return Role::kAdmin;
  if (text == "manager") return Role::kManager;
  if (text == "agent") return Role::kAgent;
  return std::nullopt;
}

std::string_view to_string(Role role) {
  switch (role) {
    case Role::kAdmin:
      return "admin";
    case Role::kManager:
      return "manager";
    case Role::kAgent:
      return "agent";
  }
  return "agent";
}

bool allows(Role role, Action action) {
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kManager:
      return action != Action::kManageWorkspace && action != Action::kManageSettings &&
             action != Action::kViewMailOutbox;
    case Role::kAgent:
      return action == Action::kViewWorkspace || action == Action::kUseInbox ||
             action == Action::kViewCustomers || action == Action::kProcessOrders ||
             action == Action::kViewCatalog || action == Action::kViewTeam;
  }
  return false;
}

bool may_manage_member(Role actor, Role current_role, Role target_role) {
  if (actor == Role::kAdmin) return true;
  if (actor == Role::kManager) return current_role != Role::kAdmin && target_role != Role::kAdmin;
  return false;
}

}  // namespace shopme::identity
