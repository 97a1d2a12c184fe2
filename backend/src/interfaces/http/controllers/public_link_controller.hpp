#pragma once
// The public API behind the links sent to customers: no login, only the token. GET describes what
// the page needs; actions are POST /api/public/links/{token}/<action>.
#include <filesystem>

#include "infrastructure/invoices/invoice.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class PublicLinkController {
 public:
  // `data_dir`: where fetched media is cached (erasure removes the customer's files).
  PublicLinkController(int per_ip_limit, std::filesystem::path data_dir)
      : per_ip_limit_(per_ip_limit), media_dir_(std::move(data_dir) / "media") {}
  Response get(Request& req, postgres::Db& db) const;
  Response register_customer(Request& req, postgres::Db& db) const;
  // The profile link's actions: change details and consent, download everything, erase everything.
  Response update_profile(Request& req, postgres::Db& db) const;
  Response export_data(Request& req, postgres::Db& db) const;
  Response erase(Request& req, postgres::Db& db) const;
  Response invoice_pdf(Request& req, postgres::Db& db) const;

 private:
  int per_ip_limit_;
  std::filesystem::path media_dir_;
};

// An invoice as a PDF download (the public link and the dashboard).
Response pdf_response(const invoices::Invoice& invoice);

}  // namespace shopme::http
