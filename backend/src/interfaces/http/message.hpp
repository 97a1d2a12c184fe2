#pragma once
// The small request/response facade that controllers see. No Boost.Beast here: the server core
// (server.cpp) converts to and from the wire.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/identity/role.hpp"

namespace shopme::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Who is calling, filled in by the auth guard before a protected handler runs.
struct Principal {
  std::string user_id;
  std::string session_id;
  std::string workspace_id;                      // workspace routes only
  identity::Role role = identity::Role::kAgent;  // role in that workspace
};

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received
  std::string path;    // percent-decoded, without the query
  std::string query;   // raw, without '?'
  HeaderList headers;  // names in lower case
  std::string body;
  std::map<std::string, std::string> params;  // path parameters of the matched route
  std::string route;                          // the matched route's pattern, for metrics and logs
  std::string request_id;
  std::string remote_address;
  std::optional<Principal> principal;

  [[nodiscard]] std::optional<std::string_view> header(std::string_view lower_name) const;
  [[nodiscard]] std::optional<std::string> query_param(std::string_view name) const;
  [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  HeaderList headers;
  std::string body;
  // Shared, immutable bodies (cached static files) are sent without a copy.
  std::shared_ptr<const std::string> shared_body;

  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  static Response empty(int status);

  Response& set_header(std::string name, std::string value);
  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
  [[nodiscard]] std::string_view body_view() const {
    return shared_body ? *shared_body : std::string_view(body);
  }
};

}  // namespace shopme::http
