#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "cluster_env.hpp"
#include "infrastructure/postgres/migrations.hpp"

using namespace shopme;
using postgres::Migration;
using postgres::MigrationRunner;

namespace {
std::vector<std::string> tables(pqxx::connection& c) {
  pqxx::read_transaction tx(c);
  std::vector<std::string> out;
  for (auto row : tx.exec("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                          "ORDER BY table_name")) {
    out.push_back(row[0].as<std::string>());
  }
  return out;
}
}  // namespace

TEST(Migrations, AppliesInVersionOrderOnceAndRecordsThem) {
  pqxx::connection c(test_support::ClusterEnv::get().fresh_database("mig_order"));
  // Given out of order on purpose: the second depends on the first.
  std::vector<Migration> ms = {
      Migration::from_file("20260102000000_b.sql", "ALTER TABLE a ADD COLUMN y int;"),
      Migration::from_file("20260101000000_a.sql", "CREATE TABLE a (x int);")};
  MigrationRunner runner(c, ms);
  EXPECT_EQ(runner.status().pending.size(), 2u);
  EXPECT_EQ(runner.apply(), 2);
  EXPECT_EQ(runner.apply(), 0);
  const auto s = runner.status();
  EXPECT_TRUE(s.current());
  EXPECT_EQ(s.applied, 2);
  pqxx::read_transaction tx(c);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM schema_migrations")[0].as<int>(), 2);
}

TEST(Migrations, EditedAppliedFileIsDriftAndNothingRuns) {
  pqxx::connection c(test_support::ClusterEnv::get().fresh_database("mig_drift"));
  MigrationRunner(c, {Migration::from_file("20260101000000_a.sql", "CREATE TABLE a (x int);")}).apply();
  MigrationRunner edited(c, {Migration::from_file("20260101000000_a.sql", "CREATE TABLE a (x bigint);"),
                             Migration::from_file("20260102000000_b.sql", "CREATE TABLE b (x int);")});
  const auto s = edited.status();
  ASSERT_EQ(s.drifted.size(), 1u);
  EXPECT_EQ(s.drifted[0], "20260101000000_a");
  EXPECT_FALSE(s.current());
  EXPECT_THROW(edited.apply(), postgres::MigrationDriftError);
  EXPECT_EQ(tables(c), (std::vector<std::string>{"a", "schema_migrations"})) << "b must not have run";
}

TEST(Migrations, FailingMigrationRollsBackAloneAndStops) {
  pqxx::connection c(test_support::ClusterEnv::get().fresh_database("mig_fail"));
  MigrationRunner runner(c, {Migration::from_file("20260101000000_a.sql", "CREATE TABLE a (x int);"),
                             Migration::from_file("20260102000000_bad.sql",
                                                  "CREATE TABLE half (x int); SELECT no_such_function();"),
                             Migration::from_file("20260103000000_c.sql", "CREATE TABLE c (x int);")});
  EXPECT_THROW(runner.apply(), std::runtime_error);
  EXPECT_EQ(tables(c), (std::vector<std::string>{"a", "schema_migrations"}));
  const auto s = runner.status();
  EXPECT_EQ(s.applied, 1);
  EXPECT_EQ(s.pending.size(), 2u);
}

TEST(Migrations, BuiltinSchemaAppliesOnAnEmptyDatabase) {
  pqxx::connection c(test_support::ClusterEnv::get().fresh_database("mig_builtin"));
  MigrationRunner runner(c, postgres::builtin_migrations());
  EXPECT_GT(runner.apply(), 0);
  EXPECT_TRUE(runner.status().current());
}
