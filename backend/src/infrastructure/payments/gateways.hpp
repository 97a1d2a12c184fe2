#pragma once
// The payment gateway adapters: Stripe's Checkout Sessions and Refunds APIs over HTTPS (form-encoded,
// bearer secret key, Idempotency-Key), and the embedded test gateway whose hosted page is the server's
// own (/pay/test/<session>), so the whole flow works offline.
#include <string>

#include "application/payments/payment_gateway.hpp"

namespace shopme::payments {

class StripeGateway final : public PaymentGateway {
 public:
  StripeGateway(std::string base_url, std::string secret_key)
      : base_url_(std::move(base_url)), secret_key_(std::move(secret_key)) {}
  Result<CheckoutSession> create_checkout(const CheckoutRequest& request) override;
  Result<std::string> refund(const RefundRequest& request) override;

 private:
  std::string base_url_;
  std::string secret_key_;
};

class TestGateway final : public PaymentGateway {
 public:
  explicit TestGateway(std::string public_base_url) : public_base_url_(std::move(public_base_url)) {}
  Result<CheckoutSession> create_checkout(const CheckoutRequest& request) override;
  Result<std::string> refund(const RefundRequest& request) override;

 private:
  std::string public_base_url_;
};

// Stripe's Checkout Sessions live 30 minutes to 24 hours: the session ends with the payment link,
// but never sooner than Stripe accepts.
long long checkout_expiry(long long link_expires_at, long long now);

// application/x-www-form-urlencoded escaping of one key or value.
std::string form_escape(std::string_view s);

}  // namespace shopme::payments
