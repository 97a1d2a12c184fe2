#pragma once
// WebSocket facade for features: the server core owns the socket, a feature sees a peer to send to
// and a handler that receives. Sends are thread-safe and queued per connection.
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "interfaces/http/message.hpp"

namespace shopme::http {

class WebSocketPeer {
 public:
  virtual ~WebSocketPeer() = default;
  virtual void send(std::string text) = 0;
  virtual void close() = 0;
};

class WebSocketHandler {
 public:
  virtual ~WebSocketHandler() = default;
  virtual void on_open(std::shared_ptr<WebSocketPeer> peer) = 0;
  virtual void on_message(std::string_view text) = 0;
  virtual void on_close() = 0;
};

// Returns nullptr to refuse the upgrade (the client then gets 403).
using WebSocketFactory = std::function<std::shared_ptr<WebSocketHandler>(const Request&)>;

}  // namespace shopme::http
