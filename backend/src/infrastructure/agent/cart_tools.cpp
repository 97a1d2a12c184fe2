// The cart tools: the customer's open cart, priced by the domain's one price calculation.
// Quantities are absolute ("the cart holds 2"), so a retried turn sets the same line again.
#include <boost/json.hpp>
#include <chrono>
#include <pqxx/pqxx>
#include <set>
#include <tuple>

#include "domain/orders/order_status.hpp"
#include "infrastructure/agent/cart_tools.hpp"
#include "infrastructure/agent/tool_arguments.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/pricing_inputs.hpp"

namespace shopme::agent {
namespace json = boost::json;

namespace {

std::string open_cart(pqxx::work& tx, const ToolContext& c) {
  tx.exec_params0(
      "INSERT INTO carts (workspace_id, customer_id) VALUES ($1, $2) ON CONFLICT (workspace_id, customer_id)"
      " WHERE status = 'open' DO NOTHING",
      c.workspace_id, c.customer_id);
  return tx
      .exec_params1("SELECT id FROM carts WHERE workspace_id = $1 AND customer_id = $2 AND status = 'open'",
                    c.workspace_id, c.customer_id)[0]
      .c_str();
}

json::value priced_cart(pqxx::work& tx, const ToolContext& c, const std::string& cart,
                        const std::optional<std::string>& code) {
  std::vector<catalog::CartLine> lines;
  std::vector<std::string> names;
  for (const auto& r :
       tx.exec_params("SELECT l.product_id, p.name, l.quantity FROM cart_lines l JOIN products p"
                      "  ON p.workspace_id = l.workspace_id AND p.id = l.product_id"
                      " WHERE l.workspace_id = $1 AND l.cart_id = $2 ORDER BY l.added_at",
                      c.workspace_id, cart)) {
    if (auto line = postgres::load_cart_line(tx, c.workspace_id, r[0].c_str(), r[2].as<int>())) {
      lines.push_back(std::move(*line));
      names.emplace_back(r[1].c_str());
    }
  }
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const auto result = catalog::price_cart(lines, postgres::load_offers(tx, c.workspace_id, code), code, now);
  json::array items;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    json::object o{{"productId", lines[i].product_id},
                   {"name", names[i]},
                   {"quantity", lines[i].quantity},
                   {"unitPrice", format_price(lines[i].unit_price, c.currency, c.language)},
                   {"total", format_price(result.lines[i].total, c.currency, c.language)}};
    if (result.lines[i].discount > 0)
      o["discount"] = format_price(result.lines[i].discount, c.currency, c.language);
    items.push_back(std::move(o));
  }
  json::object out{
      {"items", std::move(items)},
      {"subtotal", format_price(result.subtotal, c.currency, c.language)},
      {"discounts", format_price(result.automatic_discount + result.code_discount, c.currency, c.language)},
      {"total", format_price(result.total, c.currency, c.language)},
      {"totalMinor", result.total},
      {"taxIncluded", format_price(result.tax, c.currency, c.language)}};
  if (code) {
    out["promoCode"] = *code;
    if (result.code_rejection) out["promoCodeRejected"] = *result.code_rejection;
  }
  return out;
}

std::optional<std::string> stored_code(pqxx::work& tx, const ToolContext& c, const std::string& cart) {
  const auto r = tx.exec_params1("SELECT promo_code FROM carts WHERE workspace_id = $1 AND id = $2",
                                 c.workspace_id, cart);
  if (r[0].is_null()) return std::nullopt;
  return std::string(r[0].c_str());
}

json::value checkout(ToolContext& c) {
  pqxx::work tx(c.conn);
  const auto cart_rows = tx.exec_params(
      "SELECT id, promo_code FROM carts WHERE workspace_id = $1 AND customer_id = $2 AND status = 'open' FOR "
      "UPDATE",
      c.workspace_id, c.customer_id);
  auto link_for = [&](const std::string& order_id, const std::string& code, long long total) {
    const auto link = links::issue(tx, c.workspace_id, links::spec_for("payment"), c.customer_id, order_id);
    json::object out{{"orderCode", code},
                     {"total", format_price(total, c.currency, c.language)},
                     {"paymentLink", c.public_base_url + "/s/" + link.token},
                     {"linkValidFor", "1 hour"}};
    return out;
  };
  std::vector<std::tuple<std::string, std::string, std::string, int>> items;  // product, name, sku, quantity
  if (!cart_rows.empty()) {
    for (const auto& r :
         tx.exec_params("SELECT l.product_id, p.name, p.sku, l.quantity FROM cart_lines l JOIN products p"
                        "  ON p.workspace_id = l.workspace_id AND p.id = l.product_id"
                        " WHERE l.workspace_id = $1 AND l.cart_id = $2 ORDER BY l.added_at",
                        c.workspace_id, std::string(cart_rows[0][0].c_str()))) {
      items.emplace_back(r[0].c_str(), r[1].c_str(), r[2].c_str(), r[3].as<int>());
    }
  }
  if (items.empty()) {
    // A turn retried after its checkout committed finds the cart already ordered: same order, no second one.
    const auto recent = tx.exec_params(
        "SELECT id, code, total FROM orders WHERE workspace_id = $1 AND customer_id = $2 AND status = "
        "'pending_payment'"
        " AND created_at > now() - interval '30 minutes' ORDER BY created_at DESC LIMIT 1",
        c.workspace_id, c.customer_id);
    if (recent.empty()) return json::object{{"error", "the cart is empty"}};
    auto out = link_for(recent[0][0].c_str(), recent[0][1].c_str(), recent[0][2].as<long long>());
    tx.commit();
    return out;
  }
  const std::string cart(cart_rows[0][0].c_str());
  std::optional<std::string> code;
  if (!cart_rows[0][1].is_null()) code = std::string(cart_rows[0][1].c_str());
  std::vector<catalog::CartLine> lines;
  for (const auto& [pid, name, sku, qty] : items)
    lines.push_back(*postgres::load_cart_line(tx, c.workspace_id, pid, qty));
  const auto now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  auto priced = catalog::price_cart(lines, postgres::load_offers(tx, c.workspace_id, code), code, now);
  if (priced.code_rejection) {  // a code that no longer applies is dropped, not charged
    code.reset();
    priced = catalog::price_cart(lines, postgres::load_offers(tx, c.workspace_id, code), code, now);
  }
  // Reserve stock: a conditional decrement, so of two customers racing for the last unit one wins.
  for (const auto& [pid, name, sku, qty] : items) {
    const auto took = tx.exec_params(
        "UPDATE products SET stock = stock - $3, updated_at = now() WHERE workspace_id = $1 AND id = $2"
        " AND status = 'active' AND stock >= $3 RETURNING stock",
        c.workspace_id, pid, qty);
    if (took.empty()) return json::object{{"error", "not enough stock"}, {"product", name}};  // rolled back
  }
  // Offer usage is counted in the same transaction, against the limit.
  std::set<std::string> offers;
  for (const auto& l : priced.lines) {
    if (l.offer_id) offers.insert(*l.offer_id);
  }
  if (priced.code_offer_id) offers.insert(*priced.code_offer_id);
  for (const auto& o : offers) {
    const auto used = tx.exec_params(
        "UPDATE offers SET usage_count = usage_count + 1 WHERE workspace_id = $1 AND id = $2"
        " AND (usage_limit IS NULL OR usage_count < usage_limit) RETURNING usage_limit_per_customer",
        c.workspace_id, o);
    if (used.empty())
      return json::object{{"error", "an offer in the cart has just run out; view the cart again"}};
    const auto mine = tx.exec_params1(
        "INSERT INTO offer_usages (workspace_id, offer_id, customer_id, uses) VALUES ($1, $2, $3, 1)"
        " ON CONFLICT (workspace_id, offer_id, customer_id) DO UPDATE SET uses = offer_usages.uses + 1 "
        "RETURNING uses",
        c.workspace_id, o, c.customer_id);
    if (!used[0][0].is_null() && mine[0].as<int>() > used[0][0].as<int>()) {
      return json::object{{"error", "the customer has already used this offer as often as allowed"}};
    }
  }
  const auto number = tx.exec_params1(
      "INSERT INTO document_counters (workspace_id, series, year, last_number)"
      " VALUES ($1, 'order', extract(year FROM now())::int, 1) ON CONFLICT (workspace_id, series, year)"
      " DO UPDATE SET last_number = document_counters.last_number + 1 RETURNING year, last_number",
      c.workspace_id);
  const auto code_text = orders::order_code(number[0].as<int>(), number[1].as<int>());
  const auto order =
      tx.exec_params1(
            "INSERT INTO orders (workspace_id, code, customer_id, conversation_id, currency, subtotal, "
            "discount, tax, total,"
            "  promo_code, code_offer_id, shipping_address, billing_address, payment_expires_at)"
            " SELECT $1, $2, $3, $4, w.currency, $5, $6, $7, $8, $9, $10, cu.shipping_address, "
            "cu.billing_address,"
            "        now() + interval '1 hour'"
            "   FROM workspaces w, customers cu WHERE w.id = $1 AND cu.workspace_id = $1 AND cu.id = $3 "
            "RETURNING id",
            c.workspace_id, code_text, c.customer_id, c.conversation_id,
            static_cast<long long>(priced.subtotal),
            static_cast<long long>(priced.automatic_discount + priced.code_discount),
            static_cast<long long>(priced.tax), static_cast<long long>(priced.total), code,
            priced.code_offer_id)[0]
          .c_str();
  const std::string order_id = order;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& [pid, name, sku, qty] = items[i];
    const auto& l = priced.lines[i];
    tx.exec_params0(
        "INSERT INTO order_lines (workspace_id, order_id, line_no, product_id, sku, name, unit_price, "
        "quantity, discount,"
        " total, tax_rate, tax, offer_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        c.workspace_id, order_id, static_cast<int>(i + 1), pid, sku, name,
        static_cast<long long>(lines[i].unit_price), qty, static_cast<long long>(l.discount),
        static_cast<long long>(l.total), lines[i].tax_rate_bp, static_cast<long long>(l.tax), l.offer_id);
  }
  tx.exec_params0(
      "INSERT INTO order_events (workspace_id, order_id, to_status, actor_kind, note)"
      " VALUES ($1, $2, 'pending_payment', 'agent', 'created in the chat')",
      c.workspace_id, order_id);
  tx.exec_params0(
      "UPDATE carts SET status = 'ordered', updated_at = now() WHERE workspace_id = $1 AND id = $2",
      c.workspace_id, cart);
  auto out = link_for(order_id, code_text, priced.total);
  tx.commit();
  return out;
}

}  // namespace

std::vector<Tool> cart_tools() {
  std::vector<Tool> t;
  t.push_back(
      {{"add_to_cart",
        "Put a product in the customer's cart. quantity is how many the cart should hold in total for this "
        "product (not how many to add).",
        R"({"type":"object","properties":{"productId":{"type":"string"},"quantity":{"type":"integer"}},"required":["productId","quantity"]})"},
       [](ToolContext& c, const json::object& a) -> json::value {
         const auto id = string_argument(a, "productId");
         const auto qty = a.at("quantity").as_int64();
         if (qty < 1 || qty > 10000) return json::object{{"error", "quantity must be from 1 to 10000"}};
         if (!looks_like_uuid(id)) return json::object{{"error", "no such product"}};
         pqxx::work tx(c.conn);
         const auto p = tx.exec_params(
             "SELECT name, stock FROM products WHERE workspace_id = $1 AND id = $2 AND status = 'active'",
             c.workspace_id, id);
         if (p.empty()) return json::object{{"error", "no such product"}};
         if (p[0][1].as<long long>() < qty) {
           return json::object{{"error", "not enough stock"}, {"available", p[0][1].as<long long>()}};
         }
         const auto cart = open_cart(tx, c);
         tx.exec_params0(
             "INSERT INTO cart_lines (workspace_id, cart_id, product_id, quantity) VALUES ($1, $2, $3, $4)"
             " ON CONFLICT (workspace_id, cart_id, product_id) DO UPDATE SET quantity = $4",
             c.workspace_id, cart, id, static_cast<int>(qty));
         tx.exec_params0("UPDATE carts SET updated_at = now() WHERE workspace_id = $1 AND id = $2",
                         c.workspace_id, cart);
         auto out = priced_cart(tx, c, cart, stored_code(tx, c, cart));
         tx.commit();
         return out;
       }});
  t.push_back({{"remove_from_cart", "Take a product out of the customer's cart.",
                R"({"type":"object","properties":{"productId":{"type":"string"}},"required":["productId"]})"},
               [](ToolContext& c, const json::object& a) -> json::value {
                 const auto id = string_argument(a, "productId");
                 if (!looks_like_uuid(id)) return json::object{{"error", "no such product in the cart"}};
                 pqxx::work tx(c.conn);
                 const auto cart = open_cart(tx, c);
                 tx.exec_params(
                     "DELETE FROM cart_lines WHERE workspace_id = $1 AND cart_id = $2 AND product_id = $3",
                     c.workspace_id, cart, id);
                 auto out = priced_cart(tx, c, cart, stored_code(tx, c, cart));
                 tx.commit();
                 return out;
               }});
  t.push_back({{"view_cart", "The customer's cart with prices, discounts and total.",
                R"({"type":"object","properties":{}})"},
               [](ToolContext& c, const json::object&) -> json::value {
                 pqxx::work tx(c.conn);
                 const auto cart = open_cart(tx, c);
                 auto out = priced_cart(tx, c, cart, stored_code(tx, c, cart));
                 tx.commit();
                 return out;
               }});
  t.push_back(
      {{"apply_promo_code", "Apply a promo code the customer gives to their cart.",
        R"({"type":"object","properties":{"code":{"type":"string"}},"required":["code"]})"},
       [](ToolContext& c, const json::object& a) -> json::value {
         const auto code = string_argument(a, "code");
         if (code.empty() || code.size() > 64) return json::object{{"error", "give the code"}};
         pqxx::work tx(c.conn);
         const auto cart = open_cart(tx, c);
         auto out = priced_cart(tx, c, cart, code);
         if (out.as_object().contains("promoCodeRejected")) {
           tx.commit();  // the cart itself is unchanged; the code is not kept
           return out;
         }
         tx.exec_params0(
             "UPDATE carts SET promo_code = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2",
             c.workspace_id, cart, code);
         tx.commit();
         return out;
       }});
  t.push_back(
      {{"checkout",
        "Turn the cart into an order, reserving the stock, and get the secure payment link to send to the "
        "customer (valid 1 hour). Call it only when the customer confirms the cart.",
        R"({"type":"object","properties":{}})"},
       [](ToolContext& c, const json::object&) { return checkout(c); }});
  return t;
}

}  // namespace shopme::agent
