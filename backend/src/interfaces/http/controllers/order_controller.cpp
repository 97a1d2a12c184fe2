#include "interfaces/http/controllers/order_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "domain/agent/phrasebook.hpp"
#include "domain/identity/role.hpp"
#include "domain/orders/order_status.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace json = boost::json;

namespace {

const std::string kSummaryColumns =
    "o.id, o.code, cu.id, cu.name, o.status, o.payment_status, o.total, o.currency, " +
    iso_column("o.created_at");
const std::string kFrom =
    " FROM orders o JOIN customers cu ON cu.workspace_id = o.workspace_id AND cu.id = o.customer_id";

json::object summary(const pqxx::row& r) {
  return {{"id", r[0].c_str()},
          {"code", r[1].c_str()},
          {"customer", json::object{{"id", r[2].c_str()}, {"name", r[3].c_str()}}},
          {"status", r[4].c_str()},
          {"paymentStatus", r[5].c_str()},
          {"total", r[6].as<long long>()},
          {"currency", r[7].c_str()},
          {"createdAt", r[8].c_str()}};
}

json::value nullable(const pqxx::field& f) {
  return f.is_null() ? json::value(nullptr) : json::value(f.c_str());
}

std::optional<json::object> load_order(pqxx::transaction_base& tx, const std::string& ws,
                                       const std::string& id) {
  if (!is_uuid(id)) return std::nullopt;
  const auto rows = tx.exec_params("SELECT " + kSummaryColumns +
                                       ", o.subtotal, o.discount, o.tax, o.shipping, o.promo_code, "
                                       "o.shipping_address::text, o.billing_address::text,"
                                       " o.notes, o.tracking_number, o.tracking_url, o.conversation_id, " +
                                       iso_column("o.payment_expires_at") + kFrom +
                                       " WHERE o.workspace_id = $1 AND o.id = $2",
                                   ws, id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  auto o = summary(r);
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
  json::array lines;
  for (const auto& l :
       tx.exec_params("SELECT line_no, product_id, sku, name, unit_price, quantity, discount, total, "
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
  for (const auto& e : tx.exec_params(
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

std::string status_message(const std::string& language, const std::string& code, orders::OrderStatus to,
                           const std::string& tracking) {
  auto text =
      agent::say("order.changed", language,
                 {{"code", code}, {"status", agent::order_status_label(orders::to_string(to), language)}});
  if (!tracking.empty())
    text += " " + agent::say("order.changed.tracking", language, {{"tracking", tracking}});
  return text;
}

// The customer hears about it in the conversation the order came from (if any).
void notify_customer(pqxx::work& tx, const std::string& ws, const std::string& order_id,
                     const std::string& text) {
  const auto rows = tx.exec_params(
      "SELECT o.conversation_id FROM orders o WHERE o.workspace_id = $1 AND o.id = $2 AND o.conversation_id "
      "IS NOT NULL",
      ws, order_id);
  if (rows.empty()) return;
  messaging::OutboundMessage m;
  m.body = text;
  messaging::queue_outbound(tx, ws, rows[0][0].c_str(), m, "system");
}

}  // namespace

Response OrderController::list(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const long long page = query_number(req, "page", 1, 1'000'000, bad).value_or(1);
  const long long limit = query_number(req, "limit", 1, 100, bad).value_or(20);
  const auto status = req.query_param("status").value_or("");
  if (!status.empty() && !orders::parse_order_status(status))
    bad.push_back({"status", "is not an order status"});
  const auto customer = req.query_param("customerId").value_or("");
  if (!customer.empty() && !is_uuid(customer)) bad.push_back({"customerId", "must be a customer id"});
  const auto search = req.query_param("search").value_or("");
  if (search.size() > 100) bad.push_back({"search", "must be at most 100 characters"});
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));
  const std::string where =
      " WHERE o.workspace_id = $1 AND ($2 = '' OR o.status = $2) AND ($3 = '' OR o.customer_id::text = $3)"
      " AND ($4 = '' OR o.code ILIKE '%' || $4 || '%' OR cu.name ILIKE '%' || $4 || '%')";
  pqxx::read_transaction tx(db.conn());
  const auto& ws = req.principal->workspace_id;
  const auto total =
      tx.exec_params1("SELECT count(*)" + kFrom + where, ws, status, customer, search)[0].as<long long>();
  json::array items;
  for (const auto& r : tx.exec_params("SELECT " + kSummaryColumns + kFrom + where +
                                          " ORDER BY o.created_at DESC, o.id LIMIT $5 OFFSET $6",
                                      ws, status, customer, search, limit, (page - 1) * limit)) {
    items.push_back(summary(r));
  }
  return Response::json(
      200, json::serialize(json::object{
               {"items", std::move(items)}, {"total", total}, {"page", page}, {"limit", limit}}));
}

Response OrderController::get(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  auto o = load_order(tx, req.principal->workspace_id, req.params["id"]);
  if (!o) return problem(req, 404, "No such order.");
  return Response::json(200, json::serialize(*o));
}

Response OrderController::change_status(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto status = in.string("status", true, 30);
  std::optional<orders::OrderStatus> to;
  if (status && !(to = orders::parse_order_status(*status))) in.fail("status", "is not an order status");
  auto note = in.string("note", false, 1000);
  auto notify = in.boolean("notifyCustomer", false);
  if (auto st = in.finish(); !st) return problem(req, st.error());
  using S = orders::OrderStatus;
  // Money-changing steps need the right to manage orders; moving an order along does not.
  if ((*to == S::kPaid || *to == S::kCancelled || *to == S::kRefunded) &&
      !identity::allows(req.principal->role, identity::Action::kManageOrders)) {
    return problem(req, 403,
                   "Your role may move orders along but not mark them paid, cancel or refund them.");
  }
  if (*to == S::kRefunded) {
    return problem(req, 409,
                   "Refunds go through the payment gateway, which this workspace has not configured yet.",
                   "refund-needs-gateway");
  }
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such order.");
  pqxx::work tx(db.conn());
  const auto cur = tx.exec_params(
      "SELECT o.status, o.code, cu.language, coalesce(o.tracking_url, ''), o.stock_reserved"
      "  FROM orders o JOIN customers cu ON cu.workspace_id = o.workspace_id AND cu.id = o.customer_id"
      " WHERE o.workspace_id = $1 AND o.id = $2 FOR UPDATE OF o",
      ws, id);
  if (cur.empty()) return problem(req, 404, "No such order.");
  const auto from = *orders::parse_order_status(cur[0][0].c_str());
  if (auto ok = orders::check_transition(from, *to); !ok) return problem(req, ok.error());
  if (*to == S::kCancelled && cur[0][4].as<bool>()) {
    // The reserved units go back on the shelf.
    tx.exec_params0(
        "UPDATE products p SET stock = p.stock + l.quantity, updated_at = now() FROM order_lines l"
        " WHERE l.workspace_id = $1 AND l.order_id = $2 AND p.workspace_id = l.workspace_id AND p.id = "
        "l.product_id",
        ws, id);
    tx.exec_params0("UPDATE orders SET stock_reserved = false WHERE workspace_id = $1 AND id = $2", ws, id);
  }
  if (*to == S::kCancelled) tx.exec_params("SELECT shopme_release_offer_uses($1, $2)", ws, id);
  tx.exec_params0(
      "UPDATE orders SET status = $3, payment_status = CASE WHEN $3 = 'paid' THEN 'paid' ELSE payment_status "
      "END,"
      " updated_at = now() WHERE workspace_id = $1 AND id = $2",
      ws, id, *status);
  tx.exec_params0(
      "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, actor_id, note)"
      " VALUES ($1, $2, $3, $4, 'operator', $5, $6)",
      ws, id, std::string(cur[0][0].c_str()), *status, req.principal->user_id, note.value_or(""));
  if (notify.value_or(false)) {
    std::string tracking = cur[0][3].c_str();
    if (tracking.empty() && (*to == S::kShipped || *to == S::kPaid || *to == S::kProcessing)) {
      // No carrier link: the customer follows the order on its own page (a 7-day link).
      const auto customer =
          tx.exec_params1("SELECT customer_id FROM orders WHERE workspace_id = $1 AND id = $2", ws, id);
      const auto link = links::issue(tx, ws, links::spec_for("order"), std::string(customer[0].c_str()), id);
      tracking = base_url_ + "/s/" + link.token;
    }
    notify_customer(tx, ws, id, status_message(cur[0][2].c_str(), cur[0][1].c_str(), *to, tracking));
  }
  auto o = load_order(tx, ws, id);
  tx.commit();
  return Response::json(200, json::serialize(*o));
}

Response OrderController::set_tracking(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto number = in.string("trackingNumber", true, 100);
  auto url = in.string("trackingUrl", false, 500);
  if (url && !url->empty() && !(url->starts_with("https://") || url->starts_with("http://"))) {
    in.fail("trackingUrl", "must be an http(s) URL");
  }
  auto notify = in.boolean("notifyCustomer", false);
  if (auto st = in.finish(); !st) return problem(req, st.error());
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such order.");
  pqxx::work tx(db.conn());
  const auto rows = tx.exec_params(
      "UPDATE orders o SET tracking_number = $3, tracking_url = nullif($4, ''), updated_at = now()"
      "  FROM customers cu WHERE o.workspace_id = $1 AND o.id = $2 AND cu.workspace_id = o.workspace_id"
      "   AND cu.id = o.customer_id RETURNING o.code, cu.language, o.status",
      ws, id, *number, url.value_or(""));
  if (rows.empty()) return problem(req, 404, "No such order.");
  tx.exec_params0(
      "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, actor_id, note)"
      " VALUES ($1, $2, $3, $3, 'operator', $4, 'tracking ' || $5)",
      ws, id, std::string(rows[0][2].c_str()), req.principal->user_id, *number);
  if (notify.value_or(false)) {
    const std::string tracking = url && !url->empty() ? *url : *number;
    notify_customer(tx, ws, id,
                    status_message(rows[0][1].c_str(), rows[0][0].c_str(),
                                   *orders::parse_order_status(rows[0][2].c_str()), tracking));
  }
  auto o = load_order(tx, ws, id);
  tx.commit();
  return Response::json(200, json::serialize(*o));
}

Response OrderController::customer_orders(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such customer.");
  pqxx::read_transaction tx(db.conn());
  if (tx.exec_params("SELECT 1 FROM customers WHERE workspace_id = $1 AND id = $2", ws, id).empty()) {
    return problem(req, 404, "No such customer.");
  }
  json::array items;
  for (const auto& r : tx.exec_params(
           "SELECT " + kSummaryColumns + kFrom +
               " WHERE o.workspace_id = $1 AND o.customer_id = $2 ORDER BY o.created_at DESC LIMIT 200",
           ws, id)) {
    items.push_back(summary(r));
  }
  const auto n = static_cast<long long>(items.size());
  return Response::json(200, json::serialize(json::object{{"items", std::move(items)}, {"total", n}}));
}

}  // namespace shopme::http
