// Contract test of the PostgreSQL identity store on a real database.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <thread>

#include "application/identity/manage_team.hpp"
#include "cluster_env.hpp"
#include "infrastructure/postgres/identity_store.hpp"
#include "infrastructure/postgres/migrations.hpp"

using namespace shopme;
using identity::Role;

namespace {

struct Fixture {
  std::string conninfo;
  std::string workspace, alice, bob;

  explicit Fixture(const std::string& name) : conninfo(test_support::ClusterEnv::get().fresh_database(name)) {
    pqxx::connection c(conninfo);
    postgres::MigrationRunner(c, postgres::builtin_migrations()).apply();
    pqxx::work tx(c);
    workspace = tx.exec1("INSERT INTO workspaces (name, slug) VALUES ('W', 'w') RETURNING id::text")[0]
                    .as<std::string>();
    alice =
        tx.exec1(
              "INSERT INTO users (email, name, password_hash) VALUES ('a@x.io', 'A', 'h') RETURNING id::text")
            [0]
                .as<std::string>();
    bob =
        tx.exec1(
              "INSERT INTO users (email, name, password_hash) VALUES ('b@x.io', 'B', 'h') RETURNING id::text")
            [0]
                .as<std::string>();
    tx.exec_params0(
        "INSERT INTO memberships VALUES ($1::uuid, $2::uuid, 'admin'), ($1::uuid, $3::uuid, 'admin')",
        workspace, alice, bob);
    tx.commit();
  }
};

}  // namespace

TEST(IdentityStore, TwoAdminsDemotingEachOtherAtOnceLeaveOneAdmin) {
  Fixture f("identity_race");
  std::vector<Status> results(2, ok());
  std::thread t1([&] {
    pqxx::connection c(f.conninfo);
    postgres::IdentityStore store(c);
    results[0] = identity::change_member(store, f.workspace, f.alice, f.bob, Role::kAgent);
  });
  std::thread t2([&] {
    pqxx::connection c(f.conninfo);
    postgres::IdentityStore store(c);
    results[1] = identity::change_member(store, f.workspace, f.bob, f.alice, Role::kAgent);
  });
  t1.join();
  t2.join();
  const int succeeded = (results[0].ok() ? 1 : 0) + (results[1].ok() ? 1 : 0);
  EXPECT_EQ(succeeded, 1);
  pqxx::connection c(f.conninfo);
  pqxx::read_transaction tx(c);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM memberships WHERE role = 'admin'")[0].as<int>(), 1);
}

TEST(IdentityStore, RefreshTokenRotatesOnceAndReuseRevokesTheSession) {
  Fixture f("identity_refresh");
  pqxx::connection c(f.conninfo);
  postgres::IdentityStore store(c);
  const auto sid = store.start_session({f.alice, "h1", "ua", "ip"});
  auto r1 = store.rotate_refresh_token("h1", "h2");
  EXPECT_EQ(r1.kind, identity::Rotation::Kind::kRotated);
  EXPECT_EQ(r1.session_id, sid);
  EXPECT_EQ(r1.user_id, f.alice);
  EXPECT_EQ(store.rotate_refresh_token("h1", "h3").kind, identity::Rotation::Kind::kReused);
  EXPECT_EQ(store.rotate_refresh_token("h2", "h4").kind, identity::Rotation::Kind::kInvalid)
      << "the family is revoked";
  EXPECT_EQ(store.rotate_refresh_token("unknown", "h5").kind, identity::Rotation::Kind::kInvalid);
}

TEST(IdentityStore, LockoutGrowsEveryFiveFailures) {
  Fixture f("identity_lockout");
  pqxx::connection c(f.conninfo);
  postgres::IdentityStore store(c);
  for (int i = 0; i < 4; ++i) store.record_login_failure("email:a@x.io");
  EXPECT_EQ(store.locked_for_seconds("email:a@x.io"), 0);
  store.record_login_failure("email:a@x.io");
  const int first = store.locked_for_seconds("email:a@x.io");
  EXPECT_GT(first, 50);
  EXPECT_LE(first, 60);
  for (int i = 0; i < 5; ++i) store.record_login_failure("email:a@x.io");
  EXPECT_GT(store.locked_for_seconds("email:a@x.io"), 110) << "the second lock-out is twice as long";
  store.clear_login_failures("email:a@x.io");
  EXPECT_EQ(store.locked_for_seconds("email:a@x.io"), 0);
}
