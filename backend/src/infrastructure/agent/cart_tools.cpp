// The cart tools: the customer's open cart, priced by the domain's one price calculation.
// Quantities are absolute ("the cart holds 2"), so a retried turn sets the same line again.
#include <boost/json.hpp>
#include <chrono>
#include <pqxx/pqxx>
#include <set>
#include <tuple>

#include "infrastructure/agent/cart_tools.hpp"
#include "infrastructure/agent/tool_arguments.hpp"
#include "infrastructure/links/secure_links.hpp"
#include "infrastructure/orders/place_order.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/pricing_inputs.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::agent {
namespace json = boost::json;

namespace {

struct OpenCart {
  std::string id;
  std::optional<std::string> code;  // the promo code it keeps
};

// The customer's open cart, created if they have none, in one statement.
OpenCart open_cart(pqxx::transaction_base& tx, const ToolContext& c) {
  auto rows = postgres::exec(
      tx,
      "WITH ins AS ("
      "  INSERT INTO carts (workspace_id, customer_id) VALUES ($1, $2)"
      "  ON CONFLICT (workspace_id, customer_id) WHERE status = 'open' DO NOTHING RETURNING id, promo_code)"
      " SELECT id, promo_code FROM ins"
      " UNION ALL SELECT id, promo_code FROM carts"
      "  WHERE workspace_id = $1 AND customer_id = $2 AND status = 'open' AND NOT EXISTS (SELECT 1 FROM ins)",
      c.workspace_id, c.customer_id);
  if (rows.empty()) {
    // Created by a concurrent transaction after this statement's snapshot: visible to the next one.
    rows = postgres::exec(
        tx,
        "SELECT id, promo_code FROM carts WHERE workspace_id = $1 AND customer_id = $2 AND status = 'open'",
        c.workspace_id, c.customer_id);
  }
  const auto& r = rows.at(0);
  return {r[0].c_str(), r[1].is_null() ? std::nullopt : std::optional<std::string>(r[1].c_str())};
}

json::value priced_cart(pqxx::transaction_base& tx, const ToolContext& c, const std::string& cart,
                        const std::optional<std::string>& code) {
  std::vector<catalog::CartLine> lines;
  std::vector<std::string> names;
  for (auto& [line, name] : postgres::load_cart(tx, c.workspace_id, cart)) {
    lines.push_back(std::move(line));
    names.push_back(std::move(name));
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

json::value checkout(ToolContext& c) {
  ToolTransaction unit(c, ToolTransaction::kWrite);
  auto& tx = unit.tx();
  const auto cart_rows = postgres::exec(
      tx,
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
         postgres::exec(tx,
                        "SELECT l.product_id, p.name, p.sku, l.quantity FROM cart_lines l JOIN products p"
                        "  ON p.workspace_id = l.workspace_id AND p.id = l.product_id"
                        " WHERE l.workspace_id = $1 AND l.cart_id = $2 ORDER BY l.added_at",
                        c.workspace_id, std::string(cart_rows[0][0].c_str()))) {
      items.emplace_back(r[0].c_str(), r[1].c_str(), r[2].c_str(), r[3].as<int>());
    }
  }
  if (items.empty()) {
    // A turn retried after its checkout committed finds the cart already ordered: same order, no second one.
    const auto recent = postgres::exec(
        tx,
        "SELECT id, code, total FROM orders WHERE workspace_id = $1 AND customer_id = $2 AND status = "
        "'pending_payment'"
        " AND created_at > now() - interval '30 minutes' ORDER BY created_at DESC LIMIT 1",
        c.workspace_id, c.customer_id);
    if (recent.empty()) return json::object{{"error", "the cart is empty"}};
    auto out = link_for(recent[0][0].c_str(), recent[0][1].c_str(), recent[0][2].as<long long>());
    unit.commit();
    return out;
  }
  const std::string cart(cart_rows[0][0].c_str());
  orders::OrderRequest request{c.workspace_id, c.customer_id, c.conversation_id,     {}, std::nullopt,
                               "agent",        std::nullopt,  "created in the chat", ""};
  if (!cart_rows[0][1].is_null()) request.promo_code = std::string(cart_rows[0][1].c_str());
  for (const auto& [pid, name, sku, qty] : items) request.lines.push_back({pid, qty});
  const auto placed = orders::place_order(tx, request);
  if (!placed) {  // the transaction rolls back: the cart stays as it was
    if (placed.error().code == "out-of-stock") {
      // The field error names the line: lines[i].quantity.
      const auto& field = placed.error().fields.at(0).field;
      const auto i = std::stoul(field.substr(6, field.find(']') - 6));
      return json::object{{"error", "not enough stock"}, {"product", std::get<1>(items.at(i))}};
    }
    return json::object{{"error", placed.error().detail}};
  }
  const std::string order_id = placed->id;
  postgres::exec0(
      tx, "UPDATE carts SET status = 'ordered', updated_at = now() WHERE workspace_id = $1 AND id = $2",
      c.workspace_id, cart);
  auto out = link_for(order_id, placed->code, placed->total);
  unit.commit();
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
         ToolTransaction unit(c, ToolTransaction::kWrite);
         auto& tx = unit.tx();
         const auto p = postgres::exec(
             tx, "SELECT name, stock FROM products WHERE workspace_id = $1 AND id = $2 AND status = 'active'",
             c.workspace_id, id);
         if (p.empty()) return json::object{{"error", "no such product"}};
         if (p[0][1].as<long long>() < qty) {
           return json::object{{"error", "not enough stock"}, {"available", p[0][1].as<long long>()}};
         }
         const auto cart = open_cart(tx, c);
         postgres::exec0(
             tx,
             "WITH l AS ("
             "  INSERT INTO cart_lines (workspace_id, cart_id, product_id, quantity) VALUES ($1, $2, $3, $4)"
             "  ON CONFLICT (workspace_id, cart_id, product_id) DO UPDATE SET quantity = $4)"
             " UPDATE carts SET updated_at = now() WHERE workspace_id = $1 AND id = $2",
             c.workspace_id, cart.id, id, static_cast<int>(qty));
         auto out = priced_cart(tx, c, cart.id, cart.code);
         unit.commit();
         return out;
       }});
  t.push_back({{"remove_from_cart", "Take a product out of the customer's cart.",
                R"({"type":"object","properties":{"productId":{"type":"string"}},"required":["productId"]})"},
               [](ToolContext& c, const json::object& a) -> json::value {
                 const auto id = string_argument(a, "productId");
                 if (!looks_like_uuid(id)) return json::object{{"error", "no such product in the cart"}};
                 ToolTransaction unit(c, ToolTransaction::kWrite);
                 auto& tx = unit.tx();
                 const auto cart = open_cart(tx, c);
                 postgres::exec(
                     tx,
                     "DELETE FROM cart_lines WHERE workspace_id = $1 AND cart_id = $2 AND product_id = $3",
                     c.workspace_id, cart.id, id);
                 auto out = priced_cart(tx, c, cart.id, cart.code);
                 unit.commit();
                 return out;
               }});
  t.push_back({{"view_cart", "The customer's cart with prices, discounts and total.",
                R"({"type":"object","properties":{}})"},
               [](ToolContext& c, const json::object&) -> json::value {
                 ToolTransaction unit(c, ToolTransaction::kWrite);
                 auto& tx = unit.tx();
                 const auto cart = open_cart(tx, c);
                 auto out = priced_cart(tx, c, cart.id, cart.code);
                 unit.commit();
                 return out;
               }});
  t.push_back(
      {{"apply_promo_code", "Apply a promo code the customer gives to their cart.",
        R"({"type":"object","properties":{"code":{"type":"string"}},"required":["code"]})"},
       [](ToolContext& c, const json::object& a) -> json::value {
         const auto code = string_argument(a, "code");
         if (code.empty() || code.size() > 64) return json::object{{"error", "give the code"}};
         ToolTransaction unit(c, ToolTransaction::kWrite);
         auto& tx = unit.tx();
         const auto cart = open_cart(tx, c);
         auto out = priced_cart(tx, c, cart.id, code);
         if (out.as_object().contains("promoCodeRejected")) {
           unit.commit();  // the cart itself is unchanged; the code is not kept
           return out;
         }
         postgres::exec0(
             tx, "UPDATE carts SET promo_code = $3, updated_at = now() WHERE workspace_id = $1 AND id = $2",
             c.workspace_id, cart.id, code);
         unit.commit();
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
