#include "infrastructure/payments/payment_settings.hpp"

#include <pqxx/pqxx>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/payments/gateways.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::payments {

std::string payment_seal_context(const std::string& ws, std::string_view field) {
  return "payments:" + ws + ":" + std::string(field);
}

PaymentSettings load_payment_settings(pqxx::transaction_base& tx, const crypto::Sealer& sealer,
                                      const std::string& ws) {
  PaymentSettings s;
  s.api_base_url = kStripeDefaultBaseUrl;
  const auto rows = postgres::exec(
      tx,
      "SELECT provider, secret_key_sealed, webhook_secret_sealed, api_base_url FROM payment_settings"
      " WHERE workspace_id = $1",
      ws);
  if (rows.empty()) return s;
  const auto& r = rows[0];
  s.configured = true;
  s.provider = r[0].c_str();
  const auto open = [&](const pqxx::field& f, std::string_view field) -> std::optional<std::string> {
    if (f.is_null()) return std::nullopt;
    const auto raw = crypto::base64url_decode(f.c_str());
    if (!raw) return std::nullopt;
    return sealer.open(*raw, payment_seal_context(ws, field));
  };
  s.secret_key = open(r[1], "secretKey");
  s.webhook_secret = open(r[2], "webhookSecret");
  if (!std::string_view(r[3].c_str()).empty()) s.api_base_url = r[3].c_str();
  return s;
}

std::unique_ptr<PaymentGateway> gateway_for(const PaymentSettings& s, const std::string& public_base_url) {
  if (s.provider == "stripe")
    return std::make_unique<StripeGateway>(s.api_base_url, s.secret_key.value_or(""));
  return std::make_unique<TestGateway>(public_base_url);
}

std::string test_gateway_secret(const crypto::Sealer& sealer, const std::string& ws) {
  // Sealing is randomized; the secret must be the same on every call: a MAC of the workspace id under
  // a subkey of the server's key.
  return crypto::hmac_sha256_hex(sealer.derive("test-gateway-webhook"), ws);
}

}  // namespace shopme::payments
