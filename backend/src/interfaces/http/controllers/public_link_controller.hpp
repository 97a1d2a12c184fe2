#pragma once
// The public API behind the links sent to customers: no login, only the token. GET describes what
// the page needs; actions are POST /api/public/links/{token}/<action>.
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class PublicLinkController {
 public:
  explicit PublicLinkController(int per_ip_limit) : per_ip_limit_(per_ip_limit) {}
  Response get(Request& req, postgres::Db& db) const;
  Response register_customer(Request& req, postgres::Db& db) const;

 private:
  int per_ip_limit_;
};

}  // namespace shopme::http
