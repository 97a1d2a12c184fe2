#pragma once
// An order's invoice: the number assigned when it was paid, the seller's and buyer's details, the
// lines as sold (snapshots) and the totals in minor units; as JSON for the invoice page and as a PDF
// (libharu) for download from the page and the dashboard.
#include <boost/json/object.hpp>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

namespace shopme::invoices {

struct InvoiceLine {
  std::string name, sku;
  int quantity = 0;
  long long unit_price = 0, discount = 0, total = 0;
  int tax_rate_bp = 0;  // 2200 = 22 %
};

struct Invoice {
  std::string number, issued_at, issued_on, order_code, currency, language;
  std::string seller_name, seller_address, seller_vat;
  std::string buyer_name, buyer_address;
  std::vector<InvoiceLine> lines;
  long long subtotal = 0, discount = 0, tax = 0, shipping = 0, total = 0;
};

// nullopt when the order is not in the workspace or has no invoice (not paid).
std::optional<Invoice> load_invoice(pqxx::transaction_base& tx, const std::string& workspace_id,
                                    const std::string& order_id);

boost::json::object invoice_json(const Invoice& invoice);

// The PDF's bytes. Text outside Windows-1252 (the standard fonts' encoding) prints as "?".
std::string invoice_pdf(const Invoice& invoice);

}  // namespace shopme::invoices
