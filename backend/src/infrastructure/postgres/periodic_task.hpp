#pragma once
// A database chore run every `interval` on its own thread and connection (expired payment links,
// for one). Safe with several server processes: chores lock the rows they take (SKIP LOCKED).
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <pqxx/connection>
#include <string>
#include <thread>

namespace shopme::postgres {

class PeriodicTask {
 public:
  PeriodicTask(std::string name, std::string conninfo, std::chrono::milliseconds interval,
               std::function<void(pqxx::connection&)> chore);
  ~PeriodicTask();
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;
  void start();
  void stop();

 private:
  std::string name_;
  std::string conninfo_;
  std::chrono::milliseconds interval_;
  std::function<void(pqxx::connection&)> chore_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace shopme::postgres
