#pragma once
// A workspace's payment gateway: which one (the embedded test gateway by default, or Stripe), its
// keys (sealed at rest, opened only here), and the gateway adapter they configure.
#include <memory>
#include <optional>
#include <pqxx/transaction_base>
#include <string>

#include "application/payments/payment_gateway.hpp"
#include "infrastructure/crypto/sealed.hpp"

namespace shopme::payments {

inline constexpr const char* kStripeDefaultBaseUrl = "https://api.stripe.com";

struct PaymentSettings {
  std::string provider = "test";  // test | stripe
  std::optional<std::string> secret_key;
  std::optional<std::string> webhook_secret;
  std::string api_base_url;  // Stripe's API unless overridden (tests, staging)
  bool configured = false;
};

std::string payment_seal_context(const std::string& workspace_id, std::string_view field);

PaymentSettings load_payment_settings(pqxx::transaction_base& tx, const crypto::Sealer& sealer,
                                      const std::string& workspace_id);

// The adapter for the settings; `public_base_url` is where the test gateway's page lives.
std::unique_ptr<PaymentGateway> gateway_for(const PaymentSettings& settings,
                                            const std::string& public_base_url);

// The test gateway signs its events like Stripe does, with a per-workspace secret derived from the
// server's key (never stored, never shown).
std::string test_gateway_secret(const crypto::Sealer& sealer, const std::string& workspace_id);

}  // namespace shopme::payments
