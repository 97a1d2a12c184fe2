#pragma once
// Which WebSocket clients watch which workspace. Events reach it from PostgreSQL NOTIFY (every
// process hears every event), so a client gets the event whichever process wrote it.
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "interfaces/http/websocket.hpp"

namespace shopme::http {

class LiveHub {
 public:
  void join(const std::string& workspace_id, const std::shared_ptr<WebSocketPeer>& peer);
  void leave(const std::string& workspace_id, const WebSocketPeer* peer);
  // `event` is a NOTIFY payload: a JSON object with a workspaceId.
  void publish_event(const std::string& event);
  [[nodiscard]] int clients() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::map<const WebSocketPeer*, std::weak_ptr<WebSocketPeer>>> peers_;
};

}  // namespace shopme::http
