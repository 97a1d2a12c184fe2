#pragma once
// The live-updates WebSocket (/ws?workspaceId=…): hello and ping/pong for everyone logged in; with a
// workspace id, membership is checked on a database worker and the client then receives that
// workspace's events (new messages, status changes, assignment, mode) and nothing else.
#include <memory>

#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/live_hub.hpp"
#include "interfaces/http/websocket.hpp"

namespace shopme::postgres {
class DbWorkerPool;
}

namespace shopme::http {

class LiveController {
 public:
  LiveController(const AuthGuard& guard, postgres::DbWorkerPool& pool, LiveHub& hub)
      : guard_(guard), pool_(pool), hub_(hub) {}
  std::shared_ptr<WebSocketHandler> open(const Request& req) const;

 private:
  const AuthGuard& guard_;
  postgres::DbWorkerPool& pool_;
  LiveHub& hub_;
};

}  // namespace shopme::http
