#pragma once
// Orders for the team: list and search, the order with its lines and history, status changes
// (checked by the domain's transitions, with an optional WhatsApp message to the customer),
// tracking, and a customer's order history.
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class OrderController {
 public:
  explicit OrderController(const std::string& public_base_url) : base_url_(public_base_url) {}
  Response list(Request& req, postgres::Db& db) const;
  Response get(Request& req, postgres::Db& db) const;
  Response change_status(Request& req, postgres::Db& db) const;
  Response set_tracking(Request& req, postgres::Db& db) const;
  Response customer_orders(Request& req, postgres::Db& db) const;

 private:
  const std::string& base_url_;
};

}  // namespace shopme::http
