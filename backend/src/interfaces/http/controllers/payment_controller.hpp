#pragma once
// Payments over HTTP: the workspace's gateway settings (Admin; keys write-only, sealed at rest), the
// customer starting to pay from the payment link, the gateway's signed webhooks, and the embedded test
// gateway's hosted page (pay / decline), which signs its events and sends them down the same path.
#include "infrastructure/crypto/sealed.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class PaymentController {
 public:
  PaymentController(const crypto::Sealer& sealer, const std::string& base_url, int per_ip_limit)
      : sealer_(sealer), base_url_(base_url), per_ip_limit_(per_ip_limit) {}

  Response settings(Request& req, postgres::Db& db) const;
  Response put_settings(Request& req, postgres::Db& db) const;

  // POST /api/public/links/{token}/checkout → {redirectUrl}
  Response start_checkout(Request& req, postgres::Db& db) const;

  // POST /webhooks/stripe/{workspaceId} (and /webhooks/stripe, which finds the workspace whose secret
  // signed the event).
  Response stripe_webhook(Request& req, postgres::Db& db) const;

  // The test gateway's hosted page: GET /api/public/test-gateway/{sessionId}, POST …/pay, …/decline.
  Response test_session(Request& req, postgres::Db& db) const;
  Response test_pay(Request& req, postgres::Db& db) const;
  Response test_decline(Request& req, postgres::Db& db) const;

 private:
  Response test_finish(Request& req, postgres::Db& db, bool pay) const;
  const crypto::Sealer& sealer_;
  const std::string& base_url_;  // filled in once the port is known
  int per_ip_limit_;
};

}  // namespace shopme::http
