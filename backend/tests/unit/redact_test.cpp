#include <gtest/gtest.h>

#include "infrastructure/logging/log.hpp"

using shopme::log::redact;

TEST(Redact, MasksEmailPhoneTokensAndSecrets) {
  EXPECT_EQ(redact("mail mario.rossi+shop@example.it now"), "mail [email] now");
  EXPECT_EQ(redact("from +39 347 123 4567."), "from [phone:..67].");
  EXPECT_EQ(redact("wa id 393471234567 sent"), "wa id [phone:..67] sent");
  EXPECT_EQ(redact("Authorization: Bearer abc.def.ghi"), "Authorization: [redacted]");
  EXPECT_EQ(redact("header Bearer abc.def.ghi end"), "header Bearer [redacted] end");
  EXPECT_EQ(redact("password=hunter2&x=1"), "password=[redacted]&x=1");
  EXPECT_EQ(redact(R"({"api_key":"sk-123"})"), R"({"api_key":"[redacted]"})");
  EXPECT_EQ(redact("token EAAGm0PX4ZCpsBAKZC0gE8ZBZCxyz1234567890abcdef"), "token [redacted]");
}

TEST(Redact, KeepsOrdinaryText) {
  EXPECT_EQ(redact("GET /api/workspaces 200 in 12 ms"), "GET /api/workspaces 200 in 12 ms");
  EXPECT_EQ(redact("id 0b9f3c3e-5a7c-4e0e-9d0b-2b1f3c3e5a7c"), "id 0b9f3c3e-5a7c-4e0e-9d0b-2b1f3c3e5a7c");
  EXPECT_EQ(redact("at 2026-11-30T01:02:03Z"), "at 2026-11-30T01:02:03Z");
  EXPECT_EQ(redact("order ORD-2026-000123"), "order ORD-2026-000123");
  EXPECT_EQ(redact("migration 20261130001300_cheaper_first_contact applied"),
            "migration 20261130001300_cheaper_first_contact applied");
  // Long enough for a token and not a snake_case name: still masked.
  EXPECT_EQ(redact("t 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), "t [redacted]");
  EXPECT_EQ(redact("t sk_live_4eC39HqLyjWDarjtT1zdp7dc4eC39HqLyjWDarjt"), "t [redacted]");
}

TEST(Redact, SecretFieldNames) {
  EXPECT_TRUE(shopme::log::is_secret_name("accessToken"));
  EXPECT_TRUE(shopme::log::is_secret_name("app_secret"));
  EXPECT_FALSE(shopme::log::is_secret_name("route"));
}
