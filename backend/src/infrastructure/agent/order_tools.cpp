// The order tools: what the customer asks about their own orders, and the secure links to see an
// order, its invoice and their personal data. The customer is the conversation's, never an argument,
// so an order code written by someone else (or injected into a prompt) finds nothing.
#include "infrastructure/agent/order_tools.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "domain/agent/phrasebook.hpp"
#include "infrastructure/agent/tool_arguments.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::agent {
namespace json = boost::json;

namespace {

constexpr const char* kOrderColumns =
    "id, code, status, payment_status, total, to_char(created_at, 'YYYY-MM-DD'), coalesce(tracking_number, "
    "''),"
    " coalesce(tracking_url, ''), coalesce(invoice_number, '')";

struct FoundOrder {
  std::string id, code, status, payment_status;
  long long total = 0;
  std::string date, tracking_number, tracking_url, invoice_number;
};

FoundOrder from_row(const pqxx::row& r) {
  return {r[0].c_str(), r[1].c_str(), r[2].c_str(), r[3].c_str(), r[4].as<long long>(),
          r[5].c_str(), r[6].c_str(), r[7].c_str(), r[8].c_str()};
}

// The named order of this customer, or their latest one when no code is given.
std::optional<FoundOrder> find_order(pqxx::transaction_base& tx, const ToolContext& c,
                                     const std::string& code) {
  const auto rows =
      code.empty() ? postgres::exec(tx,
                                    std::string("SELECT ") + kOrderColumns +
                                        " FROM orders WHERE workspace_id = $1 AND customer_id = $2"
                                        " ORDER BY created_at DESC LIMIT 1",
                                    c.workspace_id, c.customer_id)
                   : postgres::exec(
                         tx,
                         std::string("SELECT ") + kOrderColumns +
                             " FROM orders WHERE workspace_id = $1 AND customer_id = $2 AND code = upper($3)",
                         c.workspace_id, c.customer_id, code);
  if (rows.empty()) return std::nullopt;
  return from_row(rows[0]);
}

json::object not_found(const std::string& code) {
  if (code.empty()) return {{"error", "the customer has no orders"}};
  return {{"error", "the customer has no order with that code"}, {"orderCode", code}};
}

json::object describe(const ToolContext& c, const FoundOrder& o) {
  json::object out{{"orderCode", o.code},
                   {"status", o.status},
                   {"statusLabel", order_status_label(o.status, c.language)},
                   {"paymentStatus", o.payment_status},
                   {"total", format_price(o.total, c.currency, c.language)},
                   {"createdOn", o.date}};
  if (!o.tracking_number.empty()) out["trackingNumber"] = o.tracking_number;
  return out;
}

std::string link_to(pqxx::transaction_base& tx, const ToolContext& c, std::string_view type,
                    const std::optional<std::string>& resource) {
  const auto link = links::issue(tx, c.workspace_id, links::spec_for(type), c.customer_id, resource);
  return c.public_base_url + "/s/" + link.token;
}

constexpr const char* kCodeSchema =
    R"({"type":"object","properties":{"orderCode":{"type":"string","description":"e.g. ORD-2026-000123; omit for the latest order"}}})";

}  // namespace

std::vector<Tool> order_tools() {
  std::vector<Tool> t;
  t.push_back(
      {{"order_status", "Status, payment and total of one of the customer's orders (the latest if no code).",
        kCodeSchema},
       [](ToolContext& c, const json::object& a) -> json::value {
         const auto code = string_argument(a, "orderCode");
         ToolTransaction unit(c, ToolTransaction::kRead);
         auto& tx = unit.tx();
         const auto o = find_order(tx, c, code);
         if (!o) return not_found(code);
         return describe(c, *o);
       }});
  t.push_back(
      {{"recent_orders", "The customer's latest orders, newest first.",
        R"({"type":"object","properties":{"limit":{"type":"integer","description":"1 to 10, default 5"}}})"},
       [](ToolContext& c, const json::object& a) -> json::value {
         long long limit = 5;
         if (const auto* v = a.if_contains("limit"); v && v->is_int64())
           limit = std::clamp<long long>(v->as_int64(), 1, 10);
         ToolTransaction unit(c, ToolTransaction::kRead);
         auto& tx = unit.tx();
         json::array items;
         for (const auto& r : postgres::exec(tx,
                                             std::string("SELECT ") + kOrderColumns +
                                                 " FROM orders WHERE workspace_id = $1 AND customer_id = $2"
                                                 " ORDER BY created_at DESC LIMIT $3",
                                             c.workspace_id, c.customer_id, limit)) {
           items.push_back(describe(c, from_row(r)));
         }
         return json::object{{"items", std::move(items)}};
       }});
  t.push_back(
      {{"tracking_link",
        "A secure link (valid 7 days) to the page of one of the customer's orders: status timeline and "
        "shipment tracking.",
        kCodeSchema},
       [](ToolContext& c, const json::object& a) -> json::value {
         const auto code = string_argument(a, "orderCode");
         ToolTransaction unit(c, ToolTransaction::kWrite);
         auto& tx = unit.tx();
         const auto o = find_order(tx, c, code);
         if (!o) return not_found(code);
         auto out = describe(c, *o);
         if (!o->tracking_url.empty()) out["trackingUrl"] = o->tracking_url;
         out["link"] = link_to(tx, c, "order", o->id);
         out["linkValidFor"] = "7 days";
         unit.commit();
         return out;
       }});
  t.push_back(
      {{"invoice_link", "A secure link (valid 48 hours) to the invoice of one of the customer's paid orders.",
        kCodeSchema},
       [](ToolContext& c, const json::object& a) -> json::value {
         const auto code = string_argument(a, "orderCode");
         ToolTransaction unit(c, ToolTransaction::kWrite);
         auto& tx = unit.tx();
         const auto o = find_order(tx, c, code);
         if (!o) return not_found(code);
         if (o->invoice_number.empty()) {
           return json::object{{"error", "no invoice yet: it is issued when the payment is confirmed"},
                               {"orderCode", o->code},
                               {"status", o->status}};
         }
         json::object out{{"orderCode", o->code},
                          {"invoiceNumber", o->invoice_number},
                          {"link", link_to(tx, c, "invoice", o->id)},
                          {"linkValidFor", "48 hours"}};
         unit.commit();
         return out;
       }});
  t.push_back(
      {{"profile_link",
        "A secure link (valid 1 hour) where the customer sees and edits their personal details, privacy "
        "consent and notifications, downloads their data or asks for its deletion. Personal data is never "
        "asked for or changed in the chat.",
        R"({"type":"object","properties":{}})"},
       [](ToolContext& c, const json::object&) -> json::value {
         ToolTransaction unit(c, ToolTransaction::kWrite);
         auto& tx = unit.tx();
         json::object out{{"link", link_to(tx, c, "profile", std::nullopt)}, {"linkValidFor", "1 hour"}};
         unit.commit();
         return out;
       }});
  return t;
}

}  // namespace shopme::agent
