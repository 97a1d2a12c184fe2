#pragma once
#include "interfaces/http/router.hpp"

namespace shopme::http {

class SystemController;

struct Controllers {
  const SystemController& system;
};

// The whole route table: every route with its permission, in one place.
Router build_routes(const Controllers& c);

}  // namespace shopme::http
