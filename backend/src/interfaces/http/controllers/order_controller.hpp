#pragma once
// Orders for the team: list and search, the order with its lines and history, status changes
// (checked by the domain's transitions, with an optional WhatsApp message to the customer),
// tracking, a customer's order history, orders taken by phone, refunds through the payment gateway,
// and the invoice PDF.
#include "infrastructure/crypto/sealed.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class OrderController {
 public:
  OrderController(const crypto::Sealer& sealer, const std::string& public_base_url)
      : sealer_(sealer), base_url_(public_base_url) {}
  Response list(Request& req, postgres::Db& db) const;
  Response get(Request& req, postgres::Db& db) const;
  Response change_status(Request& req, postgres::Db& db) const;
  Response set_tracking(Request& req, postgres::Db& db) const;
  Response customer_orders(Request& req, postgres::Db& db) const;
  Response create(Request& req, postgres::Db& db) const;
  Response refund(Request& req, postgres::Db& db) const;
  Response invoice_pdf(Request& req, postgres::Db& db) const;

 private:
  const crypto::Sealer& sealer_;
  const std::string& base_url_;
};

}  // namespace shopme::http
