#include "interfaces/http/controllers/order_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <set>

#include "domain/agent/phrasebook.hpp"
#include "domain/identity/role.hpp"
#include "domain/orders/order_status.hpp"
#include "infrastructure/invoices/invoice.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/orders/place_order.hpp"
#include "infrastructure/payments/confirm_payment.hpp"
#include "infrastructure/payments/payment_settings.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/order_json.hpp"
#include "interfaces/http/controllers/public_link_controller.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace json = boost::json;

namespace {

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
  const auto rows = postgres::exec(
      tx,
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
  // Days in the workspace's time zone, both included.
  const auto from = req.query_param("from").value_or("");
  const auto to = req.query_param("to").value_or("");
  if (!from.empty() && !is_day(from)) bad.push_back({"from", "must be a date like 2026-11-01"});
  if (!to.empty() && !is_day(to)) bad.push_back({"to", "must be a date like 2026-11-30"});
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));
  const std::string where =
      " WHERE o.workspace_id = $1 AND ($2 = '' OR o.status = $2) AND ($3 = '' OR o.customer_id::text = $3)"
      " AND ($4 = '' OR o.code ILIKE '%' || $4 || '%' OR cu.name ILIKE '%' || $4 || '%')"
      " AND ($7 = '' OR o.created_at >= ($7::date::timestamp AT TIME ZONE (SELECT timezone FROM workspaces "
      "WHERE id = $1)))"
      " AND ($8 = '' OR o.created_at < (($8::date + 1)::timestamp AT TIME ZONE (SELECT timezone FROM "
      "workspaces WHERE id = $1)))";
  pqxx::read_transaction tx(db.conn());
  const auto& ws = req.principal->workspace_id;
  // $5/$6 (limit, offset) are unused by the count but keep the parameter numbers the same.
  const auto total =
      postgres::exec1(
          tx, "SELECT count(*)" + kOrderSummaryFrom + where + " AND $5::bigint >= 0 AND $6::bigint >= 0", ws,
          status, customer, search, limit, (page - 1) * limit, from, to)[0]
          .as<long long>();
  json::array items;
  for (const auto& r : postgres::exec(tx,
                                      "SELECT " + kOrderSummaryColumns + kOrderSummaryFrom + where +
                                          " ORDER BY o.created_at DESC, o.id LIMIT $5 OFFSET $6",
                                      ws, status, customer, search, limit, (page - 1) * limit, from, to)) {
    items.push_back(order_summary(r));
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
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such order.");
  pqxx::work tx(db.conn());
  const auto cur = postgres::exec(
      tx,
      "SELECT o.status, o.code, cu.language, coalesce(o.tracking_url, ''), o.stock_reserved"
      "  FROM orders o JOIN customers cu ON cu.workspace_id = o.workspace_id AND cu.id = o.customer_id"
      " WHERE o.workspace_id = $1 AND o.id = $2 FOR UPDATE OF o",
      ws, id);
  if (cur.empty()) return problem(req, 404, "No such order.");
  if (*to == S::kRefunded) {
    return problem(req, 409, "Refunds go through the payment gateway: use the order's refund action.",
                   "use-refund");
  }
  const auto from = *orders::parse_order_status(cur[0][0].c_str());
  if (auto ok = orders::check_transition(from, *to); !ok) return problem(req, ok.error());
  if (*to == S::kCancelled && cur[0][4].as<bool>()) {
    // The reserved units go back on the shelf.
    postgres::exec0(
        tx,
        "UPDATE products p SET stock = p.stock + l.quantity, updated_at = now() FROM order_lines l"
        " WHERE l.workspace_id = $1 AND l.order_id = $2 AND p.workspace_id = l.workspace_id AND p.id = "
        "l.product_id",
        ws, id);
    postgres::exec0(tx, "UPDATE orders SET stock_reserved = false WHERE workspace_id = $1 AND id = $2", ws,
                    id);
  }
  if (*to == S::kCancelled) postgres::exec(tx, "SELECT shopme_release_offer_uses($1, $2)", ws, id);
  if (*to == S::kPaid) {
    // A payment taken outside the gateway (bank transfer, cash): the same after-payment steps,
    // including the invoice number and the customer's confirmation.
    payments::confirm_payment(tx, ws, id,
                              {"manual", "operator", req.principal->user_id,
                               note && !note->empty() ? *note : std::string("marked paid by the team")},
                              base_url_);
    auto o = load_order(tx, ws, id);
    tx.commit();
    return Response::json(200, json::serialize(*o));
  }
  postgres::exec0(
      tx,
      "UPDATE orders SET status = $3, payment_status = CASE WHEN $3 = 'paid' THEN 'paid' ELSE payment_status "
      "END,"
      " updated_at = now() WHERE workspace_id = $1 AND id = $2",
      ws, id, *status);
  postgres::exec0(
      tx,
      "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, actor_id, note)"
      " VALUES ($1, $2, $3, $4, 'operator', $5, $6)",
      ws, id, std::string(cur[0][0].c_str()), *status, req.principal->user_id, note.value_or(""));
  if (notify.value_or(false)) {
    std::string tracking = cur[0][3].c_str();
    if (tracking.empty() && (*to == S::kShipped || *to == S::kPaid || *to == S::kProcessing)) {
      // No carrier link: the customer follows the order on its own page (a 7-day link).
      const auto customer =
          postgres::exec1(tx, "SELECT customer_id FROM orders WHERE workspace_id = $1 AND id = $2", ws, id);
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
  const auto rows = postgres::exec(
      tx,
      "UPDATE orders o SET tracking_number = $3, tracking_url = nullif($4, ''), updated_at = now()"
      "  FROM customers cu WHERE o.workspace_id = $1 AND o.id = $2 AND cu.workspace_id = o.workspace_id"
      "   AND cu.id = o.customer_id RETURNING o.code, cu.language, o.status",
      ws, id, *number, url.value_or(""));
  if (rows.empty()) return problem(req, 404, "No such order.");
  postgres::exec0(
      tx,
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
  if (postgres::exec(tx, "SELECT 1 FROM customers WHERE workspace_id = $1 AND id = $2", ws, id).empty()) {
    return problem(req, 404, "No such customer.");
  }
  json::array items;
  for (const auto& r : postgres::exec(
           tx,
           "SELECT " + kOrderSummaryColumns + kOrderSummaryFrom +
               " WHERE o.workspace_id = $1 AND o.customer_id = $2 ORDER BY o.created_at DESC LIMIT 200",
           ws, id)) {
    items.push_back(order_summary(r));
  }
  const auto n = static_cast<long long>(items.size());
  return Response::json(200, json::serialize(json::object{{"items", std::move(items)}, {"total", n}}));
}

Response OrderController::create(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto customer = in.string("customerId", true, 36);
  if (customer && !is_uuid(*customer)) in.fail("customerId", "is not a customer id");
  auto promo = in.string("promoCode", false, 64);
  auto notes = in.string("notes", false, 2000);
  auto send = in.boolean("sendPaymentLink", false);
  orders::OrderRequest request;
  const auto* lines = in.object().if_contains("lines");
  if (!lines || !lines->is_array() || lines->as_array().empty() || lines->as_array().size() > 50) {
    in.fail("lines", "must list 1 to 50 products");
  } else {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < lines->as_array().size(); ++i) {
      const auto& v = lines->as_array()[i];
      const auto at = "lines[" + std::to_string(i) + "].";
      if (!v.is_object()) {
        in.fail("lines[" + std::to_string(i) + "]", "must be an object");
        continue;
      }
      auto line = JsonInput::of(v.as_object());
      auto product = line.string("productId", true, 36);
      if (product && !is_uuid(*product)) line.fail("productId", "is not a product id");
      if (product && !seen.insert(*product).second)
        line.fail("productId", "appears twice; give one line per product");
      auto quantity = line.integer("quantity", true, 1, 10000);
      if (auto st = line.finish(); !st) {
        for (const auto& f : st.error().fields) in.fail(at + f.field, f.message);
      } else {
        request.lines.push_back({*product, static_cast<int>(*quantity)});
      }
    }
  }
  if (auto st = in.finish(); !st) return problem(req, st.error());
  const auto& ws = req.principal->workspace_id;
  pqxx::work tx(db.conn());
  const auto who = postgres::exec(
      tx, "SELECT language, erased_at IS NULL FROM customers WHERE workspace_id = $1 AND id = $2", ws,
      *customer);
  if (who.empty() || !who[0][1].as<bool>()) {
    return problem(req, Error::invalid({{"customerId", "is not a customer of this workspace"}}));
  }
  request.workspace_id = ws;
  request.customer_id = *customer;
  if (promo && !promo->empty()) request.promo_code = *promo;
  request.actor_kind = "operator";
  request.actor_id = req.principal->user_id;
  request.note = "taken by the team";
  request.notes = notes.value_or("");
  const auto placed = orders::place_order(tx, request);
  if (!placed) return problem(req, placed.error());  // rolled back with the transaction
  const auto link = links::issue(tx, ws, links::spec_for("payment"), *customer, placed->id);
  const auto url = base_url_ + "/s/" + link.token;
  bool sent = false;
  if (send.value_or(false)) {
    const auto conv =
        postgres::exec(tx,
                       "SELECT id FROM conversations WHERE workspace_id = $1 AND customer_id = $2"
                       " ORDER BY last_message_at DESC NULLS LAST LIMIT 1",
                       ws, *customer);
    if (!conv.empty()) {
      const std::string language = who[0][0].c_str();
      const auto currency = postgres::exec1(tx, "SELECT currency FROM workspaces WHERE id = $1", ws);
      messaging::OutboundMessage m;
      m.body = agent::say("checkout.link", language,
                          {{"code", placed->code},
                           {"total", agent::format_price(placed->total, currency[0].c_str(), language)},
                           {"link", url}});
      postgres::exec0(tx, "UPDATE orders SET conversation_id = $3 WHERE workspace_id = $1 AND id = $2", ws,
                      placed->id, std::string(conv[0][0].c_str()));
      messaging::queue_outbound(tx, ws, conv[0][0].c_str(), m, "operator", req.principal->user_id);
      sent = true;
    }
  }
  auto o = load_order(tx, ws, placed->id);
  tx.commit();
  (*o)["paymentLink"] = url;
  (*o)["paymentLinkSent"] = sent;
  return Response::json(201, json::serialize(*o));
}

Response OrderController::refund(Request& req, postgres::Db& db) const {
  auto parsed = JsonInput::from(req);
  if (!parsed) return problem(req, parsed.error());
  auto& in = *parsed;
  auto reason = in.string("reason", false, 500);
  auto notify = in.boolean("notifyCustomer", false);
  if (auto st = in.finish(); !st) return problem(req, st.error());
  const auto& ws = req.principal->workspace_id;
  const auto id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such order.");
  std::string provider, intent;
  long long total = 0;
  {
    pqxx::read_transaction tx(db.conn());
    const auto o = postgres::exec(
        tx,
        "SELECT status, total, coalesce(payment_provider, ''),"
        "       coalesce((SELECT payment_intent_id FROM payment_sessions s WHERE s.workspace_id = "
        "o.workspace_id"
        "          AND s.order_id = o.id AND s.status = 'paid' ORDER BY updated_at DESC LIMIT 1), '')"
        "  FROM orders o WHERE workspace_id = $1 AND id = $2",
        ws, id);
    if (o.empty()) return problem(req, 404, "No such order.");
    const auto from = *orders::parse_order_status(o[0][0].c_str());
    if (auto ok = orders::check_transition(from, orders::OrderStatus::kRefunded); !ok)
      return problem(req, ok.error());
    total = o[0][1].as<long long>();
    provider = o[0][2].c_str();
    intent = o[0][3].c_str();
  }
  // The money goes back through the gateway that took it (outside any transaction); a payment taken by
  // hand is returned by hand and only recorded here.
  std::optional<std::string> refund_id;
  if (provider == "stripe" || provider == "test") {
    payments::PaymentSettings settings;
    {
      pqxx::read_transaction tx(db.conn());
      settings = payments::load_payment_settings(tx, sealer_, ws);
    }
    settings.provider = provider;
    auto done = payments::gateway_for(settings, base_url_)->refund({intent, total, "refund-" + id});
    if (!done) return problem(req, done.error());
    refund_id = *done;
  }
  pqxx::work tx(db.conn());
  const auto cur = postgres::exec(
      tx,
      "SELECT o.status, o.code, cu.language FROM orders o JOIN customers cu ON cu.workspace_id = "
      "o.workspace_id"
      " AND cu.id = o.customer_id WHERE o.workspace_id = $1 AND o.id = $2 FOR UPDATE OF o",
      ws, id);
  const std::string from = cur[0][0].c_str();
  if (from != "refunded") {  // the gateway's charge.refunded event may have been first
    postgres::exec0(tx,
                    "UPDATE orders SET status = 'refunded', payment_status = 'refunded', updated_at = now()"
                    " WHERE workspace_id = $1 AND id = $2",
                    ws, id);
    postgres::exec0(
        tx,
        "INSERT INTO order_events (workspace_id, order_id, from_status, to_status, actor_kind, actor_id, "
        "note)"
        " VALUES ($1, $2, $3, 'refunded', 'operator', $4, $5)",
        ws, id, from, req.principal->user_id, "refunded: " + reason.value_or(""));
  }
  postgres::exec0(
      tx,
      "INSERT INTO refunds (workspace_id, order_id, amount, reason, provider_refund_id, requested_by)"
      " SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM refunds WHERE workspace_id = $1 AND "
      "order_id = $2)",
      ws, id, total, reason.value_or(""), refund_id, req.principal->user_id);
  if (notify.value_or(false)) {
    notify_customer(tx, ws, id,
                    status_message(cur[0][2].c_str(), cur[0][1].c_str(), orders::OrderStatus::kRefunded, ""));
  }
  messaging::notify(tx, "order.updated", ws, "", json::object{{"orderId", id}, {"status", "refunded"}});
  auto o = load_order(tx, ws, id);
  tx.commit();
  return Response::json(200, json::serialize(*o));
}

Response OrderController::invoice_pdf(Request& req, postgres::Db& db) const {
  const auto id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such order.");
  pqxx::read_transaction tx(db.conn());
  const auto invoice = invoices::load_invoice(tx, req.principal->workspace_id, id);
  if (!invoice) return problem(req, 404, "This order has no invoice (it is issued when the order is paid).");
  return pdf_response(*invoice);
}

}  // namespace shopme::http
