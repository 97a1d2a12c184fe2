#include "interfaces/http/app.hpp"

#include <pqxx/except>
#include <random>

#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

Response guarded(Request& req, const std::function<Response()>& body) {
  try {
    return body();
  } catch (const postgres::DatabaseUnavailable& e) {
    log::error("database unavailable", {{"error", e.what()}, {"route", req.route}});
    return problem(req, 503, "The database is not reachable right now; try again shortly.",
                   "database-unavailable")
        .set_header("Retry-After", "5");
  } catch (const pqxx::broken_connection& e) {
    log::error("database connection lost", {{"error", e.what()}, {"route", req.route}});
    return problem(req, 503, "The database connection was lost; try again.", "database-unavailable")
        .set_header("Retry-After", "1");
  } catch (const pqxx::data_exception& e) {
    // A value the handler let through was refused by PostgreSQL (a date out of range, say): the
    // client's input, not the server, is at fault, and nothing was written.
    log::warn("database refused a value", {{"error", e.what()}, {"route", req.route}});
    return problem(req, 400, "A value in the request is out of range or malformed.", "invalid-value");
  } catch (const std::exception& e) {
    // The client gets the request id to quote; the log gets the reason.
    log::error("unhandled error", {{"error", e.what()}, {"route", req.route}, {"method", req.method}});
    return problem(
        req, 500, "An unexpected error occurred. Quote request id " + req.request_id + " when reporting it.");
  }
}

}  // namespace

std::string choose_request_id(std::optional<std::string_view> offered) {
  if (offered && !offered->empty() && offered->size() <= 64) {
    bool sane = true;
    for (char c : *offered) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) {
        sane = false;
        break;
      }
    }
    if (sane) return std::string(*offered);
  }
  // Request ids correlate logs; they are not secrets, so a fast per-thread generator is enough.
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(16, '0');
  auto v = rng();
  for (auto& c : id) {
    c = kHex[v & 0xf];
    v >>= 4;
  }
  return id;
}

App::Decision App::decide(Request& req) const {
  Decision d;
  auto match = router_.match(req.method, req.path);
  if (match.route) {
    req.route = match.route->pattern;
    req.params = std::move(match.params);
    const auto& r = *match.route;
    if (auto refused = guard_.check_csrf(req, r)) {
      d.response = std::move(*refused);
      return d;
    }
    if (r.db_handler) {
      d.db_route = &r;
    } else if (r.async_handler) {
      d.async_route = &r;
    } else if (r.websocket) {
      if (r.permission != Permission::kPublic && !guard_.access_claims(req)) {
        d.response = problem(req, 401, "Log in to continue.", "unauthenticated");
        return d;
      }
      d.websocket = &r.websocket;
    } else {
      d.response = guarded(req, [&] { return r.inline_handler(req); });
    }
    return d;
  }
  if (!match.allowed_methods.empty()) {
    std::string allow;
    for (const auto& m : match.allowed_methods) allow += (allow.empty() ? "" : ", ") + m;
    req.route = "method-not-allowed";
    d.response = problem(req, 405, "This resource does not support " + req.method + "; use " + allow + ".")
                     .set_header("Allow", allow);
    return d;
  }
  if (static_files_) {
    if (auto r = static_files_->serve(req)) {
      req.route = "static";
      d.response = std::move(*r);
      return d;
    }
  }
  req.route = "unmatched";
  d.response = problem(req, 404, "No resource at " + req.path + ".");
  return d;
}

Response App::run_db(Request& req, const Route& route, postgres::Db& db) const {
  log::ScopedRequestId scope(req.request_id);
  return guarded(req, [&] {
    HeaderList limit_headers;
    Response res;
    if (auto refused = guard_.authorize(req, route, db, limit_headers)) {
      res = std::move(*refused);
    } else {
      res = route.db_handler(req, db);
    }
    for (auto& h : limit_headers) res.headers.push_back(std::move(h));
    return res;
  });
}

Response App::overloaded(const Request& req) const {
  return problem(req, 503, "The server is busy; try again shortly.", "overloaded")
      .set_header("Retry-After", "1");
}

void App::finish(const Request& req, Response& res, std::chrono::steady_clock::duration took) const {
  res.set_header("X-Request-Id", req.request_id);
  res.headers.emplace_back("X-Content-Type-Options", "nosniff");
  res.headers.emplace_back("Referrer-Policy", "strict-origin-when-cross-origin");
  res.headers.emplace_back("X-Frame-Options", "DENY");
  const double seconds = std::chrono::duration<double>(took).count();
  metrics_.observe(req.method, req.route.empty() ? "unmatched" : req.route, res.status, seconds);
  if (log::enabled(log::Level::kInfo)) {
    log::info("request", {{"request_id", req.request_id},
                          {"method", req.method},
                          {"path", req.path},
                          {"route", req.route},
                          {"status", res.status},
                          {"duration_ms", seconds * 1000.0},
                          {"bytes", res.body_view().size()},
                          {"remote", req.remote_address}});
  }
}

}  // namespace shopme::http
