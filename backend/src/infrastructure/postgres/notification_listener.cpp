#include "infrastructure/postgres/notification_listener.hpp"

#include <pqxx/pqxx>

#include "infrastructure/logging/log.hpp"

namespace shopme::postgres {
namespace {

class Receiver : public pqxx::notification_receiver {
 public:
  Receiver(pqxx::connection_base& c, const std::string& channel, const NotificationListener::Callback& cb)
      : pqxx::notification_receiver(c, channel), cb_(cb) {}
  void operator()(const std::string& payload, int sender) override { cb_(channel(), payload, sender); }

 private:
  const NotificationListener::Callback& cb_;
};

}  // namespace

NotificationListener::NotificationListener(std::string conninfo, std::vector<std::string> channels,
                                           Callback callback)
    : conninfo_(std::move(conninfo)), channels_(std::move(channels)), callback_(std::move(callback)) {}

NotificationListener::~NotificationListener() { stop(); }

void NotificationListener::start() {
  thread_ = std::thread([this] { run(); });
}

void NotificationListener::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void NotificationListener::run() {
  while (!stopping_) {
    try {
      pqxx::connection conn(conninfo_);
      std::vector<std::unique_ptr<Receiver>> receivers;
      for (const auto& ch : channels_) receivers.push_back(std::make_unique<Receiver>(conn, ch, callback_));
      // LISTEN is sent lazily by libpqxx; a round trip makes sure it is in place before catching up.
      pqxx::nontransaction(conn).exec("SELECT 1");
      if (on_connected_) on_connected_();
      while (!stopping_) conn.await_notification(0, 200'000);
    } catch (const std::exception& e) {
      if (stopping_) break;
      log::warn("notification listener reconnecting", {{"error", e.what()}});
      for (int i = 0; i < 10 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

}  // namespace shopme::postgres
