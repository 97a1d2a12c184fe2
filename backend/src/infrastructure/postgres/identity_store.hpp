#pragma once
#include <pqxx/connection>

#include "application/identity/ports.hpp"

namespace shopme::postgres {

class IdentityStore final : public identity::IdentityStore {
 public:
  explicit IdentityStore(pqxx::connection& conn) : conn_(conn) {}

  std::optional<identity::User> user_by_email(std::string_view email) override;
  std::optional<identity::User> user_by_id(std::string_view id) override;
  std::vector<identity::Membership> memberships(std::string_view user_id) override;
  std::string start_session(const identity::SessionStart& start) override;
  identity::Rotation rotate_refresh_token(std::string_view presented_hash,
                                          std::string_view next_hash) override;
  void set_password(std::string_view user_id, std::string_view hash, std::string_view keep_session) override;
  int locked_for_seconds(std::string_view key) override;
  void record_login_failure(std::string_view key) override;
  void clear_login_failures(std::string_view key) override;
  void create_password_reset(std::string_view user_id, std::string_view token_hash) override;
  Result<std::string> spend_password_reset(std::string_view token_hash) override;
  Status change_membership(std::string_view workspace_id, std::string_view actor_id,
                           std::string_view target_id, std::optional<identity::Role> new_role,
                           const std::function<Status(const identity::TeamState&)>& decide) override;
  Result<identity::Invitation> create_invitation(
      std::string_view workspace_id, std::string_view actor_id, std::string_view email, identity::Role role,
      std::string_view token_hash, const std::function<Status(const identity::TeamState&)>& decide) override;
  std::optional<identity::Invitation> invitation_by_token(std::string_view token_hash) override;
  Status accept_invitation(std::string_view token_hash, std::string_view user_id) override;
  std::string create_user(std::string_view email, std::string_view name, std::string_view password_hash,
                          std::string_view language) override;
  void send_mail(const identity::Mail& mail) override;

 private:
  pqxx::connection& conn_;
};

// Refresh tokens and sessions live this long.
constexpr int kSessionDays = 7;

}  // namespace shopme::postgres
