#pragma once
// A read-committed transaction whose BEGIN travels in the same message as its first statement
// (exec_prefixed(tx, "BEGIN;", …)): one round trip fewer for a transaction that starts by reading
// or locking something. The first statement must be sent that way; pqxx sends nothing on creation.
#include <pqxx/dbtransaction>
#include <pqxx/except>
#include <string>

namespace shopme::postgres {

class LateBeginTransaction final : public pqxx::dbtransaction {
 public:
  explicit LateBeginTransaction(pqxx::connection_base& conn)
      : pqxx::internal::namedclass("LateBeginTransaction"), pqxx::dbtransaction(conn) {
    Begin();
  }
  ~LateBeginTransaction() noexcept override { End(); }
  LateBeginTransaction(const LateBeginTransaction&) = delete;
  LateBeginTransaction& operator=(const LateBeginTransaction&) = delete;

  // The commit need not wait for its disk flush when nothing leaves the system on the strength of
  // it: if the machine dies before the flush, the transaction is lost whole (and, for a job, the job
  // runs again); any later commit that must be durable flushes this one first (the write-ahead log
  // is written in order).
  void without_flush() { flush_ = false; }

  // Statements of the server's own (never values from a request) whose results nobody reads, sent
  // in the same message as the COMMIT: a round trip fewer. An error in them fails the commit.
  void commit_after(std::string statements) { with_commit_ += std::move(statements) + "; "; }

 private:
  void do_begin() override {}  // the caller's first statement begins it
  void do_commit() override {
    try {
      direct_exec(
          (with_commit_ + (flush_ ? "COMMIT" : "SET LOCAL synchronous_commit = off; COMMIT")).c_str());
    } catch (const pqxx::broken_connection&) {
      throw;
    } catch (const pqxx::sql_error&) {
      // A statement before the COMMIT failed: the rest of the message was skipped and the
      // transaction is still open, aborted. End it, or the connection stays unusable.
      if (!with_commit_.empty()) direct_exec("ROLLBACK");
      throw;
    }
  }
  bool flush_ = true;
  std::string with_commit_;
};

}  // namespace shopme::postgres
