#include "interfaces/http/router.hpp"

#include <stdexcept>

namespace shopme::http {
namespace {

std::vector<std::string_view> split(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    const auto next = path.find('/', i);
    const auto end = next == std::string_view::npos ? path.size() : next;
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

bool is_param(std::string_view seg) { return seg.size() > 2 && seg.front() == '{' && seg.back() == '}'; }

}  // namespace

void Router::add(Route route) {
  if (route.permission == Permission::kUnset) {
    throw std::logic_error("route " + route.method + " " + route.pattern + " declares no permission");
  }
  const int handlers = (route.inline_handler ? 1 : 0) + (route.db_handler ? 1 : 0) +
                       (route.websocket ? 1 : 0) + (route.async_handler ? 1 : 0);
  if (handlers != 1)
    throw std::logic_error("route " + route.method + " " + route.pattern + " needs one handler");
  for (const auto& r : routes_) {
    if (r.method == route.method && r.pattern == route.pattern) {
      throw std::logic_error("route registered twice: " + route.method + " " + route.pattern);
    }
  }
  if (route.permission == Permission::kWorkspace &&
      route.pattern.find("{workspaceId}") == std::string::npos) {
    throw std::logic_error("workspace route " + route.pattern + " has no {workspaceId}");
  }
  std::vector<std::string> segs;
  for (auto s : split(route.pattern)) segs.emplace_back(s);
  segments_.push_back(std::move(segs));
  routes_.push_back(std::move(route));
}

Match Router::match(std::string_view method, std::string_view path) const {
  Match result;
  const auto parts = split(path);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto& segs = segments_[i];
    if (segs.size() != parts.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t j = 0; j < segs.size() && ok; ++j) {
      if (is_param(segs[j])) {
        params[segs[j].substr(1, segs[j].size() - 2)] = std::string(parts[j]);
      } else {
        ok = segs[j] == parts[j];
      }
    }
    if (!ok) continue;
    const auto& r = routes_[i];
    if (r.method == method || (method == "HEAD" && r.method == "GET")) {
      result.route = &r;
      result.params = std::move(params);
      result.allowed_methods.clear();
      return result;
    }
    result.allowed_methods.push_back(r.method);
  }
  return result;
}

}  // namespace shopme::http
