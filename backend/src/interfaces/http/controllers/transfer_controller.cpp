#include "interfaces/http/controllers/transfer_controller.hpp"

#include <boost/json.hpp>
#include <functional>
#include <map>
#include <pqxx/pqxx>

#include "infrastructure/csv/csv.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/controllers/catalog_controller.hpp"
#include "interfaces/http/controllers/sales_controller.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

const csv::Row kProductColumns = {"sku",   "name",   "description", "price",    "taxRate",
                                  "stock", "status", "category",    "language", "attributes"};
const csv::Row kCustomerColumns = {
    "name", "email",         "phone",        "language",           "company",         "notes",
    "tags", "shippingLine1", "shippingCity", "shippingPostalCode", "shippingCountry", "blocked"};

using Cell = std::function<std::optional<std::string>(const std::string&)>;

struct RowError {
  std::size_t row;
  std::string field;
  std::string message;
};

// "18.90", "18,90", "18" -> 1890 (two decimals, the workspace currency's minor unit).
std::optional<long long> parse_amount(const std::string& text) {
  std::string t;
  for (char c : text) t += c == ',' ? '.' : c;
  const auto dot = t.find('.');
  const std::string whole = t.substr(0, dot);
  std::string frac = dot == std::string::npos ? "" : t.substr(dot + 1);
  if (whole.empty() || whole.size() > 12 || frac.size() > 2 ||
      whole.find_first_not_of("0123456789") != std::string::npos ||
      frac.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  while (frac.size() < 2) frac += '0';
  return std::stoll(whole) * 100 + std::stoll(frac);
}

std::string format_amount(long long minor) {
  const std::string cents = std::to_string(minor % 100);
  return std::to_string(minor / 100) + "." + (cents.size() < 2 ? "0" + cents : cents);
}

std::string format_rate(int bp) { return bp % 100 == 0 ? std::to_string(bp / 100) : format_amount(bp); }

// "peso=500 g; origine=Parma" <-> {"peso":"500 g","origine":"Parma"}
std::optional<boost::json::object> parse_attributes(const std::string& text) {
  boost::json::object out;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find(';', start);
    if (end == std::string::npos) end = text.size();
    std::string pair = text.substr(start, end - start);
    start = end + 1;
    const auto first = pair.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    pair = pair.substr(first);
    const auto eq = pair.find('=');
    if (eq == std::string::npos || eq == 0) return std::nullopt;
    std::string key = pair.substr(0, eq);
    while (!key.empty() && key.back() == ' ') key.pop_back();
    std::string value = pair.substr(eq + 1);
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    while (!value.empty() && value.back() == ' ') value.pop_back();
    out[key] = value;
  }
  return out;
}

std::string format_attributes(const std::string& json) {
  std::string out;
  const auto parsed = boost::json::parse(json);
  for (const auto& [k, v] : parsed.as_object()) {
    if (!out.empty()) out += "; ";
    out += std::string(k) + "=" + (v.is_string() ? std::string(v.as_string()) : boost::json::serialize(v));
  }
  return out;
}

// Reads the body as CSV with the expected header; problems are returned as a ready response.
std::variant<std::vector<csv::Row>, Response> read_csv(Request& req, const csv::Row& columns,
                                                       std::map<std::string, std::size_t>& index) {
  auto parsed = csv::parse(req.body);
  if (auto* err = std::get_if<csv::ParseError>(&parsed)) {
    return problem(req, 400,
                   "The CSV cannot be read at line " + std::to_string(err->line) + ": " + err->message + ".",
                   "invalid-csv");
  }
  auto rows = std::move(std::get<std::vector<csv::Row>>(parsed));
  if (rows.empty()) return problem(req, Error::invalid({{"file", "is empty"}}, "The CSV file is empty."));
  for (std::size_t i = 0; i < rows[0].size(); ++i) index[rows[0][i]] = i;
  std::vector<FieldError> missing;
  for (const auto& c : columns) {
    if (c == columns[0] && !index.count(c)) missing.push_back({"header", "needs a column " + c});
  }
  if (!missing.empty())
    return problem(req, Error::invalid(std::move(missing), "The CSV header is missing columns."));
  if (rows.size() > 100'001) {
    return problem(req, Error::invalid({{"file", "holds more than 100,000 rows"}}, "The file is too long."));
  }
  return rows;
}

Response import_report(Request& req, bool dry_run, std::size_t rows, int created, int updated,
                       const std::vector<RowError>& errors) {
  boost::json::array errs;
  for (const auto& e : errors) errs.push_back({{"row", e.row}, {"field", e.field}, {"message", e.message}});
  boost::json::object doc{{"dryRun", dry_run},  {"applied", !dry_run && errors.empty()},
                          {"rows", rows},       {"created", created},
                          {"updated", updated}, {"errors", errs}};
  if (!dry_run && !errors.empty()) {
    // Nothing was written; the problem document carries the same per-row report.
    auto res = problem(req, Error::invalid({}, "The file has " + std::to_string(errors.size()) +
                                                   " error(s); nothing was imported."));
    auto body = boost::json::parse(res.body).as_object();
    for (auto& [k, v] : doc) body[k] = v;
    res.body = boost::json::serialize(body);
    return res;
  }
  return Response::json(200, boost::json::serialize(doc));
}

template <class Save>
Response run_import(Request& req, postgres::Db& db, const csv::Row& columns, Save&& save_row) {
  const bool dry_run = req.query_param("dryRun").value_or("false") == "true";
  std::map<std::string, std::size_t> index;
  auto read = read_csv(req, columns, index);
  if (auto* res = std::get_if<Response>(&read)) return std::move(*res);
  const auto& rows = std::get<std::vector<csv::Row>>(read);
  pqxx::work tx(db.conn());
  int created = 0;
  int updated = 0;
  std::vector<RowError> errors;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const Cell cell = [&](const std::string& name) -> std::optional<std::string> {
      const auto it = index.find(name);
      if (it == index.end() || it->second >= rows[r].size()) return std::nullopt;
      return rows[r][it->second];
    };
    const auto outcome = save_row(tx, cell, r + 1, errors);
    if (outcome == 1) ++created;
    if (outcome == 2) ++updated;
    if (errors.size() >= 500) break;  // enough to fix; the rest would only repeat
  }
  if (dry_run || !errors.empty()) {
    tx.abort();
  } else {
    tx.commit();
  }
  return import_report(req, dry_run, rows.size() - 1, created, updated, errors);
}

void collect(std::vector<RowError>& errors, std::size_t row, const Error& e) {
  if (e.fields.empty()) errors.push_back({row, "", e.detail});
  for (const auto& f : e.fields) errors.push_back({row, f.field, f.message});
}

}  // namespace

Response TransferController::export_products(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  std::string out = csv::format_row(kProductColumns);
  for (const auto& r :
       postgres::exec(tx,
                      "SELECT p.sku, p.name, p.description, p.price, p.tax_rate, p.stock, p.status, "
                      "coalesce(c.name, ''), "
                      "p.language, p.attributes::text FROM products p LEFT JOIN categories c ON "
                      "c.workspace_id = p.workspace_id "
                      "AND c.id = p.category_id WHERE p.workspace_id = $1::uuid ORDER BY p.sku",
                      req.principal->workspace_id)) {
    out += csv::format_row({r[0].as<std::string>(), r[1].as<std::string>(), r[2].as<std::string>(),
                            format_amount(r[3].as<long long>()), format_rate(r[4].as<int>()),
                            r[5].as<std::string>(), r[6].as<std::string>(), r[7].as<std::string>(),
                            r[8].as<std::string>(), format_attributes(r[9].as<std::string>())});
  }
  return Response::text(200, std::move(out), "text/csv; charset=utf-8")
      .set_header("Content-Disposition", "attachment; filename=\"products.csv\"")
      .set_header("Cache-Control", "no-store");
}

Response TransferController::import_products(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  std::map<std::string, std::string> categories;  // name -> id, created on first use
  std::map<std::string, std::string> skus;        // the workspace's products, read once per file
  bool skus_loaded = false;
  return run_import(
      req, db, kProductColumns,
      [&](pqxx::work& tx, const Cell& cell, std::size_t row, std::vector<RowError>& errors) -> int {
        boost::json::object o;
        for (const char* f : {"sku", "name", "description", "status", "language"}) {
          if (auto v = cell(f)) o[f] = *v;
        }
        // A bad amount is reported and replaced by 0 so the row's other fields are still checked; a
        // file with any error is not applied, so the placeholder is never stored.
        bool bad_price = false;
        if (auto v = cell("price")) {
          if (auto amount = parse_amount(*v)) {
            o["price"] = *amount;
          } else {
            errors.push_back({row, "price", "must be an amount such as 18.90"});
            o["price"] = 0;
            bad_price = true;
          }
        }
        if (auto v = cell("taxRate"); v && !v->empty()) {
          if (auto bp = parse_amount(*v))
            o["taxRate"] = static_cast<double>(*bp) / 100.0;
          else
            o["taxRate"] = *v;  // reported by the product rules
        }
        if (auto v = cell("stock"); v && !v->empty()) {
          if (v->find_first_not_of("0123456789") == std::string::npos && v->size() < 10)
            o["stock"] = std::stoll(*v);
          else
            o["stock"] = *v;
        }
        if (auto v = cell("attributes"); v && !v->empty()) {
          if (auto attrs = parse_attributes(*v))
            o["attributes"] = *attrs;
          else
            o["attributes"] = *v;
        }
        if (auto v = cell("category"); v && !v->empty()) {
          auto it = categories.find(*v);
          if (it == categories.end()) {
            const auto found = postgres::exec(
                tx,
                "SELECT id::text FROM categories WHERE workspace_id = $1::uuid AND lower(name) = lower($2) "
                "LIMIT 1",
                ws, *v);
            const std::string id = found.empty()
                                       ? postgres::exec1(tx,
                                                         "INSERT INTO categories (workspace_id, name) VALUES "
                                                         "($1::uuid, $2) RETURNING id::text",
                                                         ws, *v)[0]
                                             .as<std::string>()
                                       : found[0][0].as<std::string>();
            it = categories.emplace(*v, id).first;
          }
          o["categoryId"] = it->second;
        }
        if (!skus_loaded) {
          for (const auto& r :
               postgres::exec(tx, "SELECT sku, id::text FROM products WHERE workspace_id = $1::uuid", ws)) {
            skus.emplace(r[0].as<std::string>(), r[1].as<std::string>());
          }
          skus_loaded = true;
        }
        std::optional<std::string> existing;
        const auto sku = cell("sku").value_or("");
        if (auto it = skus.find(sku); !sku.empty() && it != skus.end()) existing = it->second;
        auto in = JsonInput::of(std::move(o));
        auto saved = save_product(tx, ws, in, existing, true);
        if (saved && !existing && !sku.empty()) skus.emplace(sku, saved.value());
        if (!saved) {
          collect(errors, row, saved.error());
          return 0;
        }
        if (bad_price) return 0;
        return existing ? 2 : 1;
      });
}

Response TransferController::export_customers(Request& req, postgres::Db& db) const {
  pqxx::read_transaction tx(db.conn());
  std::string out = csv::format_row(kCustomerColumns);
  for (const auto& r : postgres::exec(
           tx,
           "SELECT name, coalesce(email, ''), coalesce(phone, ''), language, company, notes, "
           "array_to_string(tags, "
           "'; '), coalesce(shipping_address->>'line1', ''), coalesce(shipping_address->>'city', ''), "
           "coalesce(shipping_address->>'postalCode', ''), coalesce(shipping_address->>'country', ''), "
           "blocked FROM "
           "customers WHERE workspace_id = $1::uuid ORDER BY created_at, id",
           req.principal->workspace_id)) {
    csv::Row row;
    for (int i = 0; i < 11; ++i) row.push_back(r[i].as<std::string>());
    row.push_back(r[11].as<bool>() ? "true" : "false");
    out += csv::format_row(row);
  }
  return Response::text(200, std::move(out), "text/csv; charset=utf-8")
      .set_header("Content-Disposition", "attachment; filename=\"customers.csv\"")
      .set_header("Cache-Control", "no-store");
}

Response TransferController::import_customers(Request& req, postgres::Db& db) const {
  const auto& ws = req.principal->workspace_id;
  return run_import(
      req, db, kCustomerColumns,
      [&](pqxx::work& tx, const Cell& cell, std::size_t row, std::vector<RowError>& errors) -> int {
        boost::json::object o;
        for (const char* f : {"name", "email", "phone", "language", "company", "notes"}) {
          if (auto v = cell(f)) o[f] = *v;
        }
        if (auto v = cell("tags")) {
          boost::json::array tags;
          std::size_t start = 0;
          while (start < v->size()) {
            auto end = v->find(';', start);
            if (end == std::string::npos) end = v->size();
            std::string tag = v->substr(start, end - start);
            start = end + 1;
            while (!tag.empty() && tag.front() == ' ') tag.erase(0, 1);
            while (!tag.empty() && tag.back() == ' ') tag.pop_back();
            if (!tag.empty()) tags.emplace_back(tag);
          }
          o["tags"] = tags;
        }
        boost::json::object shipping;
        for (const auto& [column, key] :
             std::initializer_list<std::pair<const char*, const char*>>{{"shippingLine1", "line1"},
                                                                        {"shippingCity", "city"},
                                                                        {"shippingPostalCode", "postalCode"},
                                                                        {"shippingCountry", "country"}}) {
          if (auto v = cell(column); v && !v->empty()) shipping[key] = *v;
        }
        if (!shipping.empty()) o["shippingAddress"] = shipping;
        if (auto v = cell("blocked"); v && !v->empty()) {
          if (*v == "true" || *v == "false")
            o["blocked"] = *v == "true";
          else
            o["blocked"] = *v;
        }
        // The same person is recognised by phone number, else by e-mail address.
        std::string existing;
        if (auto phone = cell("phone"); phone && !phone->empty()) {
          const auto r = postgres::exec(
              tx, "SELECT id::text FROM customers WHERE workspace_id = $1::uuid AND phone = $2", ws, *phone);
          if (!r.empty()) existing = r[0][0].as<std::string>();
        }
        if (existing.empty()) {
          if (auto email = cell("email"); email && !email->empty()) {
            const auto r = postgres::exec(
                tx,
                "SELECT id::text FROM customers WHERE workspace_id = $1::uuid AND lower(email) = lower($2) "
                "LIMIT 1",
                ws, *email);
            if (!r.empty()) existing = r[0][0].as<std::string>();
          }
        }
        auto in = JsonInput::of(std::move(o));
        auto saved = save_customer(tx, ws, in, existing);
        if (!saved) {
          collect(errors, row, saved.error());
          return 0;
        }
        return existing.empty() ? 1 : 2;
      });
}

}  // namespace shopme::http
