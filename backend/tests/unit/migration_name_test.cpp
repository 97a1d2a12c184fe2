#include <gtest/gtest.h>

#include "infrastructure/postgres/migrations.hpp"

using shopme::postgres::Migration;

TEST(MigrationFile, NameCarriesVersionAndChecksumIsOfContent) {
  const auto m = Migration::from_file("20261130000000_foundation.sql", "SELECT 1;");
  EXPECT_EQ(m.version, "20261130000000");
  EXPECT_EQ(m.name, "foundation");
  EXPECT_EQ(m.checksum.size(), 64u);
  EXPECT_NE(m.checksum, Migration::from_file("20261130000000_foundation.sql", "SELECT 2;").checksum);
  EXPECT_THROW(Migration::from_file("2026_bad.sql", ""), std::runtime_error);
  EXPECT_THROW(Migration::from_file("20261130000000_Bad-Name.sql", ""), std::runtime_error);
}

TEST(MigrationFile, BuiltinMigrationsAreOrdered) {
  const auto all = shopme::postgres::builtin_migrations();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].version, all[i].version);
}
