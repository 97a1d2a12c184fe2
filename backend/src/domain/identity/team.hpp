#pragma once
// Team rules: who may change whose role, and a workspace never loses its last Admin.
#include <optional>

#include "domain/identity/role.hpp"
#include "domain/result.hpp"

namespace shopme::identity {

// `new_role` empty means removal. `admins` counts the workspace's Admins before the change.
Status check_membership_change(Role actor, Role target_current, std::optional<Role> new_role, int admins);

}  // namespace shopme::identity
