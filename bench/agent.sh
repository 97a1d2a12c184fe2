#!/usr/bin/env bash
# AI-agent turn benchmark: the server's own time per agent turn, from the webhook that brings a
# customer's message to the reply handed to the WhatsApp Cloud API, with the offline agent and with
# an instant fake language model, at BENCH_CONVERSATIONS (200) concurrent conversations.
#
# Starts a throw-away embedded PostgreSQL cluster (durable: fsync on) and the ShopMe server with the
# demo data on loopback; registers BENCH_CONVERSATIONS customers (with consent) in SQL and gives each
# an open bot conversation; raises product stock, the workspace API limit and the channel's
# throughput and abuse limits so no throttle is what is measured; points the demo shop's WhatsApp
# channel at a fake Graph API and the agent, in turn, at the offline agent ("builtin") or at a fake
# OpenAI-compatible model. bench/agent-load.mjs runs the fakes (in worker threads; both answer at
# once) and the simulated customers: each a closed loop that sends one signed webhook message
# (a distinct message id each time), waits until the reply addressed to it reaches the fake Graph
# API, then sends the next. Per repeat:
#   commit   a reference for the machine: one durable single-row commit (pgbench, one client);
#   rtt      another: one round trip to PostgreSQL (pgbench, SELECT 1), back to back and at 40 a
#            second (both ends asleep in between, as in the paced runs);
#   ref      the reference at the same concurrency: the same customers redelivering a message
#            already stored (the webhook acknowledgement alone: raw event stored, no message, no job,
#            no reply), latency of the acknowledgement;
#   builtin  the offline agent, every customer writing again as soon as answered: own time per turn,
#            from the moment the webhook request is written to the moment the reply's request body
#            has reached the fake Graph API;
#   llm      the same with the fake model (one tool round: search_products, then a text answer);
# (ref, builtin, llm in rotating order) and then:
#   paced-builtin, paced-llm  the same customers pausing BENCH_THINK_MS on average (uniform in
#            [0.5, 1.5] ×) between a reply and their next message, as people do (0: not measured);
#   solo-builtin, solo-llm    one turn at a time, the customers taking turns (BENCH_SOLO=1).
# Each run: BENCH_WARMUP seconds not counted (at least 1.5 pauses when pacing), BENCH_DURATION
# seconds measured, then the turns in flight finish. Per turn the server's own record (inbound row
# created_at, reply row created_at, sending_started_at) splits the time into phases. After the
# repeats, with BENCH_PROFILE=1, builtin and llm once more and solo-builtin with pg_stat_statements
# tracking: statements, calls, execution and planning time per turn, PostgreSQL CPU by process.
# Results: tables on stdout and bench/results/agent-<UTC time>.md.
#
# Environment (all optional):
#   BENCH_REPEAT         repeats of every measurement (medians reported)            (default 3)
#   BENCH_DURATION       measured seconds per run                                    (default 10)
#   BENCH_WARMUP         seconds per run before measuring                            (default 2)
#   BENCH_CONVERSATIONS  concurrent conversations                                    (default 200)
#   BENCH_THINK_MS       mean pause between a reply and the next message, paced runs (default 5000; 0: none)
#   BENCH_SOLO           1: also one turn at a time, per agent                       (default 1)
#   BENCH_PROFILE        1: pg_stat_statements pass after the repeats                (default 1)
#   BENCH_PROFILE_TOP    statements listed per profile run                           (default 15)
#   BENCH_PROFILE_NESTED 1: the profile also times the statements inside functions   (default 0)
#                        (track = all; listed with the top-level ones, marked "in a function")
#   BENCH_DRAIN          seconds the job queue gets to empty after a run             (default 10)
#   SHOPME_IO_THREADS (2), SHOPME_DB_WORKERS (4), SHOPME_INGEST_THREADS (1), SHOPME_JOB_WORKERS (4)
#   BENCH_BIN            server binary                                               (default build/bin/shopme)
#   BENCH_RESULTS_DIR    where the results file goes                                 (default bench/results)
set -euo pipefail
exec 3>&2

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${BENCH_BIN:-$ROOT/build/bin/shopme}"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

REPEAT="${BENCH_REPEAT:-3}"
DURATION="${BENCH_DURATION:-10}"; DURATION="${DURATION%s}"
WARMUP="${BENCH_WARMUP:-2}"; WARMUP="${WARMUP%s}"
CONVERSATIONS="${BENCH_CONVERSATIONS:-200}"
THINK_MS="${BENCH_THINK_MS:-5000}"
SOLO="${BENCH_SOLO:-1}"
PROFILE="${BENCH_PROFILE:-1}"
PROFILE_TOP="${BENCH_PROFILE_TOP:-15}"
PROFILE_NESTED="${BENCH_PROFILE_NESTED:-0}"
DRAIN="${BENCH_DRAIN:-10}"
IO_THREADS="${SHOPME_IO_THREADS:-2}"
DB_WORKERS="${SHOPME_DB_WORKERS:-4}"
INGEST_THREADS="${SHOPME_INGEST_THREADS:-1}"
JOB_WORKERS="${SHOPME_JOB_WORKERS:-4}"
RESULTS_DIR="${BENCH_RESULTS_DIR:-$ROOT/bench/results}"
SECRET="bench-secret"
TOKEN="bench-token"
PHONE_ID="106540000000001"
FIRST_WA=393500000001
PASSWORD="bench-password-$RANDOM$RANDOM"

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
for v in REPEAT DURATION WARMUP CONVERSATIONS THINK_MS SOLO PROFILE PROFILE_TOP PROFILE_NESTED DRAIN IO_THREADS DB_WORKERS INGEST_THREADS JOB_WORKERS; do
  is_uint "${!v}" || die "$v must be a non-negative integer (got '${!v}')"
done
(( REPEAT >= 1 && REPEAT <= 5 )) || die "BENCH_REPEAT must be 1..5"
(( DURATION >= 1 && DURATION <= 60 )) || die "BENCH_DURATION must be 1..60 seconds"
(( WARMUP <= 30 )) || die "BENCH_WARMUP is capped at 30 seconds"
(( CONVERSATIONS >= 1 && CONVERSATIONS <= 1000 )) || die "BENCH_CONVERSATIONS must be 1..1000"
(( THINK_MS <= 20000 )) || die "BENCH_THINK_MS is capped at 20000"
(( SOLO <= 1 && PROFILE <= 1 && PROFILE_NESTED <= 1 )) || die "BENCH_SOLO and BENCH_PROFILE are 0 or 1"
(( DRAIN <= 60 )) || die "BENCH_DRAIN is capped at 60 seconds"
SOLO_DURATION=$(( DURATION / 2 > 3 ? DURATION / 2 : 3 ))
PACED_WARMUP=$(( (THINK_MS * 3 / 2 + 999) / 1000 ))
(( PACED_WARMUP > WARMUP )) || PACED_WARMUP="$WARMUP"
(( IO_THREADS >= 1 && DB_WORKERS >= 1 && INGEST_THREADS >= 1 && JOB_WORKERS >= 1 )) || die "server thread counts must be at least 1"

# ---------------------------------------------------------------- tools
PSQL="$(command -v psql || true)"
CURL="$(command -v curl || true)"
NODE="$(command -v node || true)"
missing=()
[[ -n "$PSQL" ]] || missing+=(psql)
[[ -n "$CURL" ]] || missing+=(curl)
[[ -n "$NODE" ]] || missing+=(node)
(( ${#missing[@]} == 0 )) || die "missing tools: ${missing[*]} (apt-get install -y postgresql-15 curl nodejs)"
[[ -x "$BIN" ]] || die "no server binary at $BIN; build it with 'make build'"
PGBENCH="$(find_pgbench)"  # optional: the one-commit reference
LOAD="$ROOT/bench/agent-load.mjs"
[[ -f "$LOAD" ]] || die "$LOAD is missing"

# ---------------------------------------------------------------- work directory, clean-up on exit
bench_workdir shopme-bench-agent
# Run a copy: the build in the work tree may be replaced while the benchmark runs.
cp "$BIN" "$WORK/shopme" || die "could not copy $BIN"
BIN="$WORK/shopme"
"$BIN" version >/dev/null 2>&1 || die "the server binary does not run (being rebuilt? try again in a minute)"

# ---------------------------------------------------------------- machine facts
machine_facts
NODE_VERSION="$("$NODE" --version)"
SERVER_VERSION="$( { "$BIN" version 2>/dev/null || true; } | head -1)"
CURL_VERSION="$( { "$CURL" --version 2>/dev/null || true; } | head -1 | awk '{ print $2 }')"
echo "== machine: $CPU_MODEL, $NPROC cores, ${MEM_GIB} GiB, $OS / $KERNEL; load $LOAD_BEFORE; CPU busy before start ${BUSY_BEFORE}%"
(( BUSY_BEFORE <= 20 )) || echo "bench: warning: the machine is not idle (${BUSY_BEFORE}% CPU busy before start); figures will be noisy" >&2

# ---------------------------------------------------------------- database (durable: fsync on)
echo "== starting PostgreSQL (embedded cluster, fsync on, unix socket)"
start_db durable
# Loaded now, tracking nothing until the profile pass turns it on (a reload, no restart).
if (( PROFILE )) && ! load_statement_stats durable; then
  echo "bench: pg_stat_statements is not installed; no statement profile" >&2
  PROFILE=0
fi
FSYNC="$(sql 'SHOW fsync')"; SYNC_COMMIT="$(sql 'SHOW synchronous_commit')"; WAL_SYNC="$(sql 'SHOW wal_sync_method')"
[[ "$FSYNC" == on && "$SYNC_COMMIT" == on ]] || die "the cluster runs with fsync=$FSYNC synchronous_commit=$SYNC_COMMIT; this benchmark needs durable commits"
PG_SERVER_VERSION="$(sql 'SHOW server_version')"
# The one-commit reference runs in a database of its own in the same cluster.
if [[ -n "$PGBENCH" ]]; then
  sql "CREATE DATABASE bench_commit" >/dev/null
  COMMIT_URL="$(sed 's/dbname=[^ ]*/dbname=bench_commit/' <<<"$DB_URL")"
  [[ "$COMMIT_URL" == *dbname=bench_commit* ]] || COMMIT_URL="$DB_URL dbname=bench_commit"
  "$PSQL" "$COMMIT_URL" -qtAX -c "CREATE TABLE commits (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())" >/dev/null
  printf 'INSERT INTO commits DEFAULT VALUES;\n' >"$WORK/commit.sql"
  printf 'SELECT 1;\n' >"$WORK/rtt.sql"
  PG_VERSION="$( { "$PGBENCH" --version || true; } | awk '{ print $3 }')"
fi

# ---------------------------------------------------------------- server, on the demo data
PGOPTIONS= DATABASE_URL="$DB_URL" LOG_LEVEL=warn SHOPME_ADMIN_PASSWORD="$PASSWORD" "$BIN" seed --demo --data-dir "$SRV_DIR" >"$WORK/seed.log" 2>&1 \
  || { cat "$WORK/seed.log" >&2; die "seeding the demo data failed"; }
free_port SERVER_PORT
free_port GRAPH_PORT
free_port LLM_PORT
echo "== starting ShopMe on 127.0.0.1:$SERVER_PORT (fake Graph API on :$GRAPH_PORT, fake model on :$LLM_PORT)"
PGOPTIONS= DATABASE_URL="$DB_URL" PORT="$SERVER_PORT" SHOPME_BIND=127.0.0.1 LOG_LEVEL=warn SHOPME_ADMIN_PASSWORD="$PASSWORD" \
  SHOPME_IO_THREADS="$IO_THREADS" SHOPME_DB_WORKERS="$DB_WORKERS" SHOPME_INGEST_THREADS="$INGEST_THREADS" \
  SHOPME_JOB_WORKERS="$JOB_WORKERS" SHOPME_STATIC_DIR="$WORK/no-dashboard" SHOPME_API_RATE_LIMIT=100000 \
  SHOPME_LOGIN_IP_LIMIT=100000 SHOPME_LOGIN_EMAIL_LIMIT=100000 \
  "$BIN" serve --data-dir "$SRV_DIR" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$SERVER_PORT"
wait_ready "$BASE" 600

# ---------------------------------------------------------------- shop, channel, customers
login_admin "$PASSWORD"
put_json "/api/workspaces/$WS/channels/whatsapp" \
  "{\"phoneNumberId\":\"$PHONE_ID\",\"apiBaseUrl\":\"http://127.0.0.1:$GRAPH_PORT/v21.0\",\"accessToken\":\"$TOKEN\",\"appSecret\":\"$SECRET\",\"enabled\":true,\"welcomeMessage\":\"\",\"inactiveMessage\":\"\",\"messagesPerSecond\":1000,\"abuseMaxMessagesPerMinute\":10000}"
AGENT_BUILTIN='{"provider":"builtin"}'
AGENT_LLM="{\"provider\":\"openai-compatible\",\"baseUrl\":\"http://127.0.0.1:$LLM_PORT/v1\",\"model\":\"bench-model\",\"debug\":false}"
set_agent() {  # builtin|llm
  login_admin "$PASSWORD"  # a fresh session each time: the invocation outlives an access token
  if [[ "$1" == llm ]]; then put_json "/api/workspaces/$WS/agent" "$AGENT_LLM"; else put_json "/api/workspaces/$WS/agent" "$AGENT_BUILTIN"; fi
}
# Registered customers with consent, one open bot conversation each (already welcomed), as a shop
# that has been running has them; stock that no cart runs out of; no per-workspace API limit.
sql "
  UPDATE workspaces SET api_rate_limit = 100000;
  UPDATE products SET stock = 1000000 WHERE workspace_id = '$WS';
  INSERT INTO customers (workspace_id, name, phone, whatsapp_id, language, registered_at, gdpr_consent_at, gdpr_consent_version)
  SELECT '$WS', 'Cliente ' || g, '+' || ($FIRST_WA + g), ($FIRST_WA + g)::text, CASE WHEN g % 4 = 3 THEN 'en' ELSE 'it' END, now(), now(), 'v1'
    FROM generate_series(0, $CONVERSATIONS - 1) g;
  INSERT INTO conversations (workspace_id, customer_id, welcomed_at)
  SELECT '$WS', id, now() FROM customers WHERE workspace_id = '$WS' AND whatsapp_id::bigint BETWEEN $FIRST_WA AND $FIRST_WA + $CONVERSATIONS - 1;
" >/dev/null
[[ "$(sql "SELECT count(*) FROM conversations c JOIN customers cu ON cu.workspace_id = c.workspace_id AND cu.id = c.customer_id WHERE cu.registered_at IS NOT NULL AND cu.whatsapp_id LIKE '3935%'")" == "$CONVERSATIONS" ]] \
  || die "the bench customers were not prepared"

echo "server:      $SERVER_VERSION; io threads $IO_THREADS, db workers $DB_WORKERS, ingest threads $INGEST_THREADS, job workers $JOB_WORKERS, LOG_LEVEL=warn"
echo "database:    fsync=$FSYNC synchronous_commit=$SYNC_COMMIT wal_sync_method=$WAL_SYNC; PostgreSQL $PG_SERVER_VERSION"
echo "plan:        $REPEAT repeats of: commit; ref, builtin, llm at $CONVERSATIONS conversations$( (( THINK_MS )) && echo "; builtin and llm paced (${THINK_MS} ms between messages)")$( (( SOLO )) && echo "; builtin and llm one turn at a time"); ${WARMUP} s warm-up + ${DURATION} s measured each"

# ---------------------------------------------------------------- measurements
RAW="$WORK/raw.txt"
: >"$RAW"
SEQ=0

jobs_left() { sql "SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')"; }
drain_jobs() {  # waits (at most DRAIN s) until no job is queued or running; prints what is left
  local left
  for _ in $(seq 1 $(( DRAIN * 5 ))); do
    left="$(jobs_left)"
    (( left == 0 )) && break
    sleep 0.2
  done
  echo "$left"
}
# PostgreSQL's processes: "pid kind ticks"; "ended" is the CPU of children that exited (autovacuum
# workers), from the postmaster's cutime + cstime.
pg_procs() {
  local pm pid kind ticks cmd
  pm="$(postmaster_pid)"
  { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk -v pm="$pm" '
    { pid = $1; rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
      if (pid == pm) { print pid, "postmaster", f[12] + f[13]; print "0", "ended-children", f[14] + f[15] }
      else if (f[2] == pm) print pid, "child", f[12] + f[13] }' |
  while read -r pid kind ticks; do
    if [[ "$kind" == child ]]; then
      cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
      case "$cmd" in
        *autovacuum*) kind=autovacuum ;;
        *walwriter*) kind=walwriter ;;
        *checkpointer*) kind=checkpointer ;;
        *"background writer"*) kind=bgwriter ;;
        *"[local]"*|*"("*")"*) kind=backends ;;
        *) kind=other ;;
      esac
    fi
    echo "$pid $kind $ticks"
  done
}
# "kind:ms,kind:ms…": CPU milliseconds per turn by kind of PostgreSQL process between two pg_procs.
pg_kinds_per() {  # before after turns
  awk -v hz="$CLK_TCK" -v n="$3" 'NR == FNR { b[$1] = $3; next }
    { d = $3 - (($1 in b) ? b[$1] : 0); if (d > 0) k[$2] += d }
    END { sep = ""; for (x in k) { printf "%s%s:%.2f", sep, x, 1000 * k[x] / hz / n; sep = "," } }' "$1" "$2"
}
pg_counters() { sql "SELECT d.xact_commit, w.wal_sync, w.wal_write FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = current_database()" | tr '|' ' '; }

# Per-turn phases from the server's own record, for the turns of one run: prints k=v (µs).
phases() {  # turns-file
  "$PSQL" "$DB_URL" -qtAX -v ON_ERROR_STOP=1 <<EOF | tr '|' ' '
CREATE TEMP TABLE t (id text, opaque text, t_send float8, t_ack float8, t_reply float8);
\\copy t FROM '$1'
WITH j AS (
  SELECT t.t_send, t.t_ack, t.t_reply, extract(epoch FROM i.created_at)::float8 AS t_in,
         extract(epoch FROM o.created_at)::float8 AS t_out, extract(epoch FROM o.sending_started_at)::float8 AS t_sending
    FROM t
    JOIN messages i ON i.workspace_id = '$WS' AND i.provider_message_id = t.id
    JOIN messages o ON o.workspace_id = '$WS' AND o.direction = 'outbound' AND o.id::text = t.opaque
), p AS (
  SELECT t_in - t_send AS a, t_ack - t_in AS b, t_out - t_in AS c, t_sending - t_out AS d, t_reply - t_sending AS e,
         t_reply - t_in AS own
    FROM j
)
SELECT 'matched=' || count(*),
       'a_p50=' || round(1e6 * percentile_cont(0.5) WITHIN GROUP (ORDER BY a)), 'a_mean=' || round(1e6 * avg(a)),
       'b_p50=' || round(1e6 * percentile_cont(0.5) WITHIN GROUP (ORDER BY b)), 'b_mean=' || round(1e6 * avg(b)),
       'c_p50=' || round(1e6 * percentile_cont(0.5) WITHIN GROUP (ORDER BY c)), 'c_mean=' || round(1e6 * avg(c)),
       'd_p50=' || round(1e6 * percentile_cont(0.5) WITHIN GROUP (ORDER BY d)), 'd_mean=' || round(1e6 * avg(d)),
       'e_p50=' || round(1e6 * percentile_cont(0.5) WITHIN GROUP (ORDER BY e)), 'e_mean=' || round(1e6 * avg(e)),
       'own_db_p50=' || round(1e6 * percentile_cont(0.5) WITHIN GROUP (ORDER BY own)),
       'own_db_p99=' || round(1e6 * percentile_cont(0.99) WITHIN GROUP (ORDER BY own)),
       'own_db_max=' || round(1e6 * max(own))
  FROM p;
EOF
}

# One run: key agent(builtin|llm) mode(turn|ack) concurrency [measured seconds] [think ms] [warm-up s]
PG_KINDS=0  # 1: also PostgreSQL's CPU by kind of process (the profile runs)
run_one() {
  local key="$1" agent="$2" mode="$3" conc="$4" secs="${5:-$DURATION}" think="${6:-0}" warm="${7:-$WARMUP}" out line turns pgk="" c0 c1 srv0 srv1 pg0 pg1 sys0 sys1 t0 t1 wall gu gs
  local dropped left commits syncs writes ph="" srvc pgc gc done_n s0 w0 s1 w1
  SEQ=$(( SEQ + 1 ))
  out="$WORK/run-$SEQ-$key.txt"
  turns="$WORK/turns-$SEQ-$key.tsv"
  set_agent "$agent"
  dropped="$(drain_jobs)"
  sleep 1.5  # lets the server's idle connections publish their statistics
  read -r c0 s0 w0 <<<"$(pg_counters)"
  (( PG_KINDS )) && pg_procs >"$WORK/procs0.txt"
  srv0="$(tree_ticks "$SERVER_PID")"; pg0="$(tree_ticks "$(postmaster_pid)")"; sys0="$(machine_busy_ticks)"; t0="$(date +%s.%N)"
  local TIMEFORMAT='%U %S'
  { time "$NODE" "$LOAD" --url "$BASE" --phone-id "$PHONE_ID" --secret "$SECRET" --graph-port "$GRAPH_PORT" --llm-port "$LLM_PORT" \
      --mode "$mode" --conversations "$CONVERSATIONS" --concurrency "$conc" --first-wa "$FIRST_WA" --prefix "r$SEQ" \
      --warmup "$warm" --duration "$secs" --think-ms "$think" --turns-out "$turns" >"$out" 2>&1; } 2>"$out.time" \
    || { cat "$out" >&2; check_server; die "the load driver failed ($key)"; }
  t1="$(date +%s.%N)"; sys1="$(machine_busy_ticks)"; srv1="$(tree_ticks "$SERVER_PID")"; pg1="$(tree_ticks "$(postmaster_pid)")"
  (( PG_KINDS )) && pg_procs >"$WORK/procs1.txt"
  read -r gu gs <"$out.time"
  line="$(grep '^AGENT_RESULT' "$out" || true)"
  [[ -n "$line" ]] || { cat "$out" >&2; die "the load driver printed no result line ($key)"; }
  left="$(drain_jobs)"
  sleep 1.5
  read -r c1 s1 w1 <<<"$(pg_counters)"
  wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
  srvc="$(pct $(( srv1 - srv0 )) "$wall")"; pgc="$(pct $(( pg1 - pg0 )) "$wall")"
  gc="$(awk -v u="$gu" -v s="$gs" -v w="$wall" 'BEGIN { printf "%.0f", 100 * (u + s) / w }')"
  if [[ "$mode" == turn ]]; then done_n="$(kv turns_total "$line")"; else done_n="$(kv acks_total "$line")"; fi
  (( done_n > 0 )) || done_n=1
  commits="$(awk -v a="$c0" -v b="$c1" -v n="$done_n" 'BEGIN { printf "%.1f", (b - a) / n }')"
  syncs="$(awk -v a="$s0" -v b="$s1" -v n="$done_n" 'BEGIN { printf "%.1f", (b - a) / n }')"
  writes="$(awk -v a="$w0" -v b="$w1" -v n="$done_n" 'BEGIN { printf "%.1f", (b - a) / n }')"
  if [[ "$mode" == turn && -s "$turns" ]]; then ph="$(phases "$turns" | tr '\n' ' ')"; fi
  (( PG_KINDS )) && pgk="pg_kinds=$(pg_kinds_per "$WORK/procs0.txt" "$WORK/procs1.txt" "$done_n")"
  echo "$key run=$RUN $(sed 's/^AGENT_RESULT //' <<<"$line") $ph srv_cpu=$srvc pg_cpu=$pgc gen_cpu_os=$gc other_cpu=$(other_pct "$(pct $(( sys1 - sys0 )) "$wall")" "$srvc" "$pgc" "$gc") cpu_ms_per=$(awk -v s=$(( srv1 - srv0 )) -v p=$(( pg1 - pg0 )) -v hz="$CLK_TCK" -v n="$done_n" 'BEGIN { printf "%.2f", 1000 * (s + p) / hz / n }') srv_cpu_ms_per=$(awk -v s=$(( srv1 - srv0 )) -v hz="$CLK_TCK" -v n="$done_n" 'BEGIN { printf "%.2f", 1000 * s / hz / n }') commits_per=$commits wal_syncs_per=$syncs wal_writes_per=$writes jobs_dropped_before=$dropped jobs_left_after=$left rss_kb=$(status_kb "$SERVER_PID" VmRSS) $pgk" >>"$RAW"
  grep '^AGENT_REPLIES' "$out" | sed "s/^AGENT_REPLIES /$key /" >>"$WORK/replies.txt" || true
  printf '   %-12s %7.1f /s  p50 %-9s p90 %-9s p99 %-9s max %-9s (with the fake model p50 %-9s) ack p50 %-9s errors %s timeouts %s unexpected %s\n' "$key" "$(kv rate "$line")" \
    "$(fmt_ms "$(kv net_p50_us "$line")")" "$(fmt_ms "$(kv net_p90_us "$line")")" "$(fmt_ms "$(kv net_p99_us "$line")")" "$(fmt_ms "$(kv net_max_us "$line")")" "$(fmt_ms "$(kv p50_us "$line")")" \
    "$(fmt_ms "$(kv ack_p50_us "$line")")" "$(kv errors "$line")" "$(kv timeouts "$line")" "$(kv unexpected "$line")"
  [[ "$key" == warm-* ]] || (( $(kv measured "$line") > 0 )) || { cat "$out" >&2; die "no turn was measured ($key)"; }
  check_server
}

# The one-commit reference: pgbench, one client, one single-row INSERT per transaction (its own
# database in the same cluster): what one durable commit costs on this machine, as the server's
# job workers see it (they are idle meanwhile).
COMMIT_SECONDS=5
run_commit_ref() {
  [[ -n "$PGBENCH" ]] || return 0
  local out="$WORK/commit-$RUN.txt" tps lat
  drain_jobs >/dev/null
  "$PGBENCH" -n -M prepared -c 1 -j 1 -T "$COMMIT_SECONDS" -f "$WORK/commit.sql" "$COMMIT_URL" >"$out" 2>&1 || { cat "$out" >&2; die "pgbench failed"; }
  tps="$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out" | head -1)"
  lat="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$out" | head -1)"
  [[ -n "$tps" && -n "$lat" ]] || { cat "$out" >&2; die "pgbench printed no rate"; }
  echo "commit run=$RUN rate=$tps mean_us=$(awk -v l="$lat" 'BEGIN { printf "%d", l * 1000 }')" >>"$RAW"
  printf '   %-12s %7.0f /s  mean %s (pgbench -c1, one single-row INSERT per transaction)\n' commit "$tps" "$(fmt_ms "$(awk -v l="$lat" 'BEGIN { printf "%d", l * 1000 }')")"
}

# The other reference: one round trip to PostgreSQL (pgbench, `SELECT 1`, one client), back to back
# and at RTT_RATE a second, when both ends sleep between statements as they do between the paced
# runs' turns. A paced turn is a chain of such hand-overs (client, server, database and back, a
# dozen times), and on a virtual machine whose idle processors halt, waking one costs more than
# the work; this says how much more on this machine. The paced figure is pgbench's latency less its
# own schedule lag (the time its timer took to wake it).
RTT_RATE=40
run_rtt_ref() {
  [[ -n "$PGBENCH" ]] || return 0
  local out="$WORK/rtt-$RUN.txt" warm idle lag
  "$PGBENCH" -n -M prepared -c 1 -j 1 -T 3 -f "$WORK/rtt.sql" "$COMMIT_URL" >"$out" 2>&1 || { cat "$out" >&2; die "pgbench failed"; }
  warm="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$out" | head -1)"
  "$PGBENCH" -n -M prepared -c 1 -j 1 -T 6 -R "$RTT_RATE" -f "$WORK/rtt.sql" "$COMMIT_URL" >"$out" 2>&1 || { cat "$out" >&2; die "pgbench failed"; }
  idle="$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$out" | head -1)"
  lag="$(sed -n 's/^rate limit schedule lag: avg \([0-9.]*\) .*/\1/p' "$out" | head -1)"
  [[ -n "$warm" && -n "$idle" && -n "$lag" ]] || { cat "$out" >&2; die "pgbench printed no latency"; }
  warm="$(awk -v l="$warm" 'BEGIN { printf "%d", l * 1000 }')"
  idle="$(awk -v l="$idle" -v g="$lag" 'BEGIN { printf "%d", (l - g) * 1000 }')"
  echo "rtt run=$RUN warm_us=$warm idle_us=$idle" >>"$RAW"
  printf '   %-12s back to back %s, at %s/s %s (pgbench -c1, SELECT 1)\n' rtt "$(fmt_ms "$warm")" "$RTT_RATE" "$(fmt_ms "$idle")"
}

# Warm-up (not counted): connections, caches, some rows in every table the turns write; then fresh
# statistics (the server's long-lived connections keep plans made on nearly empty tables otherwise;
# see docs/BENCHMARKS.md, "Fresh database").
echo "== warm-up (not counted)"
RUN=0
run_one warm-builtin builtin turn "$CONVERSATIONS" 3
run_one warm-llm llm turn "$CONVERSATIONS" 3
sql "VACUUM ANALYZE customers, conversations, messages, webhook_events, jobs, carts, cart_lines, agent_token_usage" >/dev/null

ORDER=(ref builtin llm)
for RUN in $(seq 1 "$REPEAT"); do
  echo "== run $RUN of $REPEAT"
  run_commit_ref
  run_rtt_ref
  for i in 0 1 2; do
    k="${ORDER[$(( (i + RUN - 1) % 3 ))]}"
    case "$k" in
      ref) run_one ref builtin ack "$CONVERSATIONS" ;;
      builtin) run_one builtin builtin turn "$CONVERSATIONS" ;;
      llm) run_one llm llm turn "$CONVERSATIONS" ;;
    esac
  done
  if (( THINK_MS )); then
    run_one paced-builtin builtin turn "$CONVERSATIONS" "$DURATION" "$THINK_MS" "$PACED_WARMUP"
    run_one paced-llm llm turn "$CONVERSATIONS" "$DURATION" "$THINK_MS" "$PACED_WARMUP"
  fi
  if (( SOLO )); then
    run_one solo-builtin builtin turn 1 "$SOLO_DURATION"
    run_one solo-llm llm turn 1 "$SOLO_DURATION"
  fi
done

# ---------------------------------------------------------------- statement profile
PROFILE_FILE="$WORK/profile.md"
: >"$PROFILE_FILE"
profile_of() {  # key turns
  "$PSQL" "$DB_URL" -qtAX -F $'\t' -c "
    WITH s AS (SELECT CASE WHEN toplevel THEN '' ELSE '(in a function) ' END || regexp_replace(query, '\\s+', ' ', 'g') AS q,
                      toplevel, calls, plans, total_exec_time, total_plan_time FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND calls > 0),
         tot AS (SELECT sum(total_exec_time + total_plan_time) AS t FROM s WHERE toplevel)
    SELECT round(s.calls::numeric / $2, 2), round(s.plans::numeric / $2, 2), round((s.total_exec_time / s.calls)::numeric, 3), round((s.total_exec_time / $2)::numeric, 3),
           round((s.total_plan_time / $2)::numeric, 3), round((100 * (s.total_exec_time + s.total_plan_time) / nullif(tot.t, 0))::numeric, 1), left(s.q, 150)
      FROM s, tot ORDER BY s.total_exec_time + s.total_plan_time DESC LIMIT $PROFILE_TOP" >"$WORK/profile-$1.tsv"
  "$PSQL" "$DB_URL" -qtAX -F ' ' -c "
    SELECT round(sum(calls)::numeric / $2, 1), round((sum(total_exec_time) / $2)::numeric, 2), round((sum(total_plan_time) / $2)::numeric, 2),
           round(sum(calls) FILTER (WHERE query ~* '^\\s*commit')::numeric / $2, 2),
           round(sum(calls) FILTER (WHERE query ~* '^\\s*begin')::numeric / $2, 2)
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel"
}
if (( PROFILE )); then
  echo "== statement profile (pg_stat_statements, not in the medians)"
  sql "ALTER SYSTEM SET pg_stat_statements.track = '$( (( PROFILE_NESTED )) && echo all || echo top)'" >/dev/null
  sql "ALTER SYSTEM SET pg_stat_statements.track_planning = on" >/dev/null
  sql "SELECT pg_reload_conf()" >/dev/null
  RUN=P
  PG_KINDS=1
  specs=("builtin $CONVERSATIONS $DURATION 0" "llm $CONVERSATIONS $DURATION 0" "builtin 1 $SOLO_DURATION 0")
  (( THINK_MS )) && specs+=("llm $CONVERSATIONS $DURATION $THINK_MS")
  for spec in "${specs[@]}"; do
    read -r a conv secs think <<<"$spec"
    sql "SELECT pg_stat_statements_reset()" >/dev/null
    if (( think )); then
      run_one "profile-paced-$a-$conv" "$a" turn "$conv" "$secs" "$think" "$PACED_WARMUP"
    else
      run_one "profile-$a-$conv" "$a" turn "$conv" "$secs"
    fi
    last="$(tail -1 "$RAW")"
    n="$(kv turns_total "$last")"
    pk="$a-$conv-$think"
    read -r calls ms plan_ms commits begins <<<"$(profile_of "$pk" "$n")"
    {
      echo "**$a, $( (( conv == 1 )) && echo "one turn at a time" || echo "$conv conversations")$( (( think )) && echo " pausing ~$think ms")** ($n turns in the run, warm-up and drain included; a run of its own, not in the medians; p50 own time $(fmt_ms "$(kv net_p50_us "$last")")): $calls statements per turn taking **$ms ms of execution and $plan_ms ms of planning per turn** (pg_stat_statements total_exec_time and total_plan_time over all the server's connections; the benchmark's own queries are not tracked); $begins BEGIN and **$commits COMMIT per turn** (pg_stat_statements does not time the commit itself, which happens after the COMMIT statement's accounting, nor its WAL flush). PostgreSQL CPU per turn by process (ms): $(kv pg_kinds "$last" | sed 's/:/ /g; s/,/, /g'); the server process: $(kv srv_cpu_ms_per "$last") ms."
      echo
      echo "| calls per turn | plans per turn | mean execution ms | execution ms per turn | planning ms per turn | % of execution + planning | statement |"
      echo "|---:|---:|---:|---:|---:|---:|---|"
      awk -F '\t' '{ q = $7; gsub(/\|/, "\\|", q); printf "| %s | %s | %s | %s | %s | %s | `%s` |\n", $1, $2, $3, $4, $5, $6, q }' "$WORK/profile-$pk.tsv"
      echo
    } >>"$PROFILE_FILE"
  done
  PG_KINDS=0
  sql "ALTER SYSTEM SET pg_stat_statements.track_planning = off" >/dev/null
  sql "ALTER SYSTEM SET pg_stat_statements.track = 'none'" >/dev/null
  sql "SELECT pg_reload_conf()" >/dev/null
fi

# ---------------------------------------------------------------- after the runs
HWM_KB="$(status_kb "$SERVER_PID" VmHWM)"
RSS_KB="$(status_kb "$SERVER_PID" VmRSS)"
"$CURL" -s --max-time 5 "$BASE/metrics" >"$WORK/metrics.txt" || true
SERVER_ERRORS="$(grep -c '"level":"error"' "$WORK/server.log" || true)"
SERVER_WARNINGS="$(grep -c '"level":"warn"' "$WORK/server.log" || true)"
WARN_SAMPLE="$(grep '"level":"\(warn\|error\)"' "$WORK/server.log" | grep -v 'dashboard not built' | sort | uniq -c | sort -rn | head -5 || true)"
DEAD_JOBS="$(sql "SELECT count(*) FROM jobs WHERE state = 'dead'")"
FAILED_SENDS="$(sql "SELECT count(*) FROM messages WHERE workspace_id = '$WS' AND direction = 'outbound' AND status = 'failed'")"
AGENT_REPLIES_TOTAL="$(sql "SELECT count(*) FROM messages WHERE workspace_id = '$WS' AND direction = 'outbound' AND author_kind = 'agent'")"
OTHER_REPLIES="$(sql "SELECT count(*) FROM messages WHERE workspace_id = '$WS' AND direction = 'outbound' AND author_kind <> 'agent'")"
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# ---------------------------------------------------------------- report
# Median over the repeats of one field of one measurement (mean of the middle two for an even count).
med() {  # key field
  grep "^$1 " "$RAW" | sed -n "s/.* $2=\([-0-9.]*\).*/\1/p" | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
all_of() {  # key field [ms]: every repeat's value
  grep "^$1 " "$RAW" | sed -n "s/.* $2=\([-0-9.]*\).*/\1/p" | awk -v ms="${3:-}" '{ printf "%s%s", (NR > 1 ? " · " : ""), (ms ? sprintf(($1 < 10000 ? "%.2f" : "%.1f"), $1 / 1000) : sprintf("%.0f", $1)) }'
}
sum_of() { grep "^$1 " "$RAW" | sed -n "s/.* $2=\([0-9]*\).*/\1/p" | awk '{ s += $1 } END { print s + 0 }'; }
ms() { fmt_ms "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
# Median over the repeats of key's field / a reference's field, each repeat against the reference of
# the same repeat.
med_ratio() {  # key field [reference key] [reference field]
  local r
  for r in $(seq 1 "$REPEAT"); do
    local a b
    a="$(grep "^$1 run=$r " "$RAW" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p")"
    b="$(grep "^${3:-ref} run=$r " "$RAW" | sed -n "s/.* ${4:-$2}=\([0-9.]*\).*/\1/p")"
    awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.3f\n", a / b }'
  done | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) m = 0; else if (NR % 2) m = v[(NR + 1) / 2]; else m = (v[NR / 2] + v[NR / 2 + 1]) / 2; printf (m >= 100 ? "%.0f" : "%.1f"), m }'
}
verdict() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v < lim ? "met" : "**not met**") }'; }

row() {  # key label
  local k="$1"
  printf '| %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s%% | %s%% | %s | %s | %s |\n' "$2" "$(med "$k" rate)" \
    "**$(ms "$(med "$k" net_p50_us)")**" "$(ms "$(med "$k" net_p90_us)")" "**$(ms "$(med "$k" net_p99_us)")**" "$(ms "$(med "$k" net_max_us)")" \
    "$( [[ "$k" == ref ]] && echo "—" || echo "$(ms "$(med "$k" p50_us)") / $(ms "$(med "$k" p99_us)") ($(ms "$(med "$k" model_p50_us)"))")" \
    "$(ms "$(med "$k" ack_p50_us)")" "$( [[ "$k" == ref ]] && echo "—" || ms "$(med "$k" own_db_p50)")" \
    "$(med "$k" cpu_ms_per) ms ($(med "$k" srv_cpu_ms_per))" "$(med "$k" srv_cpu)" "$(med "$k" pg_cpu)" "$(med "$k" commits_per)" \
    "$(all_of "$k" net_p50_us ms) / $(all_of "$k" net_p99_us ms)" \
    "$(( $(sum_of "$k" errors) + $(sum_of "$k" timeouts) )) / $(sum_of "$k" unexpected)"
}
phase_row() {  # key label
  local k="$1"
  printf '| %s | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %s (%s) | %s | %s |\n' "$2" \
    "$(ms "$(med "$k" a_p50)")" "$(ms "$(med "$k" a_mean)")" "$(ms "$(med "$k" b_p50)")" "$(ms "$(med "$k" b_mean)")" \
    "$(ms "$(med "$k" c_p50)")" "$(ms "$(med "$k" c_mean)")" "$(ms "$(med "$k" d_p50)")" "$(ms "$(med "$k" d_mean)")" \
    "$(ms "$(med "$k" e_p50)")" "$(ms "$(med "$k" e_mean)")" "$(ms "$(med "$k" mean_us)")" "$(ms "$(med "$k" own_db_p50)") / $(ms "$(med "$k" own_db_p99)")"
}

KEYS=(ref builtin llm)
(( THINK_MS )) && KEYS+=(paced-builtin paced-llm)
(( SOLO )) && KEYS+=(solo-builtin solo-llm)
HWM_MB="$(awk -v k="$HWM_KB" 'BEGIN { printf "%.0f", k / 1024 }')"
REPORT="$WORK/report.md"
{
  echo "## AI-agent turn benchmark, $NOW_UTC"
  echo
  echo "- Machine: $CPU_MODEL, $NPROC cores (nproc), ${MEM_GIB} GiB, $OS, kernel $KERNEL; load average before $LOAD_BEFORE, after $LOAD_AFTER; CPU busy in the 2 s before start: ${BUSY_BEFORE}% (of $(( NPROC * 100 ))%)."
  echo "- Database: embedded PostgreSQL $PG_SERVER_VERSION, fsync=$FSYNC, synchronous_commit=$SYNC_COMMIT, wal_sync_method=$WAL_SYNC (every commit waits for its disk flush)$( (( PROFILE )) && echo "; pg_stat_statements loaded, tracking only in the profile runs")."
  echo "- Server: $SERVER_VERSION; SHOPME_IO_THREADS=$IO_THREADS, SHOPME_DB_WORKERS=$DB_WORKERS, SHOPME_INGEST_THREADS=$INGEST_THREADS, SHOPME_JOB_WORKERS=$JOB_WORKERS, LOG_LEVEL=warn, bound to 127.0.0.1, libcurl $CURL_VERSION for its outbound calls; demo data; the demo shop's channel enabled through the API (1,000 messages/s, abuse limit 10,000 a minute, no welcome message) and pointed at the fake Graph API; workspace API limit 100,000."
  echo "- Customers: $CONVERSATIONS registered customers with consent (one in four writing English), each with an open bot conversation, prepared in SQL; product stock raised to 1,000,000. Each customer is a closed loop: one signed webhook message (distinct message id), wait for the reply addressed to it at the fake Graph API, next message at once (paced runs: after a pause drawn uniformly from 0.5–1.5 × ${THINK_MS} ms, the first messages spread over one pause; one-at-a-time runs: a single loop, the customers taking turns, so that no conversation's history grows faster than in the other runs). Messages cycle through: ciao / hello, \"Avete il parmigiano?\", \"Mostrami il catalogo\", \"aggiungi 2 prosecco\", \"carrello\", \"Quanto costa la spedizione?\", \"Avete dell'olio extravergine?\", \"togli il prosecco\" (and their English counterparts); no checkout."
  echo "- Fakes (bench/agent-load.mjs, node $NODE_VERSION, each in its own worker thread, answering at once): the Graph API records when each request body is complete and its recipient, sends no status callbacks; the model answers the first call of a turn with a \`search_products\` tool call for the product the customer named, and the call carrying the tool result with a short text."
  echo "- **Own time** of a turn = the moment the reply's request body has reached the fake Graph API − the moment the load generator wrote the customer's webhook request (\`process.hrtime\`, one monotonic clock for all threads of the generator). The client send time is used for \"webhook received\" because the server keeps no record of when a request arrived: its earliest record, the inbound message's \`created_at\`, is \`now()\` of the ingest transaction, i.e. after the HTTP parse, the signature check and the wait for the next group commit. On loopback the send time precedes the arrival by the kernel's hand-over (tens of µs), so own time is overstated by that at most, never understated. With the fake model, the time it held the turn's two requests (from each request's arrival in its handler to its answer handed to the kernel, summed per turn; the far side's processing — parsing the request, writing the answer — not the server's) is taken off; the figure with it is given too. Everything around it stays in own time: the server writing each request, the fake's wake-up and HTTP parse before its handler runs, the answer's way back. The figure from the server's record (reply arrival − inbound \`created_at\`) is given too (\"own time from the DB record\"): it leaves out the time before the ingest transaction started."
  echo "- **Reference** (same invocation, same repeats): the same $CONVERSATIONS customers, closed loop, each redelivering a message already stored (after one turn each that is not measured): the webhook acknowledgement alone (signature check, group commit with the raw event, duplicate message skipped, no job, no reply). Ratio = the agent's p50 own time / the reference's p50 acknowledgement latency, taken per repeat; the median of the repeats' ratios is reported."
  echo "- $REPEAT repeats, the order of ref / builtin / llm rotating; each run ${WARMUP} s of warm-up (paced: ${PACED_WARMUP} s) then ${DURATION} s measured (${SOLO_DURATION} s one turn at a time; turns started in that window), then the turns in flight finish. Figures are medians over the repeats; \"all repeats\" lists every repeat's p50 / p99 in ms."
  echo "- CPU per turn = (server + PostgreSQL CPU time over the run) / turns completed in it (warm-up and drain included), the server's share in brackets; CPU % of one core over the run ($(( NPROC * 100 ))% = the machine). Commits per turn from pg_stat_database.xact_commit over the run (the monitoring queries included, a handful)."
  echo
  echo "| measurement | turns/s (acks/s) | p50 | p90 | p99 | max | with the fake model's processing: p50 / p99 (its share, p50) | webhook ack p50 | own time from the DB record, p50 | CPU per turn (server) | server CPU | PostgreSQL CPU | commits per turn | all repeats p50 / p99 (ms) | errors+timeouts / unexpected replies |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
  row ref "reference: webhook acknowledgement (redelivery), $CONVERSATIONS conversations"
  row builtin "offline agent, $CONVERSATIONS conversations, no pause"
  row llm "fake language model (1 tool round), $CONVERSATIONS conversations, no pause"
  if (( THINK_MS )); then
    row paced-builtin "offline agent, $CONVERSATIONS conversations pausing ~${THINK_MS} ms"
    row paced-llm "fake language model, $CONVERSATIONS conversations pausing ~${THINK_MS} ms"
  fi
  if (( SOLO )); then
    row solo-builtin "offline agent, one turn at a time"
    row solo-llm "fake language model, one turn at a time"
  fi
  echo
  echo "| aim (own time at $CONVERSATIONS concurrent conversations, medians of $REPEAT repeats) | value | verdict |"
  echo "|---|---:|---|"
  for k in builtin llm; do
    echo "| $k, no pause: p50 < 5 ms | **$(ms "$(med "$k" net_p50_us)")** | $(verdict "$(med "$k" net_p50_us)" 5000) |"
    echo "| $k, no pause: p99 < 25 ms | **$(ms "$(med "$k" net_p99_us)")** | $(verdict "$(med "$k" net_p99_us)" 25000) |"
  done
  if (( THINK_MS )); then
    for k in paced-builtin paced-llm; do
      echo "| $k (~${THINK_MS} ms pauses): p50 < 5 ms | **$(ms "$(med "$k" net_p50_us)")** | $(verdict "$(med "$k" net_p50_us)" 5000) |"
      echo "| $k (~${THINK_MS} ms pauses): p99 < 25 ms | **$(ms "$(med "$k" net_p99_us)")** | $(verdict "$(med "$k" net_p99_us)" 25000) |"
    done
  fi
  echo
  echo "| ratio to the reference (per repeat, median) | p50 | p99 |"
  echo "|---|---:|---:|"
  for k in "${KEYS[@]}"; do
    [[ "$k" == ref ]] && continue
    echo "| $k own time / webhook acknowledgement at $CONVERSATIONS conversations | **$(med_ratio "$k" net_p50_us ref p50_us)×** | $(med_ratio "$k" net_p99_us ref p99_us)× |"
  done
  if grep -q '^commit ' "$RAW"; then
    for k in "${KEYS[@]}"; do
      [[ "$k" == ref ]] && continue
      echo "| $k own time p50 / one durable commit (pgbench mean) | **$(med_ratio "$k" net_p50_us commit mean_us)×** | |"
    done
  fi
  echo
  if grep -q '^commit ' "$RAW"; then
    echo "One durable commit (pgbench $PG_VERSION \`-c1 -M prepared -T $COMMIT_SECONDS\`, a single-row INSERT per transaction, in a database of its own in the same cluster, each repeat): mean **$(ms "$(med commit mean_us)")**, $(printf '%.0f' "$(med commit rate)") commits/s (repeats: $(all_of commit mean_us ms) ms)."
  fi
  if grep -q '^rtt ' "$RAW"; then
    echo
    echo "One round trip to PostgreSQL (pgbench $PG_VERSION \`-c1 -M prepared\`, \`SELECT 1\`, same database, each repeat): back to back **$(ms "$(med rtt warm_us)")** (repeats: $(all_of rtt warm_us ms) ms); at $RTT_RATE a second, both ends sleeping in between as in the paced runs, **$(ms "$(med rtt idle_us)")** (repeats: $(all_of rtt idle_us ms) ms; pgbench's latency less its own schedule lag). A turn hands over between processes about a dozen times (client, server threads, database, the fake Graph API); the difference is what each hand-over costs when the other side sleeps."
  fi
  echo
  echo "Where the time goes, per turn, from the server's own record (medians over the repeats of each run's p50, the run's mean in brackets): A = written by the client → the ingest transaction starts (\`created_at\` of the inbound message: HTTP, signature, wait for the group commit); B = ingest transaction start → acknowledgement back at the client (in parallel with what follows); C = ingest start → the agent's reply row is written (\`created_at\` of the outbound message = start of the agent's closing transaction: the notification, the inbound job claimed, handled and committed, the agent_turn job queued, claimed and committed, the conversation loaded, the reply computed with its tool calls and, for the model, two model calls); D = reply row → \`sending_started_at\` (the agent's transaction commits, the send job is claimed and committed, its first transaction starts); E = \`sending_started_at\` → the request reached the fake Graph API (that transaction commits, the HTTP call). Mean own time = A + C + D + E of the means."
  echo
  echo "| measurement | A: to ingest | B: ingest → ack | C: ingest → reply row | D: reply row → sending | E: sending → at the provider | mean own time | own time from the DB record p50 / p99 |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for k in "${KEYS[@]}"; do [[ "$k" == ref ]] && continue; phase_row "$k" "$k"; done
  echo
  echo "| measurement | commits per turn | WAL flushes (wal_sync) per turn | WAL writes per turn | load-generator CPU | other CPU | server RSS after the run |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for k in "${KEYS[@]}"; do
    printf '| %s | %s | %s | %s | %s%% | %s%% | %s MB |\n' "$k" "$(med "$k" commits_per)" "$(med "$k" wal_syncs_per)" "$(med "$k" wal_writes_per)" "$(med "$k" gen_cpu_os)" "$(med "$k" other_cpu)" "$(awk -v k="$(med "$k" rss_kb)" 'BEGIN { printf "%.0f", k / 1024 }')"
  done
  echo
  echo "Server peak RSS (VmHWM over the invocation): **$HWM_MB MB**; $(( RSS_KB / 1024 )) MB at the end."
  echo "Over the invocation: $AGENT_REPLIES_TOTAL agent replies stored, $OTHER_REPLIES other outbound messages (should be 0), $FAILED_SENDS failed sends, $DEAD_JOBS dead-letter jobs; server log: $SERVER_ERRORS error and $SERVER_WARNINGS warning lines."
  if [[ -n "$WARN_SAMPLE" ]]; then
    echo
    echo '```'
    echo "$WARN_SAMPLE" | cut -c1-300
    echo '```'
  fi
  if [[ -s "$PROFILE_FILE" ]]; then
    echo
    echo "### Statement profile"
    echo
    echo "pg_stat_statements (\`track = $( (( PROFILE_NESTED )) && echo "all\`: the statements run inside functions are listed too, marked, their time also counted in the calling statement's" || echo 'top`'), utility statements and planning included) over one more run per agent at $CONVERSATIONS conversations, one with the offline agent and a single conversation$( (( THINK_MS )) && echo ", and one with the model and $CONVERSATIONS conversations pausing as in the paced runs"), after the repeats; "plans per turn": how often the statement was planned (a statement planned on every call gets a custom plan each time); statements sorted by execution + planning time (the $PROFILE_TOP first). CPU by PostgreSQL process from /proc: backends = the connections' processes (the server's, and the benchmark's few monitoring queries), ended-children = processes that exited during the run (autovacuum workers)."
    echo
    cat "$PROFILE_FILE"
  fi
  echo
  echo "What each customer message was answered with (last run of each kind; counts by reply type, and one reply's first words):"
  echo
  echo '```'
  for k in builtin llm; do grep "^$k " "$WORK/replies.txt" | tail -1 | cut -c1-3000 || true; done
  echo '```'
  echo
  echo "Every run:"
  echo
  echo '```'
  cat "$RAW"
  echo '```'
} >"$REPORT"

echo
cat "$REPORT"
mkdir -p "$RESULTS_DIR"
OUT_FILE="$RESULTS_DIR/agent-$STAMP.md"
cp "$REPORT" "$OUT_FILE"
echo
echo "results written to ${OUT_FILE#"$ROOT"/}"
