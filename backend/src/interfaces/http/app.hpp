#pragma once
// The Beast-free half of the request path: route, middleware, handler, error mapping, access log
// and metrics. The server core (server.cpp) calls decide() for every request, runs a database
// handler on the worker pool when asked, then finish().
#include <chrono>
#include <optional>

#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/message.hpp"
#include "interfaces/http/metrics.hpp"
#include "interfaces/http/router.hpp"
#include "interfaces/http/static_files.hpp"

namespace shopme::http {

class App {
 public:
  App(const Router& router, const AuthGuard& guard, const StaticFiles* static_files, Metrics& metrics)
      : router_(router), guard_(guard), static_files_(static_files), metrics_(metrics) {}

  struct Decision {
    std::optional<Response> response;             // ready now
    const Route* db_route = nullptr;              // run on the database worker pool
    const WebSocketFactory* websocket = nullptr;  // upgrade
    const Route* async_route = nullptr;           // answered later by the route's own component
  };

  Decision decide(Request& req) const;
  Response run_db(Request& req, const Route& route, postgres::Db& db) const;
  Response overloaded(const Request& req) const;
  void finish(const Request& req, Response& res, std::chrono::steady_clock::duration took) const;

 private:
  const Router& router_;
  const AuthGuard& guard_;
  const StaticFiles* static_files_;
  Metrics& metrics_;
};

// A request id the client sent is kept when it is short and plain; otherwise a new one is made.
std::string choose_request_id(std::optional<std::string_view> offered);

}  // namespace shopme::http
