#include "interfaces/http/controllers/catalog_controller.hpp"

#include <boost/json.hpp>
#include <cmath>
#include <pqxx/pqxx>
#include <regex>

#include "domain/catalog/pricing.hpp"
#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/postgres/catalog_search.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/pricing_inputs.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/resource_queries.hpp"
#include "interfaces/http/json_input.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

// ---- paging -----------------------------------------------------------------------------------

struct Page {
  long long page = 1;
  long long limit = 20;
  [[nodiscard]] long long offset() const { return (page - 1) * limit; }
};

Page read_page(const Request& req, std::vector<FieldError>& bad) {
  Page p;
  if (auto v = query_number(req, "page", 1, 1'000'000, bad)) p.page = *v;
  if (auto v = query_number(req, "limit", 1, 100, bad)) p.limit = *v;
  return p;
}

// ---- categories -------------------------------------------------------------------------------

std::string category_columns() {
  return "c.id::text, c.parent_id::text, c.name, c.description, c.display_order, c.active, (SELECT count(*) "
         "FROM "
         "products p WHERE p.workspace_id = c.workspace_id AND p.category_id = c.id), " +
         iso_column("c.created_at");
}

boost::json::object category_json(const pqxx::row& r) {
  return {
      {"id", r[0].as<std::string>()},
      {"parentId", r[1].is_null() ? boost::json::value(nullptr) : boost::json::value(r[1].as<std::string>())},
      {"name", r[2].as<std::string>()},
      {"description", r[3].as<std::string>()},
      {"displayOrder", r[4].as<int>()},
      {"active", r[5].as<bool>()},
      {"productCount", r[6].as<long long>()},
      {"createdAt", r[7].as<std::string>()}};
}

bool category_exists(pqxx::transaction_base& tx, const std::string& ws, const std::string& id) {
  return is_uuid(id) &&
         !postgres::exec(tx, "SELECT 1 FROM categories WHERE workspace_id = $1::uuid AND id = $2::uuid", ws,
                         id)
              .empty();
}

// ---- products ---------------------------------------------------------------------------------

std::string product_columns() {
  return "p.id::text, p.name, p.description, p.sku, p.price, p.tax_rate, p.stock, p.status, "
         "p.category_id::text, "
         "p.attributes::text, p.language, " +
         iso_column("p.created_at") + ", " + iso_column("p.updated_at") +
         ", coalesce((SELECT json_agg(json_build_object('id', i.id, 'contentType', i.content_type) ORDER BY "
         "i.position)::text FROM product_images i WHERE i.workspace_id = p.workspace_id AND i.product_id = "
         "p.id), "
         "'[]')";
}

boost::json::object product_json(const pqxx::row& r, const std::string& ws) {
  boost::json::array images;
  const auto parsed = boost::json::parse(r[13].as<std::string>());
  for (const auto& img : parsed.as_array()) {
    const auto& o = img.as_object();
    const std::string id(o.at("id").as_string());
    images.push_back(
        {{"id", id},
         {"contentType", o.at("contentType")},
         {"url", "/api/workspaces/" + ws + "/products/" + r[0].as<std::string>() + "/images/" + id}});
  }
  return {{"id", r[0].as<std::string>()},
          {"name", r[1].as<std::string>()},
          {"description", r[2].as<std::string>()},
          {"sku", r[3].as<std::string>()},
          {"price", r[4].as<long long>()},
          {"taxRate", percent_json(r[5].as<int>())},
          {"stock", r[6].as<int>()},
          {"status", r[7].as<std::string>()},
          {"categoryId",
           r[8].is_null() ? boost::json::value(nullptr) : boost::json::value(r[8].as<std::string>())},
          {"attributes", boost::json::parse(r[9].as<std::string>())},
          {"language", r[10].as<std::string>()},
          {"createdAt", r[11].as<std::string>()},
          {"updatedAt", r[12].as<std::string>()},
          {"images", images}};
}

struct ProductFields {
  std::optional<std::string> name, description, sku, status, language, attributes;
  std::optional<long long> price, stock;
  std::optional<int> tax_bp;
  bool category_given = false;
  std::optional<std::string> category_id;  // given and null: detach
};

ProductFields read_product(const std::string& ws, JsonInput& in, pqxx::transaction_base& tx, bool creating,
                           bool references_resolved) {
  static const std::regex kSku("^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$");
  ProductFields f;
  f.name = in.string("name", creating, 200);
  f.description = in.string("description", false, 10'000);
  f.sku = in.string("sku", creating, 64);
  if (f.sku && !f.sku->empty() && !std::regex_match(*f.sku, kSku))
    in.fail("sku", "may hold letters, digits and . _ / - (max 64)");
  if (f.name && f.name->empty()) in.fail("name", "must not be empty");
  if (f.sku && f.sku->empty()) in.fail("sku", "must not be empty");
  f.price = in.integer("price", creating, 0, 1'000'000'000'000LL);
  f.stock = in.integer("stock", false, 0, 1'000'000'000);
  f.status = in.string("status", false, 10);
  if (f.status && *f.status != "active" && *f.status != "inactive" && *f.status != "draft") {
    in.fail("status", "must be active, inactive or draft");
  }
  f.language = in.string("language", false, 2);
  if (f.language && *f.language != "it" && *f.language != "en" && *f.language != "es" &&
      *f.language != "pt") {
    in.fail("language", "must be it, en, es or pt");
  }
  const auto& obj = in.object();
  if (const auto* t = obj.if_contains("taxRate"); t && !t->is_null()) {
    if (!t->is_number()) {
      in.fail("taxRate", "must be a percentage such as 22 or 4.5");
    } else {
      const double pct = t->to_number<double>();
      const double bp = std::round(pct * 100);
      if (pct < 0 || pct > 100 || std::abs(bp - pct * 100) > 1e-6) {
        in.fail("taxRate", "must be a percentage from 0 to 100 with at most two decimals");
      } else {
        f.tax_bp = static_cast<int>(bp);
      }
    }
  }
  if (const auto* a = obj.if_contains("attributes"); a && !a->is_null()) {
    if (!a->is_object()) {
      in.fail("attributes", "must be an object of names to text, numbers or true/false");
    } else {
      for (const auto& [k, v] : a->as_object()) {
        if (k.empty() || k.size() > 60 || !(v.is_string() || v.is_number() || v.is_bool())) {
          in.fail("attributes." + std::string(k),
                  "must be text, a number or true/false under a name of 1-60 characters");
        }
      }
      f.attributes = boost::json::serialize(*a);
    }
  }
  if (obj.contains("categoryId")) {
    f.category_given = true;
    const auto& c = obj.at("categoryId");
    if (c.is_string()) {
      f.category_id = std::string(c.as_string());
      if (!references_resolved && !category_exists(tx, ws, *f.category_id)) {
        in.fail("categoryId", "is not a category of this workspace");
      }
    } else if (!c.is_null()) {
      in.fail("categoryId", "must be a category id or null");
    }
  }
  return f;
}

}  // namespace

Response CatalogController::list_categories(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  boost::json::array items;
  for (const auto& r : postgres::exec(tx,
                                      "SELECT " + category_columns() +
                                          " FROM categories c WHERE c.workspace_id = $1::uuid ORDER BY "
                                          "c.display_order, c.name",
                                      req.principal->workspace_id)) {
    items.push_back(category_json(r));
  }
  return Response::json(
      200, boost::json::serialize(boost::json::object{{"items", items}, {"total", items.size()}}));
}

Response CatalogController::get_category(Request& req, postgres::Db& db) const {
  const auto& id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such category.");
  pqxx::read_transaction tx(db.conn());
  const auto r = postgres::exec(tx,
                                "SELECT " + category_columns() +
                                    " FROM categories c WHERE c.workspace_id = $1::uuid AND c.id = $2::uuid",
                                req.principal->workspace_id, id);
  if (r.empty()) return problem(req, 404, "No such category.");
  return Response::json(200, boost::json::serialize(category_json(r[0])));
}

namespace {
struct CategoryFields {
  std::optional<std::string> name, description;
  std::optional<long long> order;
  std::optional<bool> active;
  bool parent_given = false;
  std::optional<std::string> parent_id;
};

CategoryFields read_category(JsonInput& in, pqxx::transaction_base& tx, const std::string& ws,
                             const std::optional<std::string>& self, bool creating) {
  CategoryFields f;
  f.name = in.string("name", creating, 120);
  f.description = in.string("description", false, 2000);
  f.order = in.integer("displayOrder", false, -1'000'000, 1'000'000);
  f.active = in.boolean("active", false);
  const auto& obj = in.object();
  if (obj.contains("parentId")) {
    f.parent_given = true;
    const auto& p = obj.at("parentId");
    if (p.is_string()) {
      f.parent_id = std::string(p.as_string());
      if (!category_exists(tx, ws, *f.parent_id)) {
        in.fail("parentId", "is not a category of this workspace");
      } else if (self) {
        // A category cannot move under itself or under one of its descendants.
        const auto cycle = postgres::exec(
            tx,
            "WITH RECURSIVE up AS (SELECT id, parent_id FROM categories WHERE workspace_id = $1::uuid AND id "
            "= "
            "$2::uuid UNION ALL SELECT c.id, c.parent_id FROM categories c JOIN up ON c.id = up.parent_id "
            "WHERE "
            "c.workspace_id = $1::uuid) SELECT 1 FROM up WHERE id = $3::uuid",
            ws, *f.parent_id, *self);
        if (!cycle.empty()) in.fail("parentId", "cannot be the category itself or one of its sub-categories");
      }
    } else if (!p.is_null()) {
      in.fail("parentId", "must be a category id or null");
    }
  }
  return f;
}
}  // namespace

Response CatalogController::create_category(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  pqxx::work tx(db.conn());
  const auto& ws = req.principal->workspace_id;
  auto f = read_category(*in, tx, ws, std::nullopt, true);
  if (auto s = in->finish(); !s) return problem(req, s.error());
  const auto id =
      postgres::exec1(
          tx,
          "INSERT INTO categories (workspace_id, parent_id, name, description, display_order, active) "
          "VALUES ($1::uuid, $2::uuid, $3, coalesce($4, ''), coalesce($5, 0), coalesce($6, true)) "
          "RETURNING id::text",
          ws, f.parent_id, f.name, f.description, f.order,
          f.active ? std::optional<std::string>(*f.active ? "true" : "false") : std::nullopt)[0]
          .as<std::string>();
  const auto r = postgres::exec1(tx,
                                 "SELECT " + category_columns() +
                                     " FROM categories c WHERE c.workspace_id = $1::uuid AND c.id = $2::uuid",
                                 ws, id);
  tx.commit();
  return Response::json(201, boost::json::serialize(category_json(r)));
}

Response CatalogController::update_category(Request& req, postgres::Db& db) const {
  const auto& id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such category.");
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  pqxx::work tx(db.conn());
  const auto& ws = req.principal->workspace_id;
  if (!category_exists(tx, ws, id)) return problem(req, 404, "No such category.");
  auto f = read_category(*in, tx, ws, id, false);
  if (in->has("name") && !f.name) in->fail("name", "must not be empty");
  if (auto s = in->finish(); !s) return problem(req, s.error());
  postgres::exec0(
      tx,
      "UPDATE categories SET name = coalesce($3, name), description = coalesce($4, description), "
      "display_order = "
      "coalesce($5, display_order), active = coalesce($6::boolean, active), parent_id = CASE WHEN $7 THEN "
      "$8::uuid "
      "ELSE parent_id END, updated_at = now() WHERE workspace_id = $1::uuid AND id = $2::uuid",
      ws, id, f.name, f.description, f.order,
      f.active ? std::optional<std::string>(*f.active ? "true" : "false") : std::nullopt, f.parent_given,
      f.parent_id);
  const auto r = postgres::exec1(tx,
                                 "SELECT " + category_columns() +
                                     " FROM categories c WHERE c.workspace_id = $1::uuid AND c.id = $2::uuid",
                                 ws, id);
  tx.commit();
  return Response::json(200, boost::json::serialize(category_json(r)));
}

Response CatalogController::delete_category(Request& req, postgres::Db& db) const {
  const auto& id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such category.");
  const auto& ws = req.principal->workspace_id;
  const auto move_to = req.query_param("moveProductsTo");
  const bool detach = req.query_param("detachProducts").value_or("") == "true";
  pqxx::work tx(db.conn());
  if (!category_exists(tx, ws, id)) return problem(req, 404, "No such category.");
  if (move_to && (*move_to == id || !category_exists(tx, ws, *move_to))) {
    return problem(req, Error::invalid({{"moveProductsTo", "is not another category of this workspace"}}));
  }
  // Moving into one of its own sub-categories would leave that sub-category its own parent.
  if (move_to &&
      !postgres::exec(tx,
                      "WITH RECURSIVE down AS (SELECT id FROM categories WHERE workspace_id = $1::uuid AND "
                      "parent_id = $2::uuid UNION ALL SELECT c.id FROM categories c JOIN down ON c.parent_id "
                      "= down.id WHERE c.workspace_id = $1::uuid) SELECT 1 FROM down WHERE id = $3::uuid",
                      ws, id, *move_to)
           .empty()) {
    return problem(
        req, Error::invalid({{"moveProductsTo", "cannot be a sub-category of the category being deleted"}}));
  }
  const auto products =
      postgres::exec1(
          tx, "SELECT count(*) FROM products WHERE workspace_id = $1::uuid AND category_id = $2::uuid", ws,
          id)[0]
          .as<long long>();
  const auto children =
      postgres::exec1(
          tx, "SELECT count(*) FROM categories WHERE workspace_id = $1::uuid AND parent_id = $2::uuid", ws,
          id)[0]
          .as<long long>();
  if ((products > 0 || children > 0) && !move_to && !detach) {
    return problem(req, 409,
                   "The category holds " + std::to_string(products) + " product(s) and " +
                       std::to_string(children) +
                       " sub-categorie(s): pass moveProductsTo=<categoryId> or detachProducts=true.",
                   "category-not-empty");
  }
  const std::optional<std::string> target = move_to ? std::optional<std::string>(*move_to) : std::nullopt;
  postgres::exec0(
      tx,
      "UPDATE products SET category_id = $3::uuid, updated_at = now() WHERE workspace_id = $1::uuid AND "
      "category_id = $2::uuid",
      ws, id, target);
  postgres::exec0(
      tx, "UPDATE categories SET parent_id = $3::uuid WHERE workspace_id = $1::uuid AND parent_id = $2::uuid",
      ws, id, target);
  postgres::exec0(tx, "DELETE FROM categories WHERE workspace_id = $1::uuid AND id = $2::uuid", ws, id);
  tx.commit();
  return Response::empty(204);
}

Response CatalogController::list_products(Request& req, postgres::Db& db) const {
  std::vector<FieldError> bad;
  const auto page = read_page(req, bad);
  const auto min_price = query_number(req, "minPrice", 0, 1'000'000'000'000LL, bad);
  const auto max_price = query_number(req, "maxPrice", 0, 1'000'000'000'000LL, bad);
  const auto status = req.query_param("status");
  if (status && *status != "active" && *status != "inactive" && *status != "draft") {
    bad.push_back({"status", "must be active, inactive or draft"});
  }
  const auto category = req.query_param("categoryId");
  if (category && !is_uuid(*category)) bad.push_back({"categoryId", "must be a category id"});
  const bool subcategories = req.query_param("includeSubcategories").value_or("true") != "false";
  const std::string sort = req.query_param("sort").value_or("createdAt");
  const std::string order = req.query_param("order").value_or(sort == "createdAt" ? "desc" : "asc");
  static const std::map<std::string, std::string> kSort = {{"createdAt", "p.created_at"},
                                                           {"name", "lower(p.name)"},
                                                           {"price", "p.price"},
                                                           {"stock", "p.stock"},
                                                           {"sku", "p.sku"}};
  if (!kSort.count(sort)) bad.push_back({"sort", "must be createdAt, name, price, stock or sku"});
  if (order != "asc" && order != "desc") bad.push_back({"order", "must be asc or desc"});
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));

  auto& conn = db.conn();
  const auto& ws = req.principal->workspace_id;
  const auto search = req.query_param("search").value_or("");
  std::optional<std::string> ranked_ids;  // Postgres array literal of search hits, best first
  if (!search.empty()) {
    const auto ids = postgres::matching_product_ids(conn, ws, search, 1000);
    std::string lit = "{";
    for (std::size_t i = 0; i < ids.size(); ++i) lit += (i ? "," : "") + ids[i];
    ranked_ids = lit + "}";
  }
  // Only the filters given are in the statement, each variant prepared on its own with its generic
  // plan (see exec_generic): "$n IS NULL OR …" conditions would keep PostgreSQL from using the
  // keyset or a filter as an index condition in a plan meant for every value.
  std::vector<postgres::TextParam> params{ws};
  std::vector<std::string> types{"uuid"};
  auto param = [&](std::string value, const char* type) {
    params.emplace_back(std::move(value));
    types.emplace_back(type);
    return "$" + std::to_string(params.size()) + "::" + type;
  };
  const std::string status_p = status ? param(*status, "text") : "";
  const std::string category_p = category ? param(*category, "uuid") : "";
  std::string where = " WHERE p.workspace_id = $1::uuid";
  if (status) where += " AND p.status = " + status_p;
  if (min_price) where += " AND p.price >= " + param(std::to_string(*min_price), "bigint");
  if (max_price) where += " AND p.price <= " + param(std::to_string(*max_price), "bigint");
  // The category's subtree (categories are few per shop; the recursive walk is cheap).
  const std::string subtree =
      "WITH RECURSIVE sub AS (SELECT id FROM categories WHERE workspace_id = $1::uuid AND id = " +
      category_p +
      " UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id"
      " WHERE c.workspace_id = $1::uuid)";
  if (category) {
    where += subcategories ? " AND p.category_id IN (" + subtree + " SELECT id FROM sub)"
                           : " AND p.category_id = " + category_p;
  }
  const std::string ranked_p = ranked_ids ? param(*ranked_ids, "uuid[]") : "";
  if (ranked_ids) where += " AND p.id = ANY(" + ranked_p + ")";
  const std::string order_by = ranked_ids && !req.query_param("sort")
                                   ? " ORDER BY array_position(" + ranked_p + ", p.id)"
                                   : " ORDER BY " + kSort.at(sort) + " " + order + ", p.id " + order;
  // Filters other than status and category narrow the rows first and are counted.
  const bool counted = min_price || max_price || ranked_ids;

  // Keyset pagination: `cursor` (from the previous page's nextCursor) continues after the last row
  // seen, so a deep page costs what the first one does; `page` stays available for short lists.
  const auto cursor_text = req.query_param("cursor");
  std::optional<std::string> after_value;
  std::optional<std::string> after_id;
  if (cursor_text && !cursor_text->empty()) {
    const auto decoded = crypto::base64url_decode(*cursor_text);
    const auto sep = decoded ? decoded->rfind('~') : std::string::npos;
    if (sep == std::string::npos || !is_uuid(decoded->substr(sep + 1)) || ranked_ids) {
      return problem(req, Error::invalid({{"cursor", "is not a cursor of this list"}}));
    }
    after_value = decoded->substr(0, sep);
    after_id = decoded->substr(sep + 1);
  }
  static const std::map<std::string, const char*> kCursorType = {
      {"createdAt", "timestamptz"}, {"name", "text"}, {"price", "bigint"}, {"stock", "int"}, {"sku", "text"}};
  static const std::map<std::string, std::string> kCursorValue = {
      {"createdAt", "to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"},
      {"name", "lower(p.name)"},
      {"price", "p.price::text"},
      {"stock", "p.stock::text"},
      {"sku", "p.sku"}};

  // `total` stays exact and cheap: counts kept by triggers per status, per category and per
  // category and status answer the unfiltered list, the status tabs and the category filter (summed
  // over the category's subtree); the other filters are counted. It is a scalar subquery of the
  // page's statement (evaluated once), so a page is one autocommitted statement, one snapshot.
  const std::string status_key = status ? " || ':' || " + status_p : "";
  std::string total_sql;
  if (counted) {
    total_sql = "SELECT count(*) FROM products p" + where;
  } else if (!category) {
    total_sql =
        "SELECT coalesce((SELECT count FROM workspace_counts WHERE workspace_id = $1::uuid"
        " AND entity = 'products'" +
        status_key + "), 0)";
  } else if (subcategories) {
    total_sql = subtree +
                " SELECT coalesce(sum(k.count), 0) FROM workspace_counts k WHERE k.workspace_id = $1::uuid"
                " AND k.entity IN (SELECT 'products:category:' || id" +
                status_key + " FROM sub)";
  } else {
    total_sql =
        "SELECT coalesce(sum(k.count), 0) FROM workspace_counts k WHERE k.workspace_id = $1::uuid"
        " AND k.entity = 'products:category:' || " +
        category_p + status_key;
  }
  // Every parameter so far is one the total may use; the page's own come next.
  std::string all_params;
  for (std::size_t i = 0; i < types.size(); ++i) {
    all_params += (i ? ", $" : "$") + std::to_string(i + 1) + "::" + types[i];
  }
  const auto filter_params = params;
  std::string page_sql = "SELECT " + product_columns() + ", " + kCursorValue.at(sort) + ", (" + total_sql +
                         ") FROM products p" + where;
  if (after_value) {
    page_sql += " AND (" + kSort.at(sort) + ", p.id) " + (order == "desc" ? "<" : ">") + " (" +
                param(*after_value, kCursorType.at(sort)) + ", " + param(*after_id, "uuid") + ")";
  }
  // The limit as a literal (1–100, checked above): as a parameter, a generic plan assumes a tenth
  // of the rows and sorts them all. Offset pages keep PostgreSQL's own choice of plan per value.
  page_sql += order_by + " LIMIT " + std::to_string(page.limit);
  const bool offset = !after_value && page.offset() > 0;
  if (offset) page_sql += " OFFSET " + param(std::to_string(page.offset()), "bigint");

  pqxx::nontransaction tx(conn);
  const auto rows = offset ? postgres::exec_prefixed(tx, "", page_sql, params)
                           : postgres::exec_generic(tx, page_sql, params);
  long long total = 0;
  if (!rows.empty()) {
    total = rows[0][15].as<long long>();
  } else {  // past the end (or nothing matches): the count alone
    total = postgres::exec_generic(tx, "SELECT (" + total_sql + ") FROM (SELECT " + all_params + ") unused",
                                   filter_params)[0][0]
                .as<long long>();
  }
  boost::json::array items;
  for (const auto& r : rows) items.push_back(product_json(r, ws));
  boost::json::object doc{{"items", items}, {"total", total}, {"page", page.page}, {"limit", page.limit}};
  doc["nextCursor"] = nullptr;
  if (!ranked_ids && static_cast<long long>(rows.size()) == page.limit) {
    const auto& last = rows[rows.size() - 1];
    doc["nextCursor"] =
        crypto::base64url_encode(last[14].as<std::string>() + "~" + last[0].as<std::string>());
  }
  return Response::json(200, boost::json::serialize(doc));
}

Response CatalogController::get_product(Request& req, postgres::Db& db) const {
  const auto& id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such product.");
  pqxx::read_transaction tx(db.conn());
  const auto r = postgres::exec(
      tx,
      "SELECT " + product_columns() + " FROM products p WHERE p.workspace_id = $1::uuid AND p.id = $2::uuid",
      req.principal->workspace_id, id);
  if (r.empty()) return problem(req, 404, "No such product.");
  return Response::json(200, boost::json::serialize(product_json(r[0], req.principal->workspace_id)));
}

Result<std::string> save_product(pqxx::work& tx, const std::string& ws, JsonInput& in,
                                 const std::optional<std::string>& id, bool references_resolved) {
  auto f = read_product(ws, in, tx, !id, references_resolved);
  if (!references_resolved && f.sku && !f.sku->empty() &&
      !postgres::exec(tx,
                      "SELECT 1 FROM products WHERE workspace_id = $1::uuid AND sku = $2 AND id::text <> $3",
                      ws, *f.sku, id.value_or(""))
           .empty()) {
    in.fail("sku", "is already used by another product");
  }
  if (auto s = in.finish(); !s) return s.error();
  if (!id) {
    return postgres::exec1(
               tx,
               "INSERT INTO products (workspace_id, name, description, sku, price, tax_rate, stock, status, "
               "category_id, attributes, language) VALUES ($1::uuid, $2, coalesce($3, ''), $4, $5, "
               "coalesce($6, "
               "2200), coalesce($7, 0), coalesce($8, 'active'), $9::uuid, coalesce($10::jsonb, '{}'), "
               "coalesce($11, "
               "(SELECT default_language FROM workspaces WHERE id = $1::uuid))) RETURNING id::text",
               ws, f.name, f.description, f.sku, f.price, f.tax_bp, f.stock, f.status, f.category_id,
               f.attributes, f.language)[0]
        .as<std::string>();
  }
  postgres::exec0(
      tx,
      "UPDATE products SET name = coalesce($3, name), description = coalesce($4, description), sku = "
      "coalesce($5, "
      "sku), price = coalesce($6, price), tax_rate = coalesce($7, tax_rate), stock = coalesce($8, stock), "
      "status = "
      "coalesce($9, status), category_id = CASE WHEN $10 THEN $11::uuid ELSE category_id END, attributes = "
      "coalesce($12::jsonb, attributes), language = coalesce($13, language), updated_at = now() WHERE "
      "workspace_id "
      "= $1::uuid AND id = $2::uuid",
      ws, *id, f.name, f.description, f.sku, f.price, f.tax_bp, f.stock, f.status, f.category_given,
      f.category_id, f.attributes, f.language);
  return *id;
}

namespace {

Response product_response(pqxx::work& tx, const std::string& ws, const std::string& id, int status) {
  const auto r = postgres::exec1(
      tx,
      "SELECT " + product_columns() + " FROM products p WHERE p.workspace_id = $1::uuid AND p.id = $2::uuid",
      ws, id);
  return Response::json(status, boost::json::serialize(product_json(r, ws)));
}

}  // namespace

Response CatalogController::create_product(Request& req, postgres::Db& db) const {
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  pqxx::work tx(db.conn());
  const auto& ws = req.principal->workspace_id;
  auto id = save_product(tx, ws, *in, std::nullopt);
  if (!id) return problem(req, id.error());
  auto res = product_response(tx, ws, id.value(), 201);
  tx.commit();
  return res.set_header("Location", "/api/workspaces/" + ws + "/products/" + id.value());
}

Response CatalogController::update_product(Request& req, postgres::Db& db) const {
  const auto& id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such product.");
  auto in = JsonInput::from(req);
  if (!in) return problem(req, in.error());
  pqxx::work tx(db.conn());
  const auto& ws = req.principal->workspace_id;
  if (postgres::exec(tx, "SELECT 1 FROM products WHERE workspace_id = $1::uuid AND id = $2::uuid FOR UPDATE",
                     ws, id)
          .empty()) {
    return problem(req, 404, "No such product.");
  }
  auto saved = save_product(tx, ws, *in, id);
  if (!saved) return problem(req, saved.error());
  auto res = product_response(tx, ws, id, 200);
  tx.commit();
  return res;
}

Response CatalogController::delete_product(Request& req, postgres::Db& db) const {
  const auto& id = req.params["id"];
  if (!is_uuid(id)) return problem(req, 404, "No such product.");
  pqxx::work tx(db.conn());
  const auto r =
      postgres::exec(tx, "DELETE FROM products WHERE workspace_id = $1::uuid AND id = $2::uuid RETURNING id",
                     req.principal->workspace_id, id);
  tx.commit();
  if (r.empty()) return problem(req, 404, "No such product.");
  return Response::empty(204);
}

Response CatalogController::search(Request& req, postgres::Db& db) const {
  const auto text = req.query_param("q").value_or("");
  std::vector<FieldError> bad;
  if (text.empty() || text.size() > 200) bad.push_back({"q", "is required (at most 200 characters)"});
  const auto limit = query_number(req, "limit", 1, 50, bad).value_or(10);
  std::vector<std::string> types;
  if (auto t = req.query_param("types")) {
    std::size_t start = 0;
    while (start <= t->size()) {
      const auto comma = t->find(',', start);
      const auto one = t->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (one != "product" && one != "service" && one != "faq" && one != "offer") {
        bad.push_back({"types", "lists product, service, faq or offer"});
        break;
      }
      types.push_back(one);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));
  boost::json::array items;
  for (const auto& h : postgres::search_catalog(
           db.conn(), {req.principal->workspace_id, text, types, static_cast<int>(limit), false})) {
    boost::json::object o{
        {"type", h.type}, {"id", h.id}, {"title", h.title}, {"snippet", h.snippet}, {"score", h.score}};
    if (h.price >= 0) o["price"] = h.price;
    items.push_back(std::move(o));
  }
  return Response::json(
      200, boost::json::serialize(boost::json::object{{"items", items}, {"total", items.size()}}));
}

Response CatalogController::price_preview(Request& req, postgres::Db& db) const {
  auto parsed = parse_json_body(req);
  if (!parsed) return problem(req, parsed.error());
  if (!parsed->is_object())
    return problem(req, Error::invalid({}, "The request body must be a JSON object."));
  const auto& body = parsed->as_object();
  std::vector<FieldError> bad;
  const auto* lines_v = body.if_contains("lines");
  if (!lines_v || !lines_v->is_array() || lines_v->as_array().empty() || lines_v->as_array().size() > 200) {
    return problem(req, Error::invalid({{"lines", "must list 1-200 {productId, quantity}"}}));
  }
  std::optional<std::string> code;
  if (const auto* c = body.if_contains("promoCode"); c && c->is_string() && !c->as_string().empty()) {
    code = std::string(c->as_string());
  }
  const auto& ws = req.principal->workspace_id;
  pqxx::read_transaction tx(db.conn());
  std::vector<catalog::CartLine> lines;
  std::size_t index = 0;
  for (const auto& l : lines_v->as_array()) {
    const std::string prefix = "lines[" + std::to_string(index++) + "]";
    const auto* o = l.if_object();
    const auto* pid = o ? o->if_contains("productId") : nullptr;
    const auto* qty = o ? o->if_contains("quantity") : nullptr;
    if (!pid || !pid->is_string() || !is_uuid(pid->as_string())) {
      bad.push_back({prefix + ".productId", "must be a product id"});
      continue;
    }
    if (!qty || !qty->is_int64() || qty->as_int64() < 1 || qty->as_int64() > 10000) {
      bad.push_back({prefix + ".quantity", "must be a whole number from 1 to 10000"});
      continue;
    }
    auto line =
        postgres::load_cart_line(tx, ws, std::string(pid->as_string()), static_cast<int>(qty->as_int64()));
    if (!line) {
      bad.push_back({prefix + ".productId", "is not a product of this workspace"});
      continue;
    }
    lines.push_back(std::move(*line));
  }
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));

  const auto offers = postgres::load_offers(tx, ws, code);
  const auto result = catalog::price_cart(lines, offers, code, unix_now());
  boost::json::array out_lines;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& l = result.lines[i];
    out_lines.push_back(
        {{"productId", lines[i].product_id},
         {"quantity", lines[i].quantity},
         {"unitPrice", lines[i].unit_price},
         {"subtotal", l.subtotal},
         {"discount", l.discount},
         {"total", l.total},
         {"tax", l.tax},
         {"offerId", l.offer_id ? boost::json::value(*l.offer_id) : boost::json::value(nullptr)}});
  }
  boost::json::object doc{{"lines", out_lines},
                          {"subtotal", result.subtotal},
                          {"automaticDiscount", result.automatic_discount},
                          {"codeDiscount", result.code_discount},
                          {"total", result.total},
                          {"tax", result.tax}};
  doc["promoCode"] = code ? boost::json::value(boost::json::object{
                                {"code", *code},
                                {"applied", !result.code_rejection.has_value()},
                                {"reason", result.code_rejection ? boost::json::value(*result.code_rejection)
                                                                 : boost::json::value(nullptr)}})
                          : boost::json::value(nullptr);
  return Response::json(200, boost::json::serialize(doc));
}

}  // namespace shopme::http
