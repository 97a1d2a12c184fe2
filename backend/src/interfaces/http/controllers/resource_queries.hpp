#pragma once
#include "infrastructure/postgres/text_array.hpp"
// Plain-SQL reads shared by the simple tenant resources (services, FAQs, offers, customers): a page
// of rows with optional search, one row by id, delete by id. Every query is scoped by workspace.
#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "domain/result.hpp"
#include "interfaces/http/message.hpp"

namespace shopme::http {

struct ResourceTable {
  const char* table;
  const char* noun;     // for messages: "service"
  std::string columns;  // SELECT list over alias t
  std::function<boost::json::object(const pqxx::row&)> to_json;
  std::vector<std::pair<std::string, std::string>> sorts;  // API name -> SQL expression
  std::string default_sort;
  bool has_search = true;  // t.search_text holds unaccented lower-case text
};

struct ListFilter {
  std::string sql;  // " AND t.active = $3::boolean" style: parameters numbered from $3
  std::vector<std::optional<std::string>> params;
};

Response list_resource(Request& req, pqxx::connection& conn, const ResourceTable& t, const ListFilter& filter,
                       std::vector<FieldError> bad = {});
Response get_resource(Request& req, pqxx::connection& conn, const ResourceTable& t);
Response delete_resource(Request& req, pqxx::connection& conn, const ResourceTable& t);
// The row after a write, inside the writing transaction.
boost::json::object load_resource(pqxx::transaction_base& tx, const ResourceTable& t, const std::string& ws,
                                  const std::string& id);

std::string iso_column(const std::string& col);
// 2200 basis points -> 22, 450 -> 4.5 (plain JSON numbers, not 2.2E1).
boost::json::value percent_json(long long basis_points);

// YYYY-MM-DD naming a real day (query filters like from/to).
bool is_day(const std::string& s);
using postgres::text_array;  // array columns in the responses
std::optional<long long> query_number(const Request& req, const char* name, long long min, long long max,
                                      std::vector<FieldError>& bad);

}  // namespace shopme::http
