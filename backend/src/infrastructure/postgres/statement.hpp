#pragma once
// Every parameterised statement of the server goes through here and runs as a named prepared
// statement of its connection: parsed and analysed once per connection instead of once per call.
// Planning was as costly as execution on the hot paths (docs/BENCHMARKS.md), and PostgreSQL's
// plan cache decides per statement whether a generic plan is good enough.
#include <pqxx/transaction_base>
#include <string>
#include <utility>

#include "infrastructure/postgres/pqxx_compat.hpp"

namespace shopme::postgres {

// The name `sql` is prepared under on the transaction's connection, defined there on first use
// (pqxx sends the Parse with the first execution, and again on a reopened connection). Statement
// texts never carry values, only $n parameters, so a connection holds a bounded set of them.
std::string statement_name(pqxx::transaction_base& tx, const std::string& sql);

template <class... Args>
pqxx::result exec(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  return tx.exec_prepared(statement_name(tx, sql), std::forward<Args>(args)...);
}

// Throws pqxx::unexpected_rows unless the statement returns no rows.
template <class... Args>
pqxx::result exec0(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  return tx.exec_prepared0(statement_name(tx, sql), std::forward<Args>(args)...);
}

// Throws pqxx::unexpected_rows unless the statement returns exactly one row.
template <class... Args>
pqxx::row exec1(pqxx::transaction_base& tx, const std::string& sql, Args&&... args) {
  return tx.exec_prepared1(statement_name(tx, sql), std::forward<Args>(args)...);
}

}  // namespace shopme::postgres
