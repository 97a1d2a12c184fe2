#!/usr/bin/env bash
# Every test: C++ unit tests (also under AddressSanitizer + UBSan), integration tests on a real
# throw-away PostgreSQL, HTTP end-to-end tests against started servers, front-end unit tests and
# browser tests in headless Chromium. Each suite runs even when an earlier one failed; the exit
# code and the last line say how many suites passed.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${BUILD_DIR:-build}
asan=${ASAN_DIR:-build-asan}

work=$(mktemp -d /tmp/shopme-test-XXXXXX)
chmod 755 "$work"   # the embedded cluster's unprivileged user must reach it when run as root
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  DATABASE_URL= "$build/bin/shopme" db stop --data-dir "$work/cluster" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
failed_names=()
suite() {
  local name=$1
  shift
  echo
  echo "==> $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failed_names+=("$name")
    echo "==> $name FAILED"
  fi
}

sanitized_unit_tests() {
  cmake -S backend -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSHOPME_SANITIZE=ON -DSHOPME_WERROR=ON >/dev/null &&
    cmake --build "$asan" --target unit_tests -- -j"$(nproc)" >/dev/null &&
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 "$asan/bin/unit_tests" --gtest_brief=1
}

start_cluster() {
  SHOPME_CLUSTER_FSYNC=off LOG_LEVEL=warn "$build/bin/shopme" db start --data-dir "$work/cluster"
}

# The server the browser tests use: demo data, built dashboard. The suite clicks through as three
# users quickly, so the per-user API limit is raised for it (the limits have their own tests).
start_server() {
  SHOPME_ADMIN_PASSWORD=shopme-demo-password LOG_LEVEL=warn "$build/bin/shopme" seed --demo --data-dir "$work/server" \
    >/dev/null || return 1
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  SHOPME_STATIC_DIR="$root/frontend/dist" SHOPME_DATA_DIR="$work/server" PORT=$port LOG_LEVEL=warn \
    SHOPME_API_RATE_LIMIT=1000 SHOPME_LOGIN_IP_LIMIT=200 SHOPME_LOGIN_EMAIL_LIMIT=100 \
    SHOPME_ADMIN_PASSWORD=shopme-demo-password "$build/bin/shopme" serve >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
      export SHOPME_BASE_URL="http://127.0.0.1:$port" SHOPME_ADMIN_PASSWORD=shopme-demo-password
      return 0
    fi
    sleep 0.2
  done
  cat "$work/server.log"
  return 1
}

suite "C++ unit tests" ctest --test-dir "$build" -R '^unit$' --output-on-failure
suite "C++ unit tests (ASan + UBSan)" sanitized_unit_tests
suite "C++ integration tests (PostgreSQL)" ctest --test-dir "$build" -R '^integration$' --output-on-failure

if start_cluster; then
  DATABASE_URL=$("$build/bin/shopme" db url --data-dir "$work/cluster")
  export DATABASE_URL
  export SHOPME_BIN="$root/$build/bin/shopme" SHOPME_TEST_TMP="$work" SHOPME_STATIC_DIR="$root/frontend/dist"
  suite "HTTP end-to-end tests" node --test --test-concurrency=1 e2e/http/
  suite "Front-end unit tests" bash -c 'cd frontend && npx vitest run'
  if start_server; then
    suite "Browser tests (Chromium)" bash -c 'cd e2e && npx playwright test --config playwright.config.ts'
  else
    failed=$((failed + 1)); failed_names+=("server for browser tests")
  fi
else
  failed=$((failed + 1)); failed_names+=("test database cluster")
fi

echo
((failed)) && echo "failed suites: ${failed_names[*]}"
echo "suites: $passed passed, $failed failed"
((failed == 0))
