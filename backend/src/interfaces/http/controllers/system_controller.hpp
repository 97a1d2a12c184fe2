#pragma once
// Operations endpoints: liveness, readiness (database + migrations), version, Prometheus metrics.
#include <chrono>
#include <vector>

#include "infrastructure/postgres/migrations.hpp"
#include "interfaces/http/message.hpp"
#include "interfaces/http/metrics.hpp"

namespace shopme::postgres {
class Db;
}

namespace shopme::http {

class SystemController {
 public:
  SystemController(const Metrics& metrics, std::vector<postgres::Migration> migrations)
      : metrics_(metrics), migrations_(std::move(migrations)), started_(std::chrono::steady_clock::now()) {}

  Response healthz(const Request& req) const;
  Response readyz(Request& req, postgres::Db& db) const;
  Response version(const Request& req) const;
  Response metrics(const Request& req) const;
  Response openapi(const Request& req) const;
  Response api_docs(const Request& req) const;

 private:
  const Metrics& metrics_;
  std::vector<postgres::Migration> migrations_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace shopme::http
