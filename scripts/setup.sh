#!/usr/bin/env bash
# Installs what ShopMe needs to build, run and test: Debian packages (as root through apt-get,
# otherwise the exact command is printed) and the front-end packages (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libpqxx-dev libpq-dev libsodium-dev libjwt-dev libspdlog-dev libfmt-dev
  libcurl4-openssl-dev libssl-dev libhpdf-dev libgtest-dev libgmock-dev
  postgresql-15 postgresql-contrib
  chromium nginx-light wrk curl
)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing; install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# nginx is only a benchmark reference: keep Debian's default site from holding port 80.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  systemctl disable --now nginx >/dev/null 2>&1 || true
fi

npm_install() {
  local dir=$1
  [[ -f "$dir/package-lock.json" ]] || return 0
  local stamp="$dir/node_modules/.shopme-lock"
  if [[ ! -f "$stamp" ]] || ! cmp -s "$dir/package-lock.json" "$stamp"; then
    echo "setup: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$stamp"
  fi
}
npm_install frontend
npm_install e2e
