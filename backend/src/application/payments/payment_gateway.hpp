#pragma once
// The port through which orders are paid and refunded: a hosted checkout the customer is sent to,
// and refunds. Two adapters: Stripe (Checkout Sessions) and the server's own test gateway, chosen per
// workspace. Confirmations do not come back through this port but as signed events (webhooks).
#include <string>

#include "domain/result.hpp"

namespace shopme::payments {

struct CheckoutRequest {
  std::string workspace_id;
  std::string order_id;
  std::string order_code;
  long long amount = 0;  // minor units
  std::string currency;  // ISO 4217, upper case
  std::string description;
  std::string success_url;
  std::string cancel_url;
  long long expires_at = 0;     // Unix seconds: the payment link's end
  std::string idempotency_key;  // the same key never makes a second session
};

struct CheckoutSession {
  std::string id;   // the gateway's session id
  std::string url;  // where the customer pays
};

struct RefundRequest {
  std::string payment_reference;  // the gateway's payment (Stripe: the PaymentIntent)
  long long amount = 0;
  std::string idempotency_key;
};

class PaymentGateway {
 public:
  virtual ~PaymentGateway() = default;
  // kUnavailable when the gateway cannot be reached or failed (retry later), kBadRequest when it
  // refused the request (the detail says why).
  virtual Result<CheckoutSession> create_checkout(const CheckoutRequest& request) = 0;
  // The gateway's refund id.
  virtual Result<std::string> refund(const RefundRequest& request) = 0;
};

}  // namespace shopme::payments
