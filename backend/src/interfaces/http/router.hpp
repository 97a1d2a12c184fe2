#pragma once
// One route table (routes.cpp) readable top to bottom: method, pattern, permission, handler.
// A route without a declared permission is refused at registration.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "interfaces/http/message.hpp"
#include "interfaces/http/websocket.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

enum class Permission {
  kUnset,          // never valid: forces every route to say who may call it
  kPublic,         // no login (health, webhooks with their own signatures, public links)
  kAuthenticated,  // any logged-in user
  kWorkspace,      // a member of {workspaceId} whose role allows the route's action
};

// Which rate limit a route counts against (the guard applies it).
enum class Limit { kNone, kGeneral };

using InlineHandler = std::function<Response(Request&)>;             // runs on the I/O thread: no blocking
using DbHandler = std::function<Response(Request&, postgres::Db&)>;  // runs on the database worker pool
// Hands the request to a component with its own threads (the webhook ingestion's group commit);
// `respond` may be called from any thread, exactly once. The request outlives the call.
using Respond = std::function<void(Response)>;
using AsyncHandler = std::function<void(Request&, Respond respond)>;

struct Route {
  std::string method;
  std::string pattern;  // "/api/things/{id}"
  Permission permission = Permission::kUnset;
  InlineHandler inline_handler;
  DbHandler db_handler;
  WebSocketFactory websocket;
  AsyncHandler async_handler;
  identity::Action action = identity::Action::kViewWorkspace;  // with kWorkspace
  Limit limit = Limit::kNone;
  bool csrf_exempt = false;  // state-changing requests need Origin or X-Requested-With otherwise
};

struct Match {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed_methods;  // when the path matched but the method did not
};

class Router {
 public:
  void add(Route route);
  [[nodiscard]] Match match(std::string_view method, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;
};

}  // namespace shopme::http
