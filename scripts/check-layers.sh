#!/usr/bin/env bash
# Dependencies point inward: domain includes nothing of the outer layers nor I/O libraries;
# application includes no infrastructure or interfaces; only the HTTP core includes Boost.Beast/Asio.
set -euo pipefail
cd "$(dirname "$0")/../backend/src"
fail=0
check() {
  local dir=$1 pattern=$2 why=$3
  if hits=$(grep -rnE "$pattern" "$dir" 2>/dev/null); then
    echo "layer check: $why" >&2
    echo "$hits" >&2
    fail=1
  fi
}
check domain '#include [<"](application|infrastructure|interfaces|config)/|#include <(boost|pqxx|spdlog|curl|sodium|jwt)' \
  "domain must not depend on outer layers or I/O libraries"
check application '#include [<"](infrastructure|interfaces)/|#include <(boost/beast|boost/asio|pqxx)' \
  "application must not depend on infrastructure or interfaces"
check infrastructure '#include [<"]interfaces/|#include <boost/(beast|asio)' \
  "infrastructure must not depend on interfaces or the HTTP core"
beast=$(grep -rlE '#include <boost/(beast|asio)' interfaces | grep -v '^interfaces/http/server.cpp$' || true)
if [[ -n "$beast" ]]; then
  echo "layer check: Boost.Beast/Asio belong to interfaces/http/server.cpp only: $beast" >&2
  fail=1
fi
exit $fail
