// Use-case tests with hand-written fakes for the ports.
#include <gtest/gtest.h>

#include <map>

#include "application/identity/log_in.hpp"
#include "application/identity/manage_team.hpp"
#include "application/identity/passwords.hpp"
#include "domain/identity/credentials.hpp"
#include "domain/identity/team.hpp"

using namespace shopme;
using namespace shopme::identity;

namespace {

class FakeSecrets : public Secrets {
 public:
  std::string hash_password(std::string_view p) override { return "hash:" + std::string(p); }
  bool verify_password(std::string_view h, std::string_view p) override {
    return h == "hash:" + std::string(p);
  }
  std::string new_token() override { return "token-" + std::to_string(++n_); }
  std::string digest(std::string_view t) override { return "digest:" + std::string(t); }

 private:
  int n_ = 0;
};

class FakeStore : public IdentityStore {
 public:
  std::map<std::string, User> users;  // by e-mail
  std::map<std::string, int> failures;
  std::map<std::string, int> locked;
  std::vector<SessionStart> sessions;
  std::vector<Mail> mails;
  Rotation rotation;
  TeamState team;
  std::vector<std::pair<std::string, std::optional<Role>>> applied;

  std::optional<User> user_by_email(std::string_view e) override {
    auto it = users.find(std::string(e));
    return it == users.end() ? std::nullopt : std::optional<User>(it->second);
  }
  std::optional<User> user_by_id(std::string_view id) override {
    for (auto& [e, u] : users) {
      if (u.id == id) return u;
    }
    return std::nullopt;
  }
  std::vector<Membership> memberships(std::string_view) override { return {}; }
  std::string start_session(const SessionStart& s) override {
    sessions.push_back(s);
    return "session-" + std::to_string(sessions.size());
  }
  Rotation rotate_refresh_token(std::string_view, std::string_view) override { return rotation; }
  void set_password(std::string_view id, std::string_view hash, std::string_view) override {
    for (auto& [e, u] : users) {
      if (u.id == id) u.password_hash = hash;
    }
  }
  int locked_for_seconds(std::string_view key) override { return locked[std::string(key)]; }
  void record_login_failure(std::string_view key) override { ++failures[std::string(key)]; }
  void clear_login_failures(std::string_view key) override { failures.erase(std::string(key)); }
  void create_password_reset(std::string_view, std::string_view) override {}
  Result<std::string> spend_password_reset(std::string_view) override { return Error::gone("used"); }
  Status change_membership(std::string_view, std::string_view, std::string_view target,
                           std::optional<Role> role,
                           const std::function<Status(const TeamState&)>& decide) override {
    if (auto s = decide(team); !s) return s;
    applied.emplace_back(std::string(target), role);
    return ok();
  }
  Result<Invitation> create_invitation(std::string_view ws, std::string_view, std::string_view email,
                                       Role role, std::string_view,
                                       const std::function<Status(const TeamState&)>& decide) override {
    if (auto s = decide(team); !s) return s.error();
    return Invitation{std::string(ws), "Shop", "inv-1", std::string(email), role, "2026-12-07T00:00:00Z"};
  }
  std::optional<Invitation> invitation_by_token(std::string_view) override { return std::nullopt; }
  Status accept_invitation(std::string_view, std::string_view) override { return ok(); }
  std::string create_user(std::string_view, std::string_view, std::string_view, std::string_view) override {
    return "new-user";
  }
  void send_mail(const Mail& m) override { mails.push_back(m); }
};

FakeStore store_with_user() {
  FakeStore s;
  s.users["ada@example.com"] = {"u1", "ada@example.com", "Ada", "en", "active", "hash:correct horse"};
  return s;
}

}  // namespace

TEST(LogIn, StartsASessionStoringOnlyTheTokenDigest) {
  auto store = store_with_user();
  FakeSecrets secrets;
  auto grant = log_in({" Ada@Example.com", "correct horse", "ua", "127.0.0.1"}, store, secrets);
  ASSERT_TRUE(grant.ok());
  EXPECT_EQ(grant->user_id, "u1");
  ASSERT_EQ(store.sessions.size(), 1u);
  EXPECT_EQ(store.sessions[0].refresh_hash, "digest:" + grant->refresh_token);
}

TEST(LogIn, WrongPasswordDisabledUserAndUnknownAddressLookAlikeAndCount) {
  auto store = store_with_user();
  FakeSecrets secrets;
  auto wrong = log_in({"ada@example.com", "nope", "", ""}, store, secrets);
  auto unknown = log_in({"bob@example.com", "nope", "", ""}, store, secrets);
  store.users["ada@example.com"].status = "disabled";
  auto disabled = log_in({"ada@example.com", "correct horse", "", ""}, store, secrets);
  for (const auto* r : {&wrong, &unknown, &disabled}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->error().kind, ErrorKind::kUnauthorized);
    EXPECT_EQ(r->error().detail, wrong.error().detail);
  }
  EXPECT_EQ(store.failures["email:ada@example.com"], 2);
  EXPECT_TRUE(store.sessions.empty());
}

TEST(LogIn, LockedOutAccountIsRefusedWithRetryAfterEvenWithTheRightPassword) {
  auto store = store_with_user();
  store.locked["email:ada@example.com"] = 42;
  FakeSecrets secrets;
  auto r = log_in({"ada@example.com", "correct horse", "", ""}, store, secrets);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kRateLimited);
  EXPECT_EQ(r.error().retry_after_seconds, 42);
}

TEST(LogIn, InvalidInputNamesTheFields) {
  auto store = store_with_user();
  FakeSecrets secrets;
  auto r = log_in({"not an address", "", "", ""}, store, secrets);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalid);
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "email");
  EXPECT_EQ(r.error().fields[1].field, "password");
}

TEST(RefreshSession, ReusedTokenIsRefused) {
  FakeStore store;
  FakeSecrets secrets;
  store.rotation = {Rotation::Kind::kReused, {}, "s1"};
  EXPECT_EQ(refresh_session("old", store, secrets).error().kind, ErrorKind::kUnauthorized);
  store.rotation = {Rotation::Kind::kRotated, "u1", "s1"};
  auto ok_grant = refresh_session("current", store, secrets);
  ASSERT_TRUE(ok_grant.ok());
  EXPECT_EQ(ok_grant->session_id, "s1");
  EXPECT_FALSE(refresh_session("", store, secrets).ok());
}

TEST(Team, LastAdminCannotBeDemotedOrRemoved) {
  FakeStore store;
  store.team = {Role::kAdmin, Role::kAdmin, 1};
  EXPECT_EQ(change_member(store, "w", "a", "a", Role::kManager).error().kind, ErrorKind::kConflict);
  EXPECT_EQ(change_member(store, "w", "a", "a", std::nullopt).error().kind, ErrorKind::kConflict);
  store.team.admins = 2;
  EXPECT_TRUE(change_member(store, "w", "a", "b", std::nullopt).ok());
  store.team = {Role::kManager, Role::kAdmin, 2};
  EXPECT_EQ(change_member(store, "w", "m", "a", Role::kAgent).error().kind, ErrorKind::kForbidden);
  store.team = {Role::kAdmin, std::nullopt, 1};
  EXPECT_EQ(change_member(store, "w", "a", "x", Role::kAgent).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(store.applied.size(), 1u);
}

TEST(Team, InvitationMailsALinkAndRespectsRoles) {
  FakeStore store;
  FakeSecrets secrets;
  store.team = {Role::kManager, std::nullopt, 1};
  auto refused = invite_member({"w", "m", "x@example.com", "admin", "http://shop"}, store, secrets);
  EXPECT_EQ(refused.error().kind, ErrorKind::kForbidden);
  auto inv = invite_member({"w", "m", "X@Example.com", "agent", "http://shop"}, store, secrets);
  ASSERT_TRUE(inv.ok());
  EXPECT_EQ(inv->email, "x@example.com");
  ASSERT_EQ(store.mails.size(), 1u);
  EXPECT_NE(store.mails[0].body.find("http://shop/invite/token-"), std::string::npos);
  store.team = {Role::kAdmin, Role::kAgent, 1};
  EXPECT_EQ(invite_member({"w", "a", "x@example.com", "agent", ""}, store, secrets).error().kind,
            ErrorKind::kConflict);
  EXPECT_EQ(invite_member({"w", "a", "bad", "owner", ""}, store, secrets).error().fields.size(), 2u);
}

TEST(Passwords, ChangeChecksCurrentAndPolicy) {
  auto store = store_with_user();
  FakeSecrets secrets;
  EXPECT_EQ(
      change_password(store, secrets, "u1", "s", "wrong", "a-long-new-password").error().fields[0].field,
      "currentPassword");
  EXPECT_EQ(change_password(store, secrets, "u1", "s", "correct horse", "short").error().fields[0].field,
            "newPassword");
  EXPECT_TRUE(change_password(store, secrets, "u1", "s", "correct horse", "a-long-new-password").ok());
  EXPECT_EQ(store.users["ada@example.com"].password_hash, "hash:a-long-new-password");
}

TEST(Passwords, ResetRequestDoesNotRevealUnknownAddresses) {
  auto store = store_with_user();
  FakeSecrets secrets;
  request_password_reset(store, secrets, "nobody@example.com", "http://shop");
  EXPECT_TRUE(store.mails.empty());
  request_password_reset(store, secrets, "ADA@example.com", "http://shop");
  ASSERT_EQ(store.mails.size(), 1u);
  EXPECT_NE(store.mails[0].body.find("http://shop/reset-password/"), std::string::npos);
  EXPECT_EQ(reset_password(store, secrets, "tok", "short").error().kind, ErrorKind::kInvalid);
  EXPECT_EQ(reset_password(store, secrets, "tok", "long-enough-password").error().kind, ErrorKind::kGone);
}

TEST(Credentials, EmailNormalizationAndPasswordPolicy) {
  EXPECT_EQ(normalize_email("  Mario.Rossi@Example.IT "), "mario.rossi@example.it");
  EXPECT_FALSE(normalize_email("mario@"));
  EXPECT_FALSE(normalize_email("a b@example.com"));
  EXPECT_FALSE(normalize_email("a@@example.com"));
  EXPECT_TRUE(password_problem("short", ""));
  EXPECT_TRUE(password_problem("ada@example.com", "ada@example.com"));
  EXPECT_FALSE(password_problem("a sensible passphrase", "ada@example.com"));
}
