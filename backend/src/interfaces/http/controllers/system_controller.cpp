#include "interfaces/http/controllers/system_controller.hpp"

#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "config/build_info.hpp"
#include "config/embedded_docs.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "interfaces/http/problem.hpp"

namespace shopme::http {
namespace {

boost::json::array to_array(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

Response SystemController::healthz(const Request&) const { return Response::json(200, R"({"status":"ok"})"); }

Response SystemController::readyz(Request&, postgres::Db& db) const {
  boost::json::object checks;
  bool ready = true;
  try {
    auto& conn = db.conn();
    std::string server_version;
    {
      pqxx::read_transaction tx(conn);
      server_version = tx.exec1("SHOW server_version")[0].as<std::string>();
    }
    checks["database"] = {{"ok", true}, {"detail", "PostgreSQL " + server_version}};
    postgres::MigrationRunner runner(conn, migrations_);
    const auto s = runner.status();
    checks["migrations"] = {{"ok", s.current()},
                            {"applied", s.applied},
                            {"expected", s.expected},
                            {"pending", to_array(s.pending)},
                            {"drifted", to_array(s.drifted)}};
    ready = s.current();
  } catch (const std::exception& e) {
    log::warn("readiness check failed", {{"error", e.what()}});
    checks["database"] = {{"ok", false}, {"detail", "database not reachable"}};
    checks["migrations"] = {{"ok", false},
                            {"applied", 0},
                            {"expected", migrations_.size()},
                            {"pending", boost::json::array{}},
                            {"drifted", boost::json::array{}}};
    ready = false;
  }
  boost::json::object doc{{"status", ready ? "ready" : "not_ready"}, {"checks", std::move(checks)}};
  auto r = Response::json(ready ? 200 : 503, boost::json::serialize(doc));
  r.set_header("Cache-Control", "no-store");
  return r;
}

Response SystemController::version(const Request&) const {
  const auto up =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
  boost::json::object doc{{"name", "shopme"},
                          {"version", build_info::kVersion},
                          {"commit", build_info::kCommit},
                          {"buildTime", build_info::kBuildTime},
                          {"uptimeSeconds", up.count()}};
  return Response::json(200, boost::json::serialize(doc)).set_header("Cache-Control", "no-store");
}

Response SystemController::metrics(const Request&) const {
  return Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
}

Response SystemController::openapi(const Request&) const {
  return Response::json(200, embedded_docs::kOpenApiJson).set_header("Cache-Control", "no-cache");
}

Response SystemController::api_docs(const Request&) const {
  return Response::text(200, embedded_docs::kApiReferenceHtml, "text/html; charset=utf-8")
      .set_header("Cache-Control", "no-cache");
}

}  // namespace shopme::http
