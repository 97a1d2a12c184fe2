#include "infrastructure/orders/place_order.hpp"

#include <chrono>
#include <pqxx/pqxx>
#include <set>

#include "domain/orders/order_status.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/pricing_inputs.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::orders {

namespace {

Error conflict(std::string detail, std::string code) {
  auto e = Error::conflict(std::move(detail));
  e.code = std::move(code);
  return e;
}

}  // namespace

Result<PlacedOrder> place_order(pqxx::transaction_base& tx, const OrderRequest& r) {
  const auto& ws = r.workspace_id;
  std::vector<catalog::CartLine> lines;
  std::vector<std::pair<std::string, std::string>> named;  // name, sku
  for (std::size_t i = 0; i < r.lines.size(); ++i) {
    const auto& l = r.lines[i];
    const auto p = postgres::exec(
        tx, "SELECT name, sku FROM products WHERE workspace_id = $1 AND id = $2 AND status = 'active'", ws,
        l.product_id);
    auto line = p.empty() ? std::nullopt : postgres::load_cart_line(tx, ws, l.product_id, l.quantity);
    if (!line) {
      return Error::invalid({{"lines[" + std::to_string(i) + "].productId", "is not a product for sale"}},
                            "A line names no product for sale.");
    }
    lines.push_back(std::move(*line));
    named.emplace_back(p[0][0].c_str(), p[0][1].c_str());
  }
  auto code = r.promo_code;
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  auto priced = catalog::price_cart(lines, postgres::load_offers(tx, ws, code), code, now);
  if (priced.code_rejection) {
    code.reset();
    priced = catalog::price_cart(lines, postgres::load_offers(tx, ws, code), code, now);
  }
  // Reserve stock: a conditional decrement, so of two customers racing for the last unit one wins.
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto took = postgres::exec(
        tx,
        "UPDATE products SET stock = stock - $3, updated_at = now() WHERE workspace_id = $1 AND id = $2"
        " AND status = 'active' AND stock >= $3 RETURNING stock",
        ws, lines[i].product_id, lines[i].quantity);
    if (took.empty()) {
      auto e = conflict("Not enough stock of " + named[i].first + ".", "out-of-stock");
      e.fields.push_back(
          {"lines[" + std::to_string(i) + "].quantity", "more than the stock of " + named[i].first});
      return e;
    }
  }
  // Offer uses are counted in the same transaction, against the limits.
  std::set<std::string> offers;
  for (const auto& l : priced.lines) {
    if (l.offer_id) offers.insert(*l.offer_id);
  }
  if (priced.code_offer_id) offers.insert(*priced.code_offer_id);
  for (const auto& o : offers) {
    const auto used = postgres::exec(
        tx,
        "UPDATE offers SET usage_count = usage_count + 1 WHERE workspace_id = $1 AND id = $2"
        " AND (usage_limit IS NULL OR usage_count < usage_limit) RETURNING usage_limit_per_customer",
        ws, o);
    if (used.empty()) return conflict("An offer has just run out; price the order again.", "offer-exhausted");
    const auto mine = postgres::exec1(
        tx,
        "INSERT INTO offer_usages (workspace_id, offer_id, customer_id, uses) VALUES ($1, $2, $3, 1)"
        " ON CONFLICT (workspace_id, offer_id, customer_id) DO UPDATE SET uses = offer_usages.uses + 1 "
        "RETURNING uses",
        ws, o, r.customer_id);
    if (!used[0][0].is_null() && mine[0].as<int>() > used[0][0].as<int>())
      return conflict("The customer has already used an offer as often as allowed.", "offer-exhausted");
  }
  const auto number = postgres::exec1(
      tx,
      "INSERT INTO document_counters (workspace_id, series, year, last_number)"
      " SELECT $1, 'order', extract(year FROM now() AT TIME ZONE timezone)::int, 1 FROM workspaces WHERE id "
      "= $1 ON CONFLICT (workspace_id, series, year)"
      " DO UPDATE SET last_number = document_counters.last_number + 1 RETURNING year, last_number",
      ws);
  PlacedOrder out;
  out.code = order_code(number[0].as<int>(), number[1].as<int>());
  out.total = priced.total;
  out.id = postgres::exec1(
               tx,
               "INSERT INTO orders (workspace_id, code, customer_id, conversation_id, currency, subtotal, "
               "discount,"
               "  tax, total, promo_code, code_offer_id, shipping_address, billing_address, "
               "payment_expires_at, notes)"
               " SELECT $1, $2, $3, $4, w.currency, $5, $6, $7, $8, $9, $10, cu.shipping_address, "
               "cu.billing_address,"
               "        now() + interval '1 hour', $11"
               "   FROM workspaces w, customers cu WHERE w.id = $1 AND cu.workspace_id = $1 AND cu.id = $3"
               " RETURNING id",
               ws, out.code, r.customer_id, r.conversation_id, static_cast<long long>(priced.subtotal),
               static_cast<long long>(priced.automatic_discount + priced.code_discount),
               static_cast<long long>(priced.tax), static_cast<long long>(priced.total), code,
               priced.code_offer_id, r.notes)[0]
               .c_str();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = priced.lines[i];
    postgres::exec0(
        tx,
        "INSERT INTO order_lines (workspace_id, order_id, line_no, product_id, sku, name, unit_price, "
        "quantity,"
        " discount, total, tax_rate, tax, offer_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "$12, $13)",
        ws, out.id, static_cast<int>(i + 1), lines[i].product_id, named[i].second, named[i].first,
        static_cast<long long>(lines[i].unit_price), lines[i].quantity, static_cast<long long>(l.discount),
        static_cast<long long>(l.total), lines[i].tax_rate_bp, static_cast<long long>(l.tax), l.offer_id);
  }
  postgres::exec0(tx,
                  "INSERT INTO order_events (workspace_id, order_id, to_status, actor_kind, actor_id, note)"
                  " VALUES ($1, $2, 'pending_payment', $3, $4, $5)",
                  ws, out.id, r.actor_kind, r.actor_id, r.note);
  return out;
}

}  // namespace shopme::orders
