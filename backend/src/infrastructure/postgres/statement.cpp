#include "infrastructure/postgres/statement.hpp"

#include <cstdio>
#include <functional>
#include <pqxx/connection_base>
#include <pqxx/nontransaction>

namespace shopme::postgres {

std::string statement_name(pqxx::transaction_base& tx, const std::string& sql) {
  char name[24];
  std::snprintf(name, sizeof name, "s%016zx", std::hash<std::string>{}(sql));
  // Defining the same name with the same text again is a lookup in pqxx's table; another text
  // under the same name (a hash collision) throws instead of running the wrong statement.
  tx.conn().prepare(name, sql);
  return name;
}

std::string execute_text(pqxx::transaction_base& tx, const std::string& sql,
                         const std::vector<TextParam>& params) {
  const auto name = statement_name(tx, sql);
  tx.conn().prepare_now(name);  // EXECUTE names it: it must exist on the server first
  std::string text = "EXECUTE " + name;
  for (std::size_t i = 0; i < params.size(); ++i) {
    text += i ? ", " : "(";
    text += params[i] ? tx.quote(*params[i]) : std::string("NULL");
  }
  if (!params.empty()) text += ")";
  return text;
}

pqxx::result exec_prefixed(pqxx::transaction_base& tx, std::string_view prefix, const std::string& sql,
                           const std::vector<TextParam>& params) {
  return tx.exec(std::string(prefix) + " " + execute_text(tx, sql, params));
}

pqxx::result exec_generic(pqxx::nontransaction& tx, const std::string& sql,
                          const std::vector<TextParam>& params, std::string_view settings) {
  return exec_prefixed(tx, "SET LOCAL plan_cache_mode = force_generic_plan; " + std::string(settings), sql,
                       params);
}

}  // namespace shopme::postgres
