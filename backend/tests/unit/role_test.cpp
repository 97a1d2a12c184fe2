#include <gtest/gtest.h>

#include "domain/identity/role.hpp"

using namespace shopme::identity;

TEST(Roles, MatrixFollowsTheDocumentedPermissions) {
  EXPECT_TRUE(allows(Role::kAdmin, Action::kManageSettings));
  EXPECT_FALSE(allows(Role::kManager, Action::kManageSettings));
  EXPECT_TRUE(allows(Role::kManager, Action::kManageCatalog));
  EXPECT_TRUE(allows(Role::kManager, Action::kManageTeam));
  EXPECT_FALSE(allows(Role::kAgent, Action::kManageCatalog));
  EXPECT_TRUE(allows(Role::kAgent, Action::kUseInbox));
  EXPECT_TRUE(allows(Role::kAgent, Action::kProcessOrders));
  EXPECT_FALSE(allows(Role::kAgent, Action::kManageOrders));
  EXPECT_FALSE(allows(Role::kAgent, Action::kManageCustomers));
}

TEST(Roles, ManagersCannotTouchAdmins) {
  EXPECT_TRUE(may_manage_member(Role::kManager, Role::kAgent, Role::kManager));
  EXPECT_FALSE(may_manage_member(Role::kManager, Role::kAdmin, Role::kAgent));
  EXPECT_FALSE(may_manage_member(Role::kManager, Role::kAgent, Role::kAdmin));
  EXPECT_FALSE(may_manage_member(Role::kAgent, Role::kAgent, Role::kAgent));
  EXPECT_EQ(parse_role("manager"), Role::kManager);
  EXPECT_FALSE(parse_role("owner").has_value());
}
