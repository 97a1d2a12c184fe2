#include "infrastructure/postgres/periodic_task.hpp"

#include <memory>

#include "infrastructure/logging/log.hpp"

namespace shopme::postgres {

PeriodicTask::PeriodicTask(std::string name, std::string conninfo, std::chrono::milliseconds interval,
                           std::function<void(pqxx::connection&)> chore)
    : name_(std::move(name)), conninfo_(std::move(conninfo)), interval_(interval), chore_(std::move(chore)) {}

PeriodicTask::~PeriodicTask() { stop(); }

void PeriodicTask::start() {
  thread_ = std::thread([this] {
    std::unique_ptr<pqxx::connection> conn;
    while (true) {
      {
        std::unique_lock lock(mutex_);
        if (cv_.wait_for(lock, interval_, [&] { return stopping_; })) return;
      }
      try {
        if (!conn || !conn->is_open()) conn = std::make_unique<pqxx::connection>(conninfo_);
        chore_(*conn);
      } catch (const std::exception& e) {
        log::warn("periodic task failed; next round will retry", {{"task", name_}, {"error", e.what()}});
        conn.reset();
      }
    }
  });
}

void PeriodicTask::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace shopme::postgres
