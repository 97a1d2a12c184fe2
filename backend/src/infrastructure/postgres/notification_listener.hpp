#pragma once
// LISTEN on PostgreSQL channels from a dedicated thread and connection. This is how every server
// process on one database hears about new messages (to push them to its WebSocket clients) and
// about new jobs (to wake its workers): nothing lives only in the memory of the process that wrote.
#include <atomic>
#include <functional>
#include <string>
#include <thread>
#include <vector>

namespace shopme::postgres {

class NotificationListener {
 public:
  // `sender` is the PostgreSQL backend process id of the connection that sent the notification: a
  // process can recognize what it sent itself (and has already acted on).
  using Callback = std::function<void(const std::string& channel, const std::string& payload, int sender)>;

  NotificationListener(std::string conninfo, std::vector<std::string> channels, Callback callback);
  ~NotificationListener();
  NotificationListener(const NotificationListener&) = delete;
  NotificationListener& operator=(const NotificationListener&) = delete;

  void start();
  void stop();
  // Called after each (re)connection: notifications sent while disconnected are lost, so listeners
  // that must not miss anything (the job workers) catch up here.
  void on_connected(std::function<void()> fn) { on_connected_ = std::move(fn); }

 private:
  void run();
  std::string conninfo_;
  std::vector<std::string> channels_;
  Callback callback_;
  std::function<void()> on_connected_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace shopme::postgres
