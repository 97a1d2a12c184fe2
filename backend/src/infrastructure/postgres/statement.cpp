#include "infrastructure/postgres/statement.hpp"

#include <cstdio>
#include <functional>
#include <pqxx/connection_base>

namespace shopme::postgres {

std::string statement_name(pqxx::transaction_base& tx, const std::string& sql) {
  char name[24];
  std::snprintf(name, sizeof name, "s%016zx", std::hash<std::string>{}(sql));
  // Defining the same name with the same text again is a lookup in pqxx's table; another text
  // under the same name (a hash collision) throws instead of running the wrong statement.
  tx.conn().prepare(name, sql);
  return name;
}

}  // namespace shopme::postgres
