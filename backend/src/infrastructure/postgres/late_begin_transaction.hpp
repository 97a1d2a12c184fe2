#pragma once
// A read-committed transaction whose BEGIN travels in the same message as its first statement
// (exec_prefixed(tx, "BEGIN;", …)): one round trip fewer for a transaction that starts by reading
// or locking something. The first statement must be sent that way; pqxx sends nothing on creation.
#include <pqxx/dbtransaction>

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

 private:
  void do_begin() override {}  // the caller's first statement begins it
  void do_commit() override { direct_exec(flush_ ? "COMMIT" : "SET LOCAL synchronous_commit = off; COMMIT"); }
  bool flush_ = true;
};

}  // namespace shopme::postgres
