#pragma once
// Database work runs here, off the I/O threads: a fixed number of workers, one PostgreSQL
// connection each, and a bounded queue. A full queue is refused at once (the HTTP layer answers 503
// with Retry-After) instead of growing without bound.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/connection>

namespace shopme::postgres {

class DatabaseUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A worker's connection, opened lazily and reopened after it breaks.
class Db {
 public:
  explicit Db(std::string conninfo);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  // Throws DatabaseUnavailable when PostgreSQL cannot be reached.
  pqxx::connection& conn();

 private:
  std::string conninfo_;
  std::unique_ptr<pqxx::connection> conn_;
};

class DbWorkerPool {
 public:
  using Job = std::function<void(Db&)>;

  DbWorkerPool(std::string conninfo, int workers, int queue_capacity);
  ~DbWorkerPool();
  DbWorkerPool(const DbWorkerPool&) = delete;
  DbWorkerPool& operator=(const DbWorkerPool&) = delete;

  // False when the queue is full or the pool is shutting down; the job is not run then.
  [[nodiscard]] bool try_submit(Job job);
  // Runs what is queued, then joins the workers.
  void shutdown();

  [[nodiscard]] int workers() const { return static_cast<int>(threads_.size()); }
  [[nodiscard]] int capacity() const { return capacity_; }
  [[nodiscard]] int queue_depth() const { return depth_.load(); }
  [[nodiscard]] int busy() const { return busy_.load(); }

 private:
  void run(int index);

  std::string conninfo_;
  int capacity_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  std::atomic<int> depth_{0};
  std::atomic<int> busy_{0};
  std::vector<std::thread> threads_;
};

}  // namespace shopme::postgres
