#include "interfaces/http/live_hub.hpp"

#include <boost/json.hpp>
#include <vector>

namespace shopme::http {

void LiveHub::join(const std::string& workspace_id, const std::shared_ptr<WebSocketPeer>& peer) {
  std::lock_guard lock(mutex_);
  peers_[workspace_id][peer.get()] = peer;
}

void LiveHub::leave(const std::string& workspace_id, const WebSocketPeer* peer) {
  std::lock_guard lock(mutex_);
  auto it = peers_.find(workspace_id);
  if (it == peers_.end()) return;
  it->second.erase(peer);
  if (it->second.empty()) peers_.erase(it);
}

void LiveHub::publish_event(const std::string& event) {
  boost::system::error_code ec;
  const auto doc = boost::json::parse(event, ec);
  if (ec || !doc.is_object()) return;
  const auto* ws = doc.as_object().if_contains("workspaceId");
  if (!ws || !ws->is_string()) return;
  std::vector<std::shared_ptr<WebSocketPeer>> targets;
  {
    std::lock_guard lock(mutex_);
    auto it = peers_.find(std::string(ws->as_string()));
    if (it == peers_.end()) return;
    for (const auto& [_, weak] : it->second) {
      if (auto p = weak.lock()) targets.push_back(std::move(p));
    }
  }
  // Sends are queued per connection; a slow client is closed by the server core, not waited for.
  for (const auto& p : targets) p->send(event);
}

int LiveHub::clients() const {
  std::lock_guard lock(mutex_);
  int n = 0;
  for (const auto& [_, m] : peers_) n += static_cast<int>(m.size());
  return n;
}

}  // namespace shopme::http
