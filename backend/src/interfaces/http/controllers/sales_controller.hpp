#pragma once
// Services, FAQs, offers (with promo-code validation) and customers of a workspace.
#include <pqxx/pqxx>
#include <string>

#include "domain/result.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

// Validates and writes one customer (create when `id` is empty). Shared by the customer endpoints
// and the CSV import.
Result<std::string> save_customer(pqxx::work& tx, const std::string& ws, JsonInput& in,
                                  const std::string& id);

class SalesController {
 public:
  Response list_services(Request& req, postgres::Db& db) const;
  Response get_service(Request& req, postgres::Db& db) const;
  Response create_service(Request& req, postgres::Db& db) const;
  Response update_service(Request& req, postgres::Db& db) const;
  Response delete_service(Request& req, postgres::Db& db) const;

  Response list_faqs(Request& req, postgres::Db& db) const;
  Response get_faq(Request& req, postgres::Db& db) const;
  Response create_faq(Request& req, postgres::Db& db) const;
  Response update_faq(Request& req, postgres::Db& db) const;
  Response delete_faq(Request& req, postgres::Db& db) const;

  Response list_offers(Request& req, postgres::Db& db) const;
  Response get_offer(Request& req, postgres::Db& db) const;
  Response create_offer(Request& req, postgres::Db& db) const;
  Response update_offer(Request& req, postgres::Db& db) const;
  Response delete_offer(Request& req, postgres::Db& db) const;
  Response validate_offer_code(Request& req, postgres::Db& db) const;

  Response list_customers(Request& req, postgres::Db& db) const;
  Response get_customer(Request& req, postgres::Db& db) const;
  Response create_customer(Request& req, postgres::Db& db) const;
  Response update_customer(Request& req, postgres::Db& db) const;
  Response delete_customer(Request& req, postgres::Db& db) const;
};

}  // namespace shopme::http
