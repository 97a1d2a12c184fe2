#pragma once
// Categories, products, catalog search and the price preview of a workspace.
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class CatalogController {
 public:
  Response list_categories(Request& req, postgres::Db& db) const;
  Response get_category(Request& req, postgres::Db& db) const;
  Response create_category(Request& req, postgres::Db& db) const;
  Response update_category(Request& req, postgres::Db& db) const;
  Response delete_category(Request& req, postgres::Db& db) const;

  Response list_products(Request& req, postgres::Db& db) const;
  Response get_product(Request& req, postgres::Db& db) const;
  Response create_product(Request& req, postgres::Db& db) const;
  Response update_product(Request& req, postgres::Db& db) const;
  Response delete_product(Request& req, postgres::Db& db) const;

  Response search(Request& req, postgres::Db& db) const;
  Response price_preview(Request& req, postgres::Db& db) const;
};

}  // namespace shopme::http
