#pragma once
// Roles inside a workspace and what each may do: the permission matrix of docs/PERMISSIONS.md.
#include <optional>
#include <string_view>

namespace shopme::identity {

enum class Role { kAdmin, kManager, kAgent };

enum class Action {
  kViewWorkspace,    // see the workspace and its dashboard
  kManageWorkspace,  // edit or deactivate the workspace
  kManageSettings,   // channel, payment and AI settings
  kViewTeam,
  kManageTeam,     // invite, change roles, remove (Managers: not Admins)
  kManageCatalog,  // products, categories, services, FAQs, offers
  kViewCatalog,
  kManageCustomers,
  kViewCustomers,
  kManageOrders,   // create, cancel, refund
  kProcessOrders,  // status changes, tracking
  kUseInbox,
  kViewMailOutbox,
};

std::optional<Role> parse_role(std::string_view text);
std::string_view to_string(Role role);
bool allows(Role role, Action action);
// Whether `actor` may give `target_role` to someone or change/remove someone who has `current_role`.
bool may_manage_member(Role actor, Role current_role, Role target_role);

}  // namespace shopme::identity
