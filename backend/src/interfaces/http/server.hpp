#pragma once
// The HTTP/1.1 + WebSocket server core. Boost.Beast/Asio stay inside server.cpp.
#include <cstdint>
#include <functional>
#include <memory>

#include "config/config.hpp"

namespace shopme::postgres {
class DbWorkerPool;
}

namespace shopme::http {

class App;

class Server {
 public:
  Server(const Config& config, const App& app, postgres::DbWorkerPool& pool);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds (with SO_REUSEPORT when configured, so a new release can start beside the old one);
  // returns the bound port.
  std::uint16_t listen();
  // Serves until SIGTERM/SIGINT or stop(): then stops accepting, lets in-flight requests finish
  // (up to the configured grace), closes idle connections and returns.
  void run();
  void stop();
  // Number of requests currently being handled (for tests and shutdown).
  [[nodiscard]] int in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shopme::http
