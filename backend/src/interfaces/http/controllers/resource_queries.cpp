#include "interfaces/http/controllers/resource_queries.hpp"
#include <chrono>
#include <regex>

#include <boost/json.hpp>

#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {

std::string iso_column(const std::string& col) {
  return "to_char(" + col + R"( AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))";
}

boost::json::value percent_json(long long basis_points) {
  if (basis_points % 100 == 0) return basis_points / 100;
  return static_cast<double>(basis_points) / 100.0;
}

std::optional<long long> query_number(const Request& req, const char* name, long long min, long long max,
                                      std::vector<FieldError>& bad) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  try {
    std::size_t used = 0;
    const long long n = std::stoll(*v, &used);
    if (used == v->size() && n >= min && n <= max) return n;
  } catch (const std::exception&) {
  }
  bad.push_back({name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
  return std::nullopt;
}

Response list_resource(Request& req, pqxx::connection& conn, const ResourceTable& t, const ListFilter& filter,
                       std::vector<FieldError> bad) {
  const long long page = query_number(req, "page", 1, 1'000'000, bad).value_or(1);
  const long long limit = query_number(req, "limit", 1, 100, bad).value_or(20);
  const std::string sort = req.query_param("sort").value_or(t.default_sort);
  std::string sort_sql;
  for (const auto& [name, expr] : t.sorts) {
    if (name == sort) sort_sql = expr;
  }
  if (sort_sql.empty()) {
    std::string names;
    for (const auto& [name, expr] : t.sorts) names += (names.empty() ? "" : ", ") + name;
    bad.push_back({"sort", "must be one of " + names});
  }
  const std::string order = req.query_param("order").value_or(sort == "createdAt" ? "desc" : "asc");
  if (order != "asc" && order != "desc") bad.push_back({"order", "must be asc or desc"});
  if (!bad.empty()) return problem(req, Error::invalid(std::move(bad)));

  const auto search = req.query_param("search");
  std::string where = std::string(" FROM ") + t.table + " t WHERE t.workspace_id = $1::uuid";
  // Substring match on the unaccented text, served by the trigram index.
  if (t.has_search)
    where += " AND ($2::text IS NULL OR t.search_text LIKE '%' || lower(shopme_unaccent($2)) || '%')";
  else
    where += " AND ($2::text IS NULL OR true)";
  where += filter.sql;
  const std::optional<std::string> search_p = search && !search->empty() ? search : std::nullopt;
  pqxx::read_transaction tx(conn);
  const std::string ws = req.principal->workspace_id;
  const auto n = filter.params.size();
  const auto f = pqxx::prepare::make_dynamic_params(filter.params);
  const auto rows =
      postgres::exec(tx,
                     "SELECT " + t.columns + where + " ORDER BY " + sort_sql + " " + order + ", t.id " +
                         order + " LIMIT $" + std::to_string(n + 3) + " OFFSET $" + std::to_string(n + 4),
                     ws, search_p, f, limit, (page - 1) * limit);
  const auto total = postgres::exec1(tx, "SELECT count(*)" + where, ws, search_p, f)[0].as<long long>();
  boost::json::array items;
  for (const auto& r : rows) items.push_back(t.to_json(r));
  return Response::json(200, boost::json::serialize(boost::json::object{
                                 {"items", items}, {"total", total}, {"page", page}, {"limit", limit}}));
}

boost::json::object load_resource(pqxx::transaction_base& tx, const ResourceTable& t, const std::string& ws,
                                  const std::string& id) {
  return t.to_json(postgres::exec1(
      tx,
      "SELECT " + t.columns + " FROM " + t.table + " t WHERE t.workspace_id = $1::uuid AND t.id = $2::uuid",
      ws, id));
}

Response get_resource(Request& req, pqxx::connection& conn, const ResourceTable& t) {
  const auto& id = req.params["id"];
  const std::string missing = std::string("No such ") + t.noun + ".";
  if (!is_uuid(id)) return problem(req, 404, missing);
  pqxx::read_transaction tx(conn);
  const auto r = postgres::exec(
      tx,
      "SELECT " + t.columns + " FROM " + t.table + " t WHERE t.workspace_id = $1::uuid AND t.id = $2::uuid",
      req.principal->workspace_id, id);
  if (r.empty()) return problem(req, 404, missing);
  return Response::json(200, boost::json::serialize(t.to_json(r[0])));
}

Response delete_resource(Request& req, pqxx::connection& conn, const ResourceTable& t) {
  const auto& id = req.params["id"];
  const std::string missing = std::string("No such ") + t.noun + ".";
  if (!is_uuid(id)) return problem(req, 404, missing);
  pqxx::work tx(conn);
  const auto r = postgres::exec(
      tx,
      std::string("DELETE FROM ") + t.table + " WHERE workspace_id = $1::uuid AND id = $2::uuid RETURNING id",
      req.principal->workspace_id, id);
  tx.commit();
  if (r.empty()) return problem(req, 404, missing);
  return Response::empty(204);
}

// YYYY-MM-DD naming a real day.
bool is_day(const std::string& s) {
  static const std::regex pattern(R"(^\d{4}-\d{2}-\d{2}$)");
  if (!std::regex_match(s, pattern)) return false;
  const std::chrono::year_month_day d{std::chrono::year(std::stoi(s.substr(0, 4))),
                                      std::chrono::month(static_cast<unsigned>(std::stoi(s.substr(5, 2)))),
                                      std::chrono::day(static_cast<unsigned>(std::stoi(s.substr(8, 2))))};
  return d.ok();
}

}  // namespace shopme::http
