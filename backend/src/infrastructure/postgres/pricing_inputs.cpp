#include "infrastructure/postgres/pricing_inputs.hpp"

#include <pqxx/pqxx>

#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "infrastructure/postgres/text_array.hpp"

namespace shopme::postgres {

namespace {
// A product's category and its ancestors (the product as `p`), as text[]: what offers by category
// match against.
constexpr const char* kCategoryPath =
    "coalesce((WITH RECURSIVE path AS ("
    "            SELECT c.id, c.parent_id FROM categories c"
    "             WHERE c.workspace_id = p.workspace_id AND c.id = p.category_id"
    "            UNION ALL SELECT c.id, c.parent_id FROM categories c JOIN path ON c.id = path.parent_id"
    "             WHERE c.workspace_id = p.workspace_id)"
    "          SELECT array_agg(id::text) FROM path), '{}')";
}  // namespace

std::optional<catalog::CartLine> load_cart_line(pqxx::transaction_base& tx, const std::string& workspace_id,
                                                const std::string& product_id, int quantity) {
  const auto r = postgres::exec(tx,
                                std::string("SELECT p.price, p.tax_rate, ") + kCategoryPath +
                                    " FROM products p WHERE p.workspace_id = $1::uuid AND p.id = $2::uuid",
                                workspace_id, product_id);
  if (r.empty()) return std::nullopt;
  catalog::CartLine line{product_id, text_array(r[0][2]), r[0][0].as<long long>(), quantity,
                         r[0][1].as<int>()};
  return line;
}

std::vector<std::pair<catalog::CartLine, std::string>> load_cart(pqxx::transaction_base& tx,
                                                                 const std::string& workspace_id,
                                                                 const std::string& cart_id) {
  std::vector<std::pair<catalog::CartLine, std::string>> out;
  for (const auto& r : postgres::exec(
           tx,
           std::string("SELECT l.product_id, p.name, l.quantity, p.price, p.tax_rate, ") + kCategoryPath +
               "  FROM cart_lines l JOIN products p ON p.workspace_id = l.workspace_id AND p.id = "
               "l.product_id"
               " WHERE l.workspace_id = $1::uuid AND l.cart_id = $2::uuid ORDER BY l.added_at",
           workspace_id, cart_id)) {
    out.emplace_back(catalog::CartLine{r[0].c_str(), text_array(r[5]), r[3].as<long long>(), r[2].as<int>(),
                                       r[4].as<int>()},
                     r[1].c_str());
  }
  return out;
}

std::vector<catalog::Offer> load_offers(pqxx::transaction_base& tx, const std::string& workspace_id,
                                        const std::optional<std::string>& code) {
  std::vector<catalog::Offer> offers;
  for (const auto& r :
       postgres::exec(tx,
                      "SELECT id::text, name, type, value, buy_quantity, get_quantity, product_ids::text[], "
                      "category_ids::text[],"
                      "       coalesce(extract(epoch FROM starts_at)::bigint, 0), coalesce(extract(epoch "
                      "FROM ends_at)::bigint, 0),"
                      "       min_purchase, code, active, usage_limit IS NULL OR usage_count < usage_limit"
                      "  FROM offers WHERE workspace_id = $1::uuid AND (active OR lower(code) = lower($2))",
                      workspace_id, code)) {
    catalog::Offer o;
    o.id = r[0].as<std::string>();
    o.name = r[1].as<std::string>();
    const auto type = r[2].as<std::string>();
    o.type = type == "percentage"     ? catalog::OfferType::kPercentage
             : type == "fixed_amount" ? catalog::OfferType::kFixedAmount
                                      : catalog::OfferType::kBuyXGetY;
    o.value = r[3].as<long long>();
    o.buy = r[4].as<int>();
    o.get = r[5].as<int>();
    o.product_ids = text_array(r[6]);
    o.category_ids = text_array(r[7]);
    o.starts_at = r[8].as<long long>();
    o.ends_at = r[9].as<long long>();
    o.min_purchase = r[10].as<long long>();
    if (!r[11].is_null()) o.code = r[11].as<std::string>();
    o.active = r[12].as<bool>();
    o.usage_available = r[13].as<bool>();
    offers.push_back(std::move(o));
  }
  return offers;
}

}  // namespace shopme::postgres
