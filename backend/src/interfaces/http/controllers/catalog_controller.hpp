#pragma once
// Categories, products, catalog search and the price preview of a workspace.
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "domain/result.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

// Validates and writes one product (create when `id` is empty); field errors come back as a 422
// error. Shared by the product endpoints and the CSV import, which resolves SKUs and categories
// for the whole file itself (`references_resolved`) instead of one query per row.
Result<std::string> save_product(pqxx::work& tx, const std::string& ws, JsonInput& in,
                                 const std::optional<std::string>& id, bool references_resolved = false);

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
