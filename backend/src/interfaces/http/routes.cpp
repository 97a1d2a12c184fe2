#include "interfaces/http/routes.hpp"

#include "interfaces/http/controllers/system_controller.hpp"

namespace shopme::http {

Router build_routes(const Controllers& c) {
  Router r;
  const auto& sys = c.system;
  // clang-format off
  //       method  pattern           permission              handler
  r.add({"GET", "/healthz",         Permission::kPublic,    [&](Request& q) { return sys.healthz(q); }, {}, {}});
  r.add({"GET", "/readyz",          Permission::kPublic,    {}, [&](Request& q, postgres::Db& db) { return sys.readyz(q, db); }, {}});
  r.add({"GET", "/metrics",         Permission::kPublic,    [&](Request& q) { return sys.metrics(q); }, {}, {}});
  r.add({"GET", "/api/version",     Permission::kPublic,    [&](Request& q) { return sys.version(q); }, {}, {}});
  r.add({"GET", "/ws",              Permission::kPublic,    {}, {}, [&](const Request& q) { return sys.live(q); }});
  // clang-format on
  return r;
}

}  // namespace shopme::http
