#pragma once
// CSV import (dry run, per-row errors, all or nothing) and export of products and customers.
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class TransferController {
 public:
  Response export_products(Request& req, postgres::Db& db) const;
  Response import_products(Request& req, postgres::Db& db) const;
  Response export_customers(Request& req, postgres::Db& db) const;
  Response import_customers(Request& req, postgres::Db& db) const;
};

}  // namespace shopme::http
