#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "cluster_env.hpp"

using namespace shopme;

TEST(EmbeddedCluster, StartsStopsAndRestartsKeepingData) {
  const auto dir = test_support::make_temp_dir("shopme-cluster");
  postgres::EmbeddedCluster cluster(postgres::EmbeddedCluster::Options{dir, "shopme", false, 5432, false});
  EXPECT_FALSE(cluster.is_running());
  EXPECT_TRUE(cluster.start());
  EXPECT_TRUE(cluster.is_running());
  cluster.ensure_database("shopme");
  {
    pqxx::connection c(cluster.connection_string());
    pqxx::work tx(c);
    tx.exec0("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
    tx.commit();
  }
  // A second manager of the same data dir sees the running cluster instead of starting another.
  postgres::EmbeddedCluster second(postgres::EmbeddedCluster::Options{dir, "shopme", false, 5432, false});
  EXPECT_TRUE(second.is_running());
  EXPECT_FALSE(second.start());

  cluster.stop();
  EXPECT_FALSE(cluster.is_running());
  EXPECT_FALSE(cluster.ensure_initialized()) << "a restart must reuse the cluster, not recreate it";
  EXPECT_TRUE(cluster.start());
  {
    pqxx::connection c(cluster.connection_string());
    pqxx::read_transaction tx(c);
    EXPECT_EQ(tx.exec1("SELECT v FROM kept")[0].as<int>(), 42);
  }
  cluster.stop();
  std::filesystem::remove_all(dir);
}
