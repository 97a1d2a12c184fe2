#include <gtest/gtest.h>

#include "config/config.hpp"

using namespace shopme;

TEST(Config, DotenvParsesQuotesCommentsAndExport) {
  const auto env = parse_dotenv(
      "# comment\nPORT=9090\nexport LOG_LEVEL=debug\nSHOPME_PUBLIC_BASE_URL=\"https://shop.example\"\n"
      "SHOPME_DATA_DIR='/srv/shopme' # trailing\nBROKEN LINE\n");
  EXPECT_EQ(env.at("PORT"), "9090");
  EXPECT_EQ(env.at("LOG_LEVEL"), "debug");
  EXPECT_EQ(env.at("SHOPME_PUBLIC_BASE_URL"), "https://shop.example");
  EXPECT_EQ(env.at("SHOPME_DATA_DIR"), "/srv/shopme");
  EXPECT_EQ(env.count("BROKEN LINE"), 0u);
}

TEST(Config, EnvironmentWinsOverDotenv) {
  const auto c = load_config({{"PORT", "7000"}}, {{"PORT", "9000"}, {"LOG_LEVEL", "warn"}});
  EXPECT_EQ(c.port, 7000);
  EXPECT_EQ(c.log_level, "warn");
  EXPECT_FALSE(c.database_url.has_value());
  EXPECT_EQ(c.base_url(), "http://localhost:7000");
}

TEST(Config, RejectsOutOfRangeNumbers) {
  EXPECT_THROW(load_config({{"PORT", "70000"}}, {}), std::runtime_error);
  EXPECT_THROW(load_config({{"SHOPME_DB_WORKERS", "many"}}, {}), std::runtime_error);
}
