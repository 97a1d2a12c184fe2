#pragma once
// Every parameterised statement of the server goes through here and runs as a named prepared
// statement of its connection: parsed and analysed once per connection instead of once per call.
// Planning was as costly as execution on the hot paths (docs/BENCHMARKS.md), and PostgreSQL's
// plan cache decides per statement whether a generic plan is good enough.
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "infrastructure/postgres/pqxx_compat.hpp"

namespace pqxx {
class nontransaction;
}

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

// A parameter as PostgreSQL reads it: its text, or NULL. The statement's casts give the types.
using TextParam = std::optional<std::string>;

// The text `EXECUTE name('…', NULL)` that runs `sql` (prepared as exec does, and defined on the
// server now) with `params`, for a message of several statements.
std::string execute_text(pqxx::transaction_base& tx, const std::string& sql,
                         const std::vector<TextParam>& params);

// Runs `sql` (prepared as exec does) right after `prefix` (statements of the server's own, never
// values from a request), in one round trip: `<prefix> EXECUTE name('…', NULL)`. Returns the
// result of `sql`.
pqxx::result exec_prefixed(pqxx::transaction_base& tx, std::string_view prefix, const std::string& sql,
                           const std::vector<TextParam>& params);

// In autocommit, with PostgreSQL's generic plan for the statement and `settings` (zero or more
// `SET LOCAL …;`) for it only: the message is one implicit transaction, so the settings end with
// it. The plan cache re-plans a statement on every call while a plan for the actual values looks
// cheaper than the generic one, which for the catalog's list and search cost more than running
// them. Only for statements whose generic plan is good: no optional conditions ("$n IS NULL OR
// …"), no LIMIT or OFFSET as a parameter (the planner then assumes a tenth of the rows and sorts
// them all).
pqxx::result exec_generic(pqxx::nontransaction& tx, const std::string& sql,
                          const std::vector<TextParam>& params, std::string_view settings = {});

}  // namespace shopme::postgres
