#include "interfaces/http/controllers/order_json.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"

namespace shopme::http {
namespace json = boost::json;

const std::string kOrderSummaryColumns =
    "o.id, o.code, cu.id, cu.name, o.status, o.payment_status, o.total, o.currency, " +
    iso_column("o.created_at");
const std::string kOrderSummaryFrom =
    " FROM orders o JOIN customers cu ON cu.workspace_id = o.workspace_id AND cu.id = o.customer_id";

json::object order_summary(const pqxx::row& r) {
  return {{"id", r[0].c_str()},
          {"code", r[1].c_str()},
          {"customer", json::object{{"id", r[2].c_str()}, {"name", r[3].c_str()}}},
          {"status", r[4].c_str()},
          {"paymentStatus", r[5].c_str()},
          {"total", r[6].as<long long>()},
          {"currency", r[7].c_str()},
          {"createdAt", r[8].c_str()}};
}

namespace {

json::value nullable(const pqxx::field& f) {
  return f.is_null() ? json::value(nullptr) : json::value(f.c_str());
}

}  // namespace

std::optional<json::object> load_order(pqxx::transaction_base& tx, const std::string& ws,
                                       const std::string& id) {
  if (!is_uuid(id)) return std::nullopt;
  const auto rows = postgres::exec(tx,
                                   "SELECT " + kOrderSummaryColumns +
                                       ", o.subtotal, o.discount, o.tax, o.shipping, o.promo_code, "
                                       "o.shipping_address::text, o.billing_address::text,"
                                       " o.notes, o.tracking_number, o.tracking_url, o.conversation_id, " +
                                       iso_column("o.payment_expires_at") + ", o.invoice_number, " +
                                       iso_column("o.paid_at") + ", o.payment_provider" + kOrderSummaryFrom +
                                       " WHERE o.workspace_id = $1 AND o.id = $2",
                                   ws, id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  auto o = order_summary(r);
  o["subtotal"] = r[9].as<long long>();
  o["discount"] = r[10].as<long long>();
  o["tax"] = r[11].as<long long>();
  o["shipping"] = r[12].as<long long>();
  o["promoCode"] = nullable(r[13]);
  o["shippingAddress"] = json::parse(r[14].c_str());
  o["billingAddress"] = json::parse(r[15].c_str());
  o["notes"] = r[16].c_str();
  o["trackingNumber"] = nullable(r[17]);
  o["trackingUrl"] = nullable(r[18]);
  o["conversationId"] = nullable(r[19]);
  o["paymentExpiresAt"] = nullable(r[20]);
  o["invoiceNumber"] = nullable(r[21]);
  o["paidAt"] = nullable(r[22]);
  o["paymentProvider"] = nullable(r[23]);
  json::array lines;
  for (const auto& l :
       postgres::exec(tx,
                      "SELECT line_no, product_id, sku, name, unit_price, quantity, discount, total, "
                      "tax_rate, tax, offer_id"
                      "  FROM order_lines WHERE workspace_id = $1 AND order_id = $2 ORDER BY line_no",
                      ws, id)) {
    lines.push_back(json::object{{"lineNo", l[0].as<int>()},
                                 {"productId", nullable(l[1])},
                                 {"sku", l[2].c_str()},
                                 {"name", l[3].c_str()},
                                 {"unitPrice", l[4].as<long long>()},
                                 {"quantity", l[5].as<int>()},
                                 {"discount", l[6].as<long long>()},
                                 {"total", l[7].as<long long>()},
                                 {"taxRate", percent_json(l[8].as<long long>())},
                                 {"tax", l[9].as<long long>()},
                                 {"offerId", nullable(l[10])}});
  }
  o["lines"] = std::move(lines);
  json::array events;
  for (const auto& e : postgres::exec(
           tx,
           "SELECT e.from_status, e.to_status, e.actor_kind, e.actor_id, coalesce(u.name, ''), e.note, " +
               iso_column("e.created_at") +
               " FROM order_events e LEFT JOIN users u ON u.id = e.actor_id"
               " WHERE e.workspace_id = $1 AND e.order_id = $2 ORDER BY e.id",
           ws, id)) {
    events.push_back(json::object{{"from", nullable(e[0])},
                                  {"to", e[1].c_str()},
                                  {"actorKind", e[2].c_str()},
                                  {"actorId", nullable(e[3])},
                                  {"actorName", e[4].c_str()},
                                  {"note", e[5].c_str()},
                                  {"at", e[6].c_str()}});
  }
  o["events"] = std::move(events);
  return o;
}

json::object customer_order_view(const json::object& o) {
  json::object out;
  for (const char* key :
       {"code", "status", "paymentStatus", "currency", "subtotal", "discount", "tax", "shipping", "total",
        "paymentExpiresAt", "trackingNumber", "trackingUrl", "createdAt"}) {
    out[key] = o.at(key);
  }
  json::array lines;
  for (const auto& l : o.at("lines").as_array()) {
    const auto& x = l.as_object();
    lines.push_back(json::object{{"name", x.at("name")},
                                 {"sku", x.at("sku")},
                                 {"quantity", x.at("quantity")},
                                 {"unitPrice", x.at("unitPrice")},
                                 {"discount", x.at("discount")},
                                 {"total", x.at("total")}});
  }
  out["lines"] = std::move(lines);
  // The timeline: status changes only (tracking updates keep the status).
  json::array events;
  for (const auto& e : o.at("events").as_array()) {
    const auto& x = e.as_object();
    if (x.at("from") == x.at("to")) continue;
    events.push_back(json::object{{"toStatus", x.at("to")}, {"at", x.at("at")}});
  }
  out["events"] = std::move(events);
  const auto& address = o.at("shippingAddress").as_object();
  out["shippingAddress"] = address.empty() ? json::value(nullptr) : json::value(address);
  json::object invoice{{"available", !o.at("invoiceNumber").is_null()}};
  if (!o.at("invoiceNumber").is_null()) invoice["number"] = o.at("invoiceNumber");
  out["invoice"] = std::move(invoice);
  return out;
}

}  // namespace shopme::http
