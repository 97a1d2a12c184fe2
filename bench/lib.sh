# Shared start-up, clean-up and measuring helpers of the benchmark scripts (bench/run.sh,
# bench/webhook.sh, bench/agent.sh). Sourced, never run: the caller sets ROOT (the repository),
# BIN (the server binary) and `set -euo pipefail`, and opens fd 3 on its stderr (`exec 3>&2`) so
# the exit trap can still report while a command's stderr goes to a file.
#
#   bench_workdir PREFIX    throw-away work directory WORK (+ DB_DIR, SRV_DIR) and the exit trap that
#                           stops the server, the cluster and (through bench_cleanup_hook, when the
#                           caller defines it) anything else the caller started
#   start_db [durable[-tcp]] the embedded PostgreSQL cluster in DB_DIR; sets DB_URL
#   wait_ready URL TENTHS   polls URL/readyz until 200 (TENTHS × 0.1 s), the server still alive
#   login_admin PASSWORD    logs in as the demo administrator (cookie jar JAR); sets WS, the id of the
#                           demo shop "Bottega Italiana"
#   put_json PATH JSON      PUT with the session cookie; fails with the answer on a non-2xx
#   free_port VAR, tree_ticks PID, machine_busy_ticks, pct, other_pct, fmt_ms, kv, metric, status_kb,
#   postmaster_pid, sql, check_server, machine_facts, find_pgbench
[[ -n "${ROOT:-}" && -n "${BIN:-}" ]] || { echo "bench/lib.sh: set ROOT and BIN before sourcing" >&2; exit 1; }

die() {
  echo "bench: $*" >&2
  exit 1
}

find_pgbench() {
  local p
  for p in /usr/lib/postgresql/*/bin/pgbench; do
    [[ -x "$p" ]] && { echo "$p"; return 0; }
  done
  command -v pgbench 2>/dev/null || true
}

# ---------------------------------------------------------------- work directory and clean-up
SERVER_PID=""
DB_STARTED=0
KEEP_WORK=0
SERVER_STOP_TENTHS="${SERVER_STOP_TENTHS:-150}"  # how long the server gets to stop after SIGTERM

bench_cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 "$SERVER_STOP_TENTHS"); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$SERVER_PID" 2>/dev/null && { echo "bench: server ignored SIGTERM for $(( SERVER_STOP_TENTHS / 10 )) s; killing it" >&3; kill -KILL "$SERVER_PID" 2>/dev/null || true; }
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if declare -F bench_cleanup_hook >/dev/null; then bench_cleanup_hook || true; fi
  if (( DB_STARTED )); then
    local out
    if ! out="$(DATABASE_URL= "$BIN" db stop --data-dir "$DB_DIR" 2>&1)"; then
      echo "bench: could not stop the database in $DB_DIR: $out" >&3
      KEEP_WORK=1
    fi
  fi
  if (( KEEP_WORK || (rc != 0 && rc != 130 && rc != 143) )); then
    echo "bench: logs kept in $WORK" >&3
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}

bench_workdir() {  # PREFIX
  WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
  chmod 755 "$WORK"
  DB_DIR="$WORK/db"
  SRV_DIR="$WORK/server"
  mkdir -p "$DB_DIR" "$SRV_DIR"
  chmod 755 "$DB_DIR" "$SRV_DIR"
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# ---------------------------------------------------------------- ports
port_free() { ! ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }
USED_PORTS=" "
free_port() {  # VAR: a free loopback port, different from the ones handed out before
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
    if port_free "$p" && [[ "$USED_PORTS" != *" $p "* ]]; then
      USED_PORTS+="$p "
      printf -v "$1" '%s' "$p"
      return 0
    fi
  done
  die "no free loopback port found"
}

# ---------------------------------------------------------------- CPU and formatting
CLK_TCK="$(getconf CLK_TCK)"
# CPU ticks (utime + stime + cutime + cstime, fields 14-17 of /proc/PID/stat) of a process plus
# those of its live children (postgres backends, nginx workers); one pass over /proc.
tree_ticks() {
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v root="$1" '
    { pid = $1; rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
      if (pid == root || f[2] == root) t += f[12] + f[13] + f[14] + f[15] }
    END { print t + 0 }'
}
# CPU ticks the whole machine spent busy (all cores), from the first line of /proc/stat.
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
pct() { awk -v t="$1" -v hz="$CLK_TCK" -v s="$2" 'BEGIN { printf "%.0f", (s > 0 ? 100 * t / hz / s : 0) }'; }
# What the machine spent on processes other than the ones measured: busy% - target% - pg% - gen%.
other_pct() { awk -v b="$1" -v t="$2" -v p="$3" -v g="$4" 'BEGIN { o = b - t - p - g; printf "%.0f", (o > 0 ? o : 0) }'; }
fmt_ms() { awk -v us="$1" 'BEGIN { if (us < 10000) printf "%.2f ms", us / 1000; else printf "%.1f ms", us / 1000 }'; }
kv() { sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<" $2" | head -1; }
postmaster_pid() { head -1 "$DB_DIR/pg/data/postmaster.pid" 2>/dev/null || echo 0; }
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
metric() { awk -v n="$1" '$1 == n { printf "%.0f", $2 }' "$2"; }

# ---------------------------------------------------------------- machine facts
machine_facts() {  # CPU_MODEL NPROC MEM_GIB KERNEL OS NOW_UTC STAMP LOAD_BEFORE BUSY_BEFORE (2 s sample)
  CPU_MODEL="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -1)"
  NPROC="$(nproc)"
  MEM_GIB="$(awk '/^MemTotal:/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
  KERNEL="$(uname -r)"
  OS="$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")"
  NOW_UTC="$(date -u '+%Y-%m-%d %H:%M UTC')"
  STAMP="$(date -u '+%Y-%m-%dT%H%MZ')"
  LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
  local a b
  a="$(machine_busy_ticks)"; sleep 2; b="$(machine_busy_ticks)"
  BUSY_BEFORE="$(pct $(( b - a )) 2)"
}

# ---------------------------------------------------------------- database
# Plain: the cluster as `shopme db start` makes it (unix socket; fsync as SHOPME_CLUSTER_FSYNC says).
# durable: fsync forced on, unix socket only. durable-tcp: fsync forced on and TCP on 127.0.0.1 as well.
start_db() {  # [durable|durable-tcp]
  DB_STARTED=1   # set first: a start that fails half-way is stopped too
  if [[ "${1:-}" == durable ]]; then
    SHOPME_CLUSTER_FSYNC= SHOPME_CLUSTER_TCP= DATABASE_URL= "$BIN" db start --data-dir "$DB_DIR" >"$WORK/db-start.log" 2>&1 \
      || { cat "$WORK/db-start.log" >&2; die "database did not start"; }
    DB_URL="$(SHOPME_CLUSTER_TCP= DATABASE_URL= "$BIN" db url --data-dir "$DB_DIR")"
  elif [[ "${1:-}" == durable-tcp ]]; then
    SHOPME_CLUSTER_FSYNC= SHOPME_CLUSTER_TCP=1 DATABASE_URL= "$BIN" db start --data-dir "$DB_DIR" >"$WORK/db-start.log" 2>&1 \
      || { cat "$WORK/db-start.log" >&2; die "database did not start"; }
    DB_URL="$(SHOPME_CLUSTER_TCP=1 DATABASE_URL= "$BIN" db url --data-dir "$DB_DIR")"
  else
    DATABASE_URL= "$BIN" db start --data-dir "$DB_DIR" >"$WORK/db-start.log" 2>&1 || { cat "$WORK/db-start.log" >&2; die "database did not start"; }
    DB_URL="$(DATABASE_URL= "$BIN" db url --data-dir "$DB_DIR")"
  fi
  [[ -n "$DB_URL" ]] || die "could not read the database connection string"
}
sql() { "$PSQL" "$DB_URL" -qtAX -c "$1"; }

# Loads pg_stat_statements (the cluster restarts), tracking nothing until the caller turns it on
# (`pg_stat_statements.track`, a reload). The benchmark's own queries (psql, pgbench) stay out of it:
# PGOPTIONS turns tracking off for every session the benchmark opens. False when it is not installed.
load_statement_stats() {  # the start_db mode
  [[ -n "$(ls /usr/lib/postgresql/*/lib/pg_stat_statements.so 2>/dev/null | head -1 || true)" ]] || return 1
  sql "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'" >/dev/null
  DATABASE_URL= "$BIN" db stop --data-dir "$DB_DIR" >"$WORK/db-stop.log" 2>&1 || { cat "$WORK/db-stop.log" >&2; die "could not restart the database"; }
  start_db "$1"
  sql "ALTER SYSTEM SET pg_stat_statements.track = 'none'" >/dev/null
  sql "ALTER SYSTEM SET pg_stat_statements.track_utility = on" >/dev/null
  sql "ALTER SYSTEM SET pg_stat_statements.track_planning = off" >/dev/null
  sql "SELECT pg_reload_conf()" >/dev/null
  sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
  export PGOPTIONS="-c pg_stat_statements.track=none"
}

# ---------------------------------------------------------------- server
# Stops the benchmark with the server's exit status if the server is gone.
check_server() {
  kill -0 "$SERVER_PID" 2>/dev/null && return 0
  local status=0 how
  wait "$SERVER_PID" 2>/dev/null || status=$?
  SERVER_PID=""
  how="exit status $status"
  (( status > 128 )) && how="$how, killed by SIG$(kill -l $(( status - 128 )) 2>/dev/null || echo "?")"
  (( status == 0 )) && how="$how (a clean exit: it shut down gracefully, e.g. after SIGTERM or SIGINT)"
  echo "bench: the ShopMe server exited during the benchmark at $(date -u +%H:%M:%S) UTC: $how" >&2
  echo "bench: last lines of its log:" >&2
  tail -50 "$WORK/server.log" >&2
  exit 1
}

wait_ready() {  # URL TENTHS
  for _ in $(seq 1 "$2"); do
    check_server
    [[ "$("$CURL" -s -o /dev/null -w '%{http_code}' --max-time 2 "$1/readyz" || true)" == 200 ]] && return 0
    sleep 0.1
  done
  cat "$WORK/server.log" >&2
  die "server not ready after $(( $2 / 10 )) s (GET /readyz)"
}

# ---------------------------------------------------------------- dashboard API
login_admin() {  # PASSWORD; needs BASE
  JAR="$WORK/cookies"
  local login
  login="$("$CURL" -fsS -c "$JAR" -H 'content-type: application/json' -H 'x-requested-with: shopme' \
    -d "{\"email\":\"admin@shopme.test\",\"password\":\"$1\"}" "$BASE/api/auth/login")" || die "login failed"
  WS="$("$NODE" -e 'const a = JSON.parse(process.argv[1]); const m = (a.memberships || a.user?.memberships || []).find((x) => x.workspaceName === "Bottega Italiana"); console.log(m ? m.workspaceId : "")' "$login")"
  [[ -n "$WS" ]] || die "no 'Bottega Italiana' membership in the login answer: $login"
}

put_json() {  # PATH JSON
  local code
  code="$("$CURL" -sS -o "$WORK/put.json" -w '%{http_code}' -b "$JAR" -X PUT -H 'content-type: application/json' -H 'x-requested-with: shopme' \
    -d "$2" "$BASE$1")"
  [[ "$code" == 2* ]] || { cat "$WORK/put.json" >&2; die "PUT $1 answered $code"; }
}
