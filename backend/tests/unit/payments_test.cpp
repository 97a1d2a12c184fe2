// Stripe's webhook signature scheme, the checkout session's lifetime rule, form encoding, and the
// invoice number format.
#include <gtest/gtest.h>

#include "domain/orders/order_status.hpp"
#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/payments/gateways.hpp"
#include "infrastructure/payments/stripe_signature.hpp"

namespace shopme::payments {
namespace {

constexpr long long kNow = 1'790'000'000;
const std::string kBody = R"({"id":"evt_1","type":"checkout.session.completed","data":{"object":{}}})";
const std::string kSecret = "whsec_test_secret";

std::string v1(long long t, const std::string& body, const std::string& secret) {
  return crypto::hmac_sha256_hex(secret, std::to_string(t) + "." + body);
}

TEST(StripeSignature, AcceptsAnyMatchingV1WithinTolerance) {
  const auto good = v1(kNow, kBody, kSecret);
  EXPECT_TRUE(verify_stripe_signature("t=" + std::to_string(kNow) + ",v1=" + good, kBody, kSecret, kNow));
  // Several signatures (secret rotation) and a v0 scheme entry: any v1 match is enough.
  EXPECT_TRUE(verify_stripe_signature(
      "t=" + std::to_string(kNow) + ",v1=" + v1(kNow, kBody, "whsec_old") + ",v1=" + good + ",v0=abc", kBody,
      kSecret, kNow));
  EXPECT_TRUE(verify_stripe_signature(
      "t=" + std::to_string(kNow - 299) + ",v1=" + v1(kNow - 299, kBody, kSecret), kBody, kSecret, kNow));
  EXPECT_EQ(stripe_signature_header(kBody, kSecret, kNow), "t=" + std::to_string(kNow) + ",v1=" + good);
}

TEST(StripeSignature, RefusesEverythingElse) {
  const auto t = std::to_string(kNow);
  const auto good = v1(kNow, kBody, kSecret);
  struct Case {
    std::string header, body, secret;
    long long now;
  };
  const Case cases[] = {
      {"t=" + t + ",v1=" + good, kBody + " ", kSecret, kNow},                   // body changed
      {"t=" + t + ",v1=" + good, kBody, "whsec_other", kNow},                   // other secret
      {"t=" + t + ",v1=" + good, kBody, kSecret, kNow + 301},                   // too old
      {"t=" + t + ",v1=" + good, kBody, kSecret, kNow - 301},                   // from the future
      {"t=" + std::to_string(kNow + 1) + ",v1=" + good, kBody, kSecret, kNow},  // timestamp changed
      {"v1=" + good, kBody, kSecret, kNow},                                     // no timestamp
      {"t=" + t, kBody, kSecret, kNow},                                         // no signature
      {"t=" + t + ",v0=" + good, kBody, kSecret, kNow},                         // only the old scheme
      {"t=abc,v1=" + good, kBody, kSecret, kNow},                               // bad timestamp
      {"", kBody, kSecret, kNow},                                               // empty header
      {"t=" + t + ",v1=" + good, kBody, "", kNow},                              // no secret configured
      {"t=" + t + ",v1=" + good.substr(0, 63), kBody, kSecret, kNow},           // truncated signature
  };
  for (const auto& c : cases) {
    const auto r = verify_stripe_signature(c.header, c.body, c.secret, c.now);
    EXPECT_FALSE(r) << c.header;
    if (!r) {
      EXPECT_EQ(r.error().kind, ErrorKind::kUnauthorized);
    }
  }
}

TEST(Checkout, SessionLivesAsLongAsTheLinkButNotLessThanStripeAllows) {
  EXPECT_EQ(checkout_expiry(kNow + 3600, kNow), kNow + 3600);
  EXPECT_EQ(checkout_expiry(kNow + 600, kNow), kNow + 1860);  // 30 minutes and a minute of margin
}

TEST(Checkout, FormEncoding) {
  EXPECT_EQ(form_escape("line_items[0][price_data][currency]"),
            "line_items%5B0%5D%5Bprice_data%5D%5Bcurrency%5D");
  EXPECT_EQ(form_escape("Order ORD-2026-000001 & più"), "Order%20ORD-2026-000001%20%26%20pi%C3%B9");
  EXPECT_EQ(form_escape("https://x.test/s/a?payment=success"),
            "https%3A%2F%2Fx.test%2Fs%2Fa%3Fpayment%3Dsuccess");
}

TEST(InvoiceNumber, YearlySeriesWithSixDigits) {
  EXPECT_EQ(orders::invoice_number(2026, 42), "INV-2026-000042");
  EXPECT_EQ(orders::invoice_number(2027, 1), "INV-2027-000001");
}

}  // namespace
}  // namespace shopme::payments
