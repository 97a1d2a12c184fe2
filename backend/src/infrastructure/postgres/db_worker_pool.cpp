#include "infrastructure/postgres/db_worker_pool.hpp"

#include <pqxx/pqxx>

#include "infrastructure/logging/log.hpp"

namespace shopme::postgres {

Db::Db(std::string conninfo) : conninfo_(std::move(conninfo)) {}
Db::~Db() = default;

pqxx::connection& Db::conn() {
  if (conn_ && conn_->is_open()) return *conn_;
  try {
    conn_ = std::make_unique<pqxx::connection>(conninfo_);
  } catch (const pqxx::broken_connection& e) {
    conn_.reset();
    throw DatabaseUnavailable(e.what());
  }
  return *conn_;
}

DbWorkerPool::DbWorkerPool(std::string conninfo, int workers, int queue_capacity)
    : conninfo_(std::move(conninfo)), capacity_(queue_capacity) {
  threads_.reserve(static_cast<std::size_t>(workers));
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this, i] { run(i); });
}

DbWorkerPool::~DbWorkerPool() { shutdown(); }

bool DbWorkerPool::try_submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || static_cast<int>(queue_.size()) >= capacity_) return false;
    queue_.push_back(std::move(job));
    depth_.store(static_cast<int>(queue_.size()));
  }
  cv_.notify_one();
  return true;
}

void DbWorkerPool::shutdown() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

void DbWorkerPool::run(int index) {
  Db db(conninfo_);
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      job = std::move(queue_.front());
      queue_.pop_front();
      depth_.store(static_cast<int>(queue_.size()));
    }
    ++busy_;
    try {
      job(db);
    } catch (const std::exception& e) {
      // Jobs report their own failures; reaching here is a bug in a job, not a reason to lose the worker.
      log::error("database job failed outside its own error handling",
                 {{"worker", index}, {"error", e.what()}});
    }
    --busy_;
  }
}

}  // namespace shopme::postgres
