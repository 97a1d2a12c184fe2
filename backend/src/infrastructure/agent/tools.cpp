#include "infrastructure/agent/tools.hpp"

#include "infrastructure/agent/tool_arguments.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "application/agent/tool_names.hpp"
#include "domain/agent/phrasebook.hpp"
#include "infrastructure/agent/cart_tools.hpp"
#include "infrastructure/agent/order_tools.hpp"
#include "infrastructure/messaging/outbound.hpp"
#include "infrastructure/postgres/catalog_search.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::agent {

// A savepoint of SQL's own rather than a pqxx subtransaction: one kept is not released before the
// turn's commit (a round trip fewer per tool that writes).
namespace {
const std::string kSavepoint = "SAVEPOINT shopme_tool";
const std::string kRollback = "ROLLBACK TO SAVEPOINT shopme_tool";
}  // namespace

ToolTransaction::ToolTransaction(ToolContext& c, Mode mode) {
  if (!c.turn_tx) {
    own_.emplace(c.conn);
    return;
  }
  turn_ = c.turn_tx;
  savepoint_ = mode == kWrite;
  if (savepoint_) turn_->exec(kSavepoint);
}

ToolTransaction::~ToolTransaction() {
  if (!savepoint_ || kept_) return;
  try {
    turn_->exec(kRollback);
  } catch (...) {  // the turn's transaction is broken: it rolls back as a whole
  }
}
namespace json = boost::json;

std::optional<std::string> check_arguments(const std::string& schema_json, const json::value& args) {
  if (!args.is_object()) return "arguments must be a JSON object";
  const auto schema = json::parse(schema_json).as_object();
  const auto& a = args.as_object();
  if (const auto* req = schema.if_contains("required")) {
    for (const auto& r : req->as_array()) {
      if (!a.contains(r.as_string())) return "missing required argument " + std::string(r.as_string());
    }
  }
  const auto* props = schema.if_contains("properties");
  for (const auto& [key, value] : a) {
    const auto* p = props ? props->as_object().if_contains(key) : nullptr;
    if (!p) return "unknown argument " + std::string(key);
    const std::string type(p->as_object().at("type").as_string());
    const bool ok = (type == "string" && value.is_string()) || (type == "boolean" && value.is_bool()) ||
                    (type == "integer" && (value.is_int64() || value.is_uint64())) ||
                    (type == "number" && value.is_number());
    if (!ok)
      return "argument " + std::string(key) + " must be " + (type == "integer" ? "an integer" : "a " + type);
  }
  return std::nullopt;
}

namespace {

int limit_arg(const json::object& a, int fallback) {
  const auto* v = a.if_contains("limit");
  if (v && v->is_int64()) return static_cast<int>(std::clamp<std::int64_t>(v->as_int64(), 1, 10));
  return fallback;
}

json::value search(ToolContext& c, const json::object& a, std::vector<std::string> types) {
  postgres::SearchQuery q{c.workspace_id, string_argument(a, "query"), std::move(types), limit_arg(a, 5),
                          true};
  json::array items;
  ToolTransaction unit(c, ToolTransaction::kRead);
  for (const auto& h : postgres::search_catalog(unit.tx(), q)) {
    json::object o{{"type", h.type}, {"id", h.id}, {"name", h.title}, {"summary", h.snippet}};
    if (h.price >= 0) {
      o["price"] = format_price(h.price, c.currency, c.language);
      o["priceMinor"] = h.price;
    }
    items.push_back(std::move(o));
  }
  return json::object{{"items", std::move(items)}};
}

json::object product_json(ToolContext& c, const pqxx::row& r) {
  return {{"id", r[0].c_str()},
          {"name", r[1].c_str()},
          {"description", r[2].c_str()},
          {"sku", r[3].c_str()},
          {"price", format_price(r[4].as<long long>(), c.currency, c.language)},
          {"priceMinor", r[4].as<long long>()},
          {"inStock", r[5].as<int>() > 0},
          {"attributes", json::parse(r[6].c_str())}};
}

constexpr const char* kProductColumns =
    "p.id, p.name, p.description, p.sku, p.price, p.stock, p.attributes::text";

const char* kQuerySchema =
    R"({"type":"object","properties":{"query":{"type":"string","description":"What the customer asks for, in their words"},"limit":{"type":"integer","description":"At most this many results, 1 to 10"}},"required":["query"]})";

std::vector<Tool> all_tools() {
  std::vector<Tool> t;
  t.push_back({{"search_products",
                "Find products for sale by what the customer describes (any language, typos are fine).",
                kQuerySchema},
               [](ToolContext& c, const json::object& a) { return search(c, a, {"product"}); }});
  t.push_back({{"get_product", "Details of one product: description, price, stock, attributes.",
                R"({"type":"object","properties":{"productId":{"type":"string"}},"required":["productId"]})"},
               [](ToolContext& c, const json::object& a) -> json::value {
                 const auto id = string_argument(a, "productId");
                 if (!looks_like_uuid(id)) return json::object{{"error", "no such product"}};
                 static const std::string sql = std::string("SELECT ") + kProductColumns +
                                                " FROM products p WHERE p.workspace_id = $1 AND p.id = $2"
                                                " AND p.status = 'active'";
                 ToolTransaction unit(c, ToolTransaction::kRead);
                 auto& tx = unit.tx();
                 const auto rows = postgres::exec(tx, sql, c.workspace_id, id);
                 if (rows.empty()) return json::object{{"error", "no such product"}};
                 return product_json(c, rows[0]);
               }});
  t.push_back({{"list_categories", "The shop's product categories.", R"({"type":"object","properties":{}})"},
               [](ToolContext& c, const json::object&) -> json::value {
                 ToolTransaction unit(c, ToolTransaction::kRead);
                 auto& tx = unit.tx();
                 json::array items;
                 for (const auto& r :
                      postgres::exec(tx,
                                     "SELECT id, name, description FROM categories WHERE workspace_id = $1"
                                     " AND active ORDER BY display_order, name LIMIT 50",
                                     c.workspace_id)) {
                   items.push_back(json::object{
                       {"id", r[0].c_str()}, {"name", r[1].c_str()}, {"description", r[2].c_str()}});
                 }
                 return json::object{{"items", std::move(items)}};
               }});
  t.push_back(
      {{"products_by_category", "Products of a category (and its sub-categories).",
        R"({"type":"object","properties":{"categoryId":{"type":"string"},"limit":{"type":"integer"}},"required":["categoryId"]})"},
       [](ToolContext& c, const json::object& a) -> json::value {
         const auto id = string_argument(a, "categoryId");
         if (!looks_like_uuid(id)) return json::object{{"error", "no such category"}};
         ToolTransaction unit(c, ToolTransaction::kRead);
         auto& tx = unit.tx();
         json::array items;
         for (const auto& r : postgres::exec(
                  tx,
                  std::string(
                      "WITH RECURSIVE tree AS (SELECT id FROM categories WHERE workspace_id = $1 AND id = $2"
                      " UNION SELECT c.id FROM categories c JOIN tree ON c.parent_id = tree.id"
                      " WHERE c.workspace_id = $1) SELECT ") +
                      kProductColumns +
                      " FROM products p WHERE p.workspace_id = $1 AND p.status = 'active'"
                      " AND p.category_id IN (SELECT id FROM tree) ORDER BY p.name LIMIT $3",
                  c.workspace_id, id, limit_arg(a, 10))) {
           items.push_back(product_json(c, r));
         }
         return json::object{{"items", std::move(items)}};
       }});
  t.push_back({{"search_services", "Find bookable or extra services.", kQuerySchema},
               [](ToolContext& c, const json::object& a) { return search(c, a, {"service"}); }});
  t.push_back(
      {{"search_faq", "Find answers to common questions (shipping, returns, opening hours…).", kQuerySchema},
       [](ToolContext& c, const json::object& a) -> json::value {
         postgres::SearchQuery q{c.workspace_id, string_argument(a, "query"), {"faq"}, limit_arg(a, 3), true};
         json::array items;
         ToolTransaction unit(c, ToolTransaction::kRead);
         auto& tx = unit.tx();
         const auto hits = postgres::search_catalog(tx, q);
         for (const auto& h : hits) {
           const auto r = postgres::exec(
               tx, "SELECT question, answer, language FROM faqs WHERE workspace_id = $1 AND id = $2",
               c.workspace_id, h.id);
           if (!r.empty()) {
             items.push_back(json::object{
                 {"question", r[0][0].c_str()}, {"answer", r[0][1].c_str()}, {"language", r[0][2].c_str()}});
           }
         }
         // Answers written in the customer's language first, each group still in rank order.
         std::stable_partition(items.begin(), items.end(), [&](const json::value& v) {
           return v.as_object().at("language").as_string() == c.language;
         });
         return json::object{{"items", std::move(items)}};
       }});
  t.push_back(
      {{"current_offers", "Offers valid today (automatic discounts and promo codes).",
        R"({"type":"object","properties":{}})"},
       [](ToolContext& c, const json::object&) -> json::value {
         ToolTransaction unit(c, ToolTransaction::kRead);
         auto& tx = unit.tx();
         json::array items;
         for (const auto& r : postgres::exec(
                  tx,
                  "SELECT name, description, type, value, coalesce(code, ''), min_purchase FROM offers"
                  " WHERE workspace_id = $1 AND active AND (starts_at IS NULL OR starts_at <= now())"
                  " AND (ends_at IS NULL OR ends_at > now()) AND (usage_limit IS NULL OR usage_count < "
                  "usage_limit)"
                  " ORDER BY name LIMIT 20",
                  c.workspace_id)) {
           json::object o{{"name", r[0].c_str()}, {"description", r[1].c_str()}, {"type", r[2].c_str()}};
           if (std::string_view(r[2].c_str()) == "percentage") o["percent"] = r[3].as<long long>() / 100.0;
           if (std::string_view(r[2].c_str()) == "fixed_amount") {
             o["amount"] = format_price(r[3].as<long long>(), c.currency, c.language);
           }
           if (!std::string_view(r[4].c_str()).empty()) o["promoCode"] = r[4].c_str();
           if (r[5].as<long long>() > 0)
             o["minimumPurchase"] = format_price(r[5].as<long long>(), c.currency, c.language);
           items.push_back(std::move(o));
         }
         return json::object{{"items", std::move(items)}};
       }});
  t.push_back(
      {{"contact_operator",
        "Hand the conversation to a person of the team (the bot then stays silent). Use when the customer "
        "asks "
        "for a person or the request is beyond the tools.",
        R"({"type":"object","properties":{"reason":{"type":"string"}}})"},
       [](ToolContext& c, const json::object& a) -> json::value {
         ToolTransaction unit(c, ToolTransaction::kWrite);
         auto& tx = unit.tx();
         postgres::exec0(tx,
                         "UPDATE conversations SET mode = 'human', status = 'open', updated_at = now()"
                         " WHERE workspace_id = $1 AND id = $2",
                         c.workspace_id, c.conversation_id);
         const auto reason = string_argument(a, "reason");
         postgres::exec0(
             tx, "INSERT INTO conversation_notes (workspace_id, conversation_id, text) VALUES ($1, $2, $3)",
             c.workspace_id, c.conversation_id,
             "The customer asked for a person" + (reason.empty() ? std::string(".") : ": " + reason));
         // The team hears it live and by e-mail (Admins and Managers).
         postgres::exec0(
             tx,
             "INSERT INTO mail_outbox (workspace_id, to_address, subject, body)"
             " SELECT $1, u.email, 'A customer is waiting for a person',"
             "        'A WhatsApp conversation was handed to the team. Open the inbox: ' || $2"
             "   FROM memberships m JOIN users u ON u.id = m.user_id"
             "  WHERE m.workspace_id = $1 AND m.role IN ('admin', 'manager') AND u.status = 'active'",
             c.workspace_id, "/w/" + c.workspace_id + "/inbox/" + c.conversation_id);
         messaging::notify(tx, "conversation.updated", c.workspace_id, c.conversation_id);
         unit.commit();
         return json::object{
             {"handedOver", true},
             {"tell", "A person from the team will answer here shortly, usually within working hours."}};
       }});
  return t;
}

}  // namespace

std::vector<Tool> available_tools(const std::vector<std::string>& enabled) {
  std::vector<Tool> out;
  auto tools = all_tools();
  for (auto& t : cart_tools()) tools.push_back(std::move(t));
  for (auto& t : order_tools()) tools.push_back(std::move(t));
  for (auto& t : tools) {
    bool on = enabled.empty();
    for (const auto& e : enabled) on = on || e == t.spec.name;
    if (on) out.push_back(std::move(t));
  }
  return out;
}

}  // namespace shopme::agent
