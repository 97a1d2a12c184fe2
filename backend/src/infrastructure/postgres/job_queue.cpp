#include "infrastructure/postgres/job_queue.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <pqxx/pqxx>
#include <random>
#include <utility>
#include <vector>

#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/late_begin_transaction.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::postgres {
namespace {
thread_local bool inside_job_worker = false;

// The claiming transaction: its BEGIN travels in the same message as the claim (see run_one), so a
// worker that wakes for a job reaches it in one round trip instead of two.
using ClaimTransaction = LateBeginTransaction;

// The jobs queued by the job in hand, in its transaction (job workers only).
thread_local std::vector<Job> queued_here;
// Of the jobs the job in hand queued, how many this worker started or settled itself; the others are
// left to a claim, which the worker then makes at once.
thread_local std::size_t taken_here = 0;
// While a handler's first part runs in its claiming transaction: the worker's lease (seconds), under
// which the first job it queues may be written already leased (start_at_once_lease).
thread_local std::optional<double> lease_for_start_at_once;

// Marks the span of a first part during which a job it queues may start at once.
class StartAtOnceScope {
 public:
  explicit StartAtOnceScope(double lease_seconds) { lease_for_start_at_once = lease_seconds; }
  ~StartAtOnceScope() { lease_for_start_at_once.reset(); }
  StartAtOnceScope(const StartAtOnceScope&) = delete;
  StartAtOnceScope& operator=(const StartAtOnceScope&) = delete;
};
}  // namespace

namespace {
// The job the job in hand leased at once, if any (at most one: only the first queued may be).
std::optional<Job> leased_here() {
  const auto it =
      std::find_if(queued_here.begin(), queued_here.end(), [](const Job& q) { return q.started; });
  if (it == queued_here.end()) return std::nullopt;
  return *it;
}
}  // namespace

std::optional<double> start_at_once_lease() {
  if (!inside_job_worker || !queued_here.empty()) return std::nullopt;
  return lease_for_start_at_once;
}

void enqueue_job(pqxx::transaction_base& tx, const std::string& workspace_id, const std::string& kind,
                 const std::string& ordering_key, const boost::json::object& payload, int max_attempts) {
  const auto id =
      postgres::exec1(tx,
                      "INSERT INTO jobs (workspace_id, kind, ordering_key, payload, max_attempts)"
                      " VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING id",
                      workspace_id, kind, ordering_key, boost::json::serialize(payload), max_attempts)[0]
          .as<long long>();
  job_enqueued(tx, Job{workspace_id, id, kind, ordering_key, payload, 1, max_attempts});
}

void job_enqueued(pqxx::transaction_base& tx, Job job) {
  // A job worker claims again after its commit (and may start this job in it), so a job queued by a
  // job needs no notification; elsewhere the notification wakes the workers of every process.
  if (inside_job_worker) {
    queued_here.push_back(std::move(job));
  } else {
    tx.exec("SELECT pg_notify('shopme_jobs', '')");
  }
}

void enqueue_job_to_start(pqxx::transaction_base& tx, const std::string& workspace_id,
                          const std::string& kind, const std::string& ordering_key,
                          const boost::json::object& payload, int max_attempts, std::any handed_over) {
  const auto lease = start_at_once_lease();
  // Outside a first part nothing can start here: a plain queueing. (One statement text per case: with
  // the choice as a parameter, a plan for the actual values drops the check, looks cheaper than the
  // generic plan, and PostgreSQL's plan cache then planned the statement again on every call.)
  if (!lease) return enqueue_job(tx, workspace_id, kind, ordering_key, payload, max_attempts);
  const auto row = postgres::exec1(
      tx,
      "INSERT INTO jobs (workspace_id, kind, ordering_key, payload, max_attempts, state, attempts, "
      "locked_until)"
      " SELECT $1, $2, $3, $4::jsonb, $5, CASE WHEN g.go THEN 'running' ELSE 'queued' END,"
      "        CASE WHEN g.go THEN 1 ELSE 0 END, CASE WHEN g.go THEN now() + make_interval(secs => $6) END"
      "   FROM (SELECT NOT EXISTS (SELECT 1 FROM jobs k WHERE k.ordering_key = $3"
      "                              AND k.state <> 'dead') AS go) g"
      " RETURNING id, state = 'running'",
      workspace_id, kind, ordering_key, boost::json::serialize(payload), max_attempts, *lease);
  Job job{workspace_id, row[0].as<long long>(), kind, ordering_key, payload, 1, max_attempts};
  if (row[1].as<bool>()) {
    job.started = boost::json::object{};
    job.handed_over = std::move(handed_over);
  }
  job_enqueued(tx, std::move(job));
}

void complete_job(pqxx::transaction_base& tx, const Job& job) {
  if (job.deleted_with_claim) return;
  postgres::exec0(tx, "DELETE FROM jobs WHERE workspace_id = $1 AND id = $2", job.workspace_id, job.id);
}

void vacuum_jobs(pqxx::connection& conn) {
  // No parallel workers: starting them cost more than the vacuum of a table this small (86 ms a
  // round with them, measured). VACUUM cannot run in a transaction block.
  pqxx::nontransaction tx(conn);
  tx.exec("VACUUM (PARALLEL 0, SKIP_LOCKED) jobs");
}

std::chrono::milliseconds backoff(int attempt, std::chrono::milliseconds base,
                                  std::chrono::milliseconds cap) {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  long long ceiling = base.count();
  for (int i = 1; i < attempt && ceiling < cap.count(); ++i) ceiling *= 2;
  ceiling = std::min(ceiling, static_cast<long long>(cap.count()));
  std::uniform_int_distribution<long long> pick(ceiling / 2, ceiling);
  return std::chrono::milliseconds(pick(rng));
}

JobRunner::JobRunner(std::string conninfo, Options options)
    : conninfo_(std::move(conninfo)), options_(options) {}

JobRunner::~JobRunner() { stop(); }

void JobRunner::handle(const std::string& kind, Handler handler, bool starts_at_once) {
  handlers_[kind] = std::move(handler);
  starts_at_once_[kind] = starts_at_once;
}

void JobRunner::handle_in_transaction(const std::string& kind, TransactionalHandler handler) {
  split_[kind] = [h = std::move(handler)](const Job& job,
                                          pqxx::dbtransaction& tx) -> std::variant<JobResult, Continuation> {
    return h(job, tx);
  };
}

void JobRunner::handle_in_two_parts(const std::string& kind, SplitHandler handler, Resume resume) {
  split_[kind] = handler;
  two_part_[kind] = std::move(handler);
  if (resume) resume_[kind] = std::move(resume);
}

void JobRunner::run_after_commit(const JobResult& result, const Job& job, pqxx::connection& conn) {
  if (!result.after_commit) return;
  try {
    result.after_commit(conn);
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (const std::exception& e) {
    log::warn("after-commit work of a job failed", {{"kind", job.kind}, {"error", e.what()}});
  }
}

// Prepared once per worker connection: the claim runs after every wake-up. The statement is the
// function shopme_claim_job (migration "claim_plan"): its settings keep its plan an ordered walk of
// the due jobs with a per-job probe of the key however large the backlog and whatever the
// statistics. Written as a statement of its own, every shape tried left the planner a plan that
// sorts the whole backlog on every claim (~100 ms and growing) under some statistics: as an
// anti-join after an autoanalyze with thousands of queued jobs; as "my id is the key's smallest
// unfinished id" or "not above it" (a correlated subquery), when planned with the statistics of a
// nearly empty queue (a bitmap scan of all due jobs and a sort: 73 ms a claim at 16,000 jobs,
// measured). The function costs 0.1-0.4 ms more a claim than the bare statement.
constexpr const char* kClaim = "shopme_claim_job";
constexpr const char* kClaimSql = "SELECT * FROM shopme_claim_job($1::text[])";

void JobRunner::start() {
  whole_in_claim_ = "{";
  for (const auto& [kind, part] : split_) {
    if (two_part_.count(kind)) continue;
    whole_in_claim_ += (whole_in_claim_.size() > 1 ? ",\"" : "\"") + kind + "\"";
  }
  whole_in_claim_ += "}";
  for (int i = 0; i < options_.workers; ++i) threads_.emplace_back([this, i] { run(i); });
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void JobRunner::wake() {
  {
    std::lock_guard lock(mutex_);
    // One claim answers any number of wake-ups (it reports whether more was queued), so the count
    // is bounded: a burst of commits while every worker was busy costs no string of empty claims.
    announced_ = std::min(announced_ + 1, options_.workers);
  }
  // One idle worker per notification: waking them all made every worker run the claim for nothing.
  // A worker that finds jobs with more behind them wakes the next one (see run), so a backlog still
  // gets every worker.
  cv_.notify_one();
}

void JobRunner::refresh_counts(pqxx::connection& conn) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                       .count();
  auto last = last_count_ms_.load();
  if (now - last < 5000 || !last_count_ms_.compare_exchange_strong(last, now)) return;
  pqxx::nontransaction tx(conn);
  const auto row = tx.exec1(
      "SELECT count(*) FILTER (WHERE state <> 'dead'), count(*) FILTER (WHERE state = 'dead') FROM jobs");
  queued_ = row[0].as<long long>();
  dead_ = row[1].as<long long>();
}

// Claims the oldest due job whose ordering key has no earlier unfinished job. Under SKIP LOCKED a
// competing worker neither waits for nor takes a job being claimed, and the probe of the key keeps
// the jobs of one key in order even while the head of the key is locked by someone else. A job
// handled wholly in the claiming transaction is deleted by the claim itself (one round trip fewer):
// its completion commits with its effects, and a failure rolls the deletion back with them.
JobRunner::Claimed JobRunner::run_one(pqxx::connection& conn) {
  std::optional<Job> job;
  // Counted from before the claim: a worker that found nothing because of this job's key must see
  // this one in hand (see missed_).
  ++in_hand_;
  struct Release {
    std::atomic<int>& count;
    ~Release() { --count; }
  } release{in_hand_};
  const long long missed_before = missed_.load();
  std::optional<ClaimTransaction> claim(std::in_place, conn);
  conn.prepare_now(kClaim);  // EXECUTE names it: it must exist on the server first
  const auto rows =
      claim->exec("BEGIN; EXECUTE " + std::string(kClaim) + "(" + claim->quote(whole_in_claim_) + ")");
  if (rows.empty()) {
    claim->commit();
    if (in_hand_.load() > 1) ++missed_;
    return Claimed::kNothing;
  }
  bool more = false;
  {
    const auto& r = rows[0];
    job = Job{r[0].c_str(), r[1].as<long long>(), r[2].c_str(),  r[3].c_str(),
              {},           r[5].as<int>(),       r[6].as<int>()};
    boost::system::error_code ec;
    auto payload = boost::json::parse(r[4].c_str(), ec);
    if (!ec && payload.is_object()) job->payload = std::move(payload.as_object());
    job->deleted_with_claim = r[7].as<bool>();
    more = r[8].as<bool>();
  }
  queued_here.clear();
  taken_here = 0;
  // Claim again at once if another job was due, if this job queued one it did not start itself, or
  // if a claim found nothing while this job was in hand; otherwise wait for a wake-up.
  const auto claimed = [&] {
    return more || queued_here.size() > taken_here || missed_.load() != missed_before ? Claimed::kJobAndMore
                                                                                      : Claimed::kJob;
  };

  // A handler's first part runs in `claim`: the row lock held by it is the claim. It either settles
  // the job there (completing it in the same commit) or hands back work to do after the commit.
  Continuation later;
  JobResult result;
  const auto split = split_.find(job->kind);
  const auto whole = handlers_.find(job->kind);
  if (split != split_.end()) {
    try {
      auto first = [&] {
        StartAtOnceScope scope(static_cast<double>(options_.lease.count()));
        return split->second(*job, *claim);
      }();
      if (auto* settled = std::get_if<JobResult>(&first)) {
        result = std::move(*settled);
        if (result.outcome == JobResult::Outcome::kDone) {
          // A job this one queued (a reply to send) starts in the same commit when it can: the one
          // its statement leased already, or else the only one queued.
          std::optional<Job> next = leased_here();
          if (!next && queued_here.size() == 1) next = queued_here.front();
          Continuation next_later;
          if (next) next_later = start_in(*next, *claim);
          // A reply started in this commit is sent right after it: that commit must be on disk first.
          // A plain handler started in it commits its own work (durably where it must).
          if (!next_later || starts_at_once(next->kind)) claim->without_flush();
          claim->commit();
          claim.reset();
          ++completed_;
          if (next_later) finish(conn, *next, next_later);
          run_after_commit(result, *job, conn);
          return claimed();
        }
      } else {
        later = std::move(std::get<Continuation>(first));
      }
    } catch (const pqxx::broken_connection&) {
      throw;  // rolled back: the job is queued again as it was
    } catch (const std::exception& e) {
      result = JobResult::retry(backoff(job->attempts), e.what());
    }
    if (!later) {
      claim.reset();  // roll back whatever the handler did; the job is free again until settled
      settle_failure(conn, *job, result, false);
      return claimed();
    }
  } else if (whole != handlers_.end()) {
    // A plain handler commits on its own; the first job it queues may be leased at once too, and
    // runs once the handler is done (it has then committed what it queued).
    later = [&](pqxx::connection& c) { return run_whole(whole->second, *job, c); };
  } else {
    // Nothing to undo: settled in the claim, which no other worker can then take in between.
    record_failure(*claim, *job, JobResult::dead("no handler for job kind " + job->kind), false);
    claim->commit();
    return claimed();
  }
  mark_running(*claim, *job);
  claim->commit();
  claim.reset();
  finish(conn, *job, later);
  return claimed();
}

void JobRunner::mark_running(pqxx::transaction_base& tx, const Job& job) const {
  // Leased until the work after the commit ends; a worker that dies leaves it to the lease.
  postgres::exec0(tx,
                  "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = now() + "
                  "make_interval(secs => $3)"
                  " WHERE workspace_id = $1 AND id = $2",
                  job.workspace_id, job.id, static_cast<double>(options_.lease.count()));
}

// The second part of a job leased and prepared by the statement that queued it. Without one, the
// job is left to its lease (claimed again when it ends).
JobRunner::Continuation JobRunner::resume(const Job& started) {
  if (const auto plain = handlers_.find(started.kind);
      plain != handlers_.end() && starts_at_once(started.kind))
    return [this, &handler = plain->second, started](pqxx::connection& c) {
      return run_whole(handler, started, c);
    };
  const auto r = resume_.find(started.kind);
  if (r == resume_.end()) {
    log::error("a job was leased at once but its kind cannot resume", {{"kind", started.kind}});
    return {};
  }
  try {
    return r->second(started);
  } catch (const std::exception& e) {
    log::warn("a job leased at once could not resume; its lease brings it back",
              {{"kind", started.kind}, {"error", e.what()}});
    return {};
  }
}

// Read by every worker at once: never operator[], which would insert a missing kind.
bool JobRunner::starts_at_once(const std::string& kind) const {
  const auto it = starts_at_once_.find(kind);
  return it != starts_at_once_.end() && it->second;
}

// A plain handler: it commits on its own; the first job it queues may be leased at once too, and
// runs once the handler is done (it has then committed what it queued), before the handler's work
// after its commit. What it queues is its own: the bookkeeping of a job that started it waits.
JobResult JobRunner::run_whole(const Handler& handler, const Job& job, pqxx::connection& conn) {
  struct Own {
    std::vector<Job> outer_queued = std::exchange(queued_here, {});
    std::size_t outer_taken = std::exchange(taken_here, 0);
    ~Own() {
      queued_here.insert(queued_here.begin(), outer_queued.begin(), outer_queued.end());
      taken_here += outer_taken;
    }
  } own;
  JobResult r;
  {
    StartAtOnceScope scope(static_cast<double>(options_.lease.count()));
    r = handler(job, conn);
  }
  if (r.outcome == JobResult::Outcome::kDone) {
    finish_started(conn);
    run_after_commit(r, job, conn);
  }
  return r;
}

// After a plain handler's job is done (its transactions committed): the job it leased at once, if any.
void JobRunner::finish_started(pqxx::connection& conn) {
  const auto next = leased_here();
  if (!next) return;
  ++taken_here;  // leased: it runs here, or its lease brings it back later
  if (auto later = resume(*next)) finish(conn, *next, later);
}

// The first part of a job queued in `tx` by the job in hand, run in a savepoint of `tx`, only at
// the head of its ordering key. A first part that neither settles the job nor hands back a second
// part is undone and left to an ordinary claim. A job leased at once has no first part to run.
JobRunner::Continuation JobRunner::start_in(const Job& next, pqxx::dbtransaction& tx) {
  if (next.started) {
    ++taken_here;
    return resume(next);
  }
  const auto handler = two_part_.find(next.kind);
  if (handler == two_part_.end()) return {};
  // A savepoint of SQL's own rather than a pqxx subtransaction: it is set in the same round trip as
  // the lease, and one kept needs no RELEASE before the commit (two round trips fewer in a turn).
  static const std::string kSavepoint = "shopme_start_in";
  bool rolled_back = false;
  const auto undo = [&] {
    if (rolled_back) return;
    rolled_back = true;
    tx.exec("ROLLBACK TO SAVEPOINT " + kSavepoint);
  };
  try {
    // Leased here only at the head of its ordering key (the check and the lease in one statement).
    const bool head =
        !postgres::exec_prefixed(
             tx, "SAVEPOINT " + kSavepoint + ";",
             "UPDATE jobs SET state = 'running', attempts = attempts + 1,"
             "       locked_until = now() + make_interval(secs => $4::float8)"
             " WHERE workspace_id = $1::uuid AND id = $2::bigint AND NOT EXISTS (SELECT 1 FROM jobs k"
             "   WHERE k.ordering_key = $3::text AND (k.ordering_key, k.id) < ($3::text, $2::bigint)"
             "     AND k.state <> 'dead')"
             " RETURNING 1",
             {next.workspace_id, std::to_string(next.id), next.ordering_key,
              std::to_string(static_cast<double>(options_.lease.count()))})
             .empty();
    if (!head) return {};  // nothing written: an ordinary claim takes it in turn
    auto first = handler->second(next, tx);
    auto* later = std::get_if<Continuation>(&first);
    if (!later) {
      // Settled at once (e.g. a simulator reply): kept; anything else is undone.
      if (std::get<JobResult>(first).outcome == JobResult::Outcome::kDone) {
        ++completed_;
        ++taken_here;
      } else {
        undo();
      }
      return {};
    }
    ++taken_here;
    return std::move(*later);
  } catch (const pqxx::broken_connection&) {
    throw;
  } catch (const std::exception& e) {
    log::warn("a queued job could not start at once", {{"kind", next.kind}, {"error", e.what()}});
    undo();  // if even this fails, the whole job rolls back and runs again
    return {};
  }
}

// Runs a claimed job's second part (its row marked running and committed) and settles the job.
void JobRunner::finish(pqxx::connection& conn, const Job& job, const Continuation& later) {
  JobResult result;
  try {
    result = later(conn);
  } catch (const pqxx::broken_connection&) {
    throw;  // the lease brings the job back; the worker reconnects
  } catch (const std::exception& e) {
    result = JobResult::retry(backoff(job.attempts), e.what());
  }
  if (result.outcome == JobResult::Outcome::kDone) {
    ++completed_;
    return;
  }
  settle_failure(conn, job, result, true);
}

void JobRunner::settle_failure(pqxx::connection& conn, const Job& job, const JobResult& result,
                               bool marked_running) {
  pqxx::work tx(conn);
  record_failure(tx, job, result, marked_running);
  tx.commit();
}

namespace {
// Settled only while the row is as this worker left it: a job whose claim was rolled back may have
// been claimed again meanwhile, and a lease may have run out and been taken over. The UPDATE waits
// for whoever holds the row and checks `attempts` again on what they left, so a job is never
// settled twice (nor by a worker that lost it).
constexpr const char* kRetryJob =
    "UPDATE jobs SET state = 'queued', attempts = $5, locked_until = NULL, last_error = $3,"
    "       run_at = now() + make_interval(secs => $4)"
    " WHERE workspace_id = $1 AND id = $2 AND attempts = $6 AND state IN ('queued', 'running')";
constexpr const char* kBuryJob =
    "UPDATE jobs SET state = 'dead', attempts = $4, locked_until = NULL, last_error = $3"
    " WHERE workspace_id = $1 AND id = $2 AND attempts = $5 AND state IN ('queued', 'running')";
}  // namespace

bool JobRunner::record_failure(pqxx::transaction_base& tx, const Job& job, const JobResult& result,
                               bool marked_running) {
  // The row counts this attempt once marked running; a claim alone does not write it.
  const int seen_attempts = marked_running ? job.attempts : job.attempts - 1;
  if (result.outcome == JobResult::Outcome::kRetry && job.attempts < job.max_attempts) {
    const auto r =
        postgres::exec(tx, kRetryJob, job.workspace_id, job.id, result.reason,
                       static_cast<double>(result.delay.count()) / 1000.0, job.attempts, seen_attempts);
    if (r.affected_rows() == 0) return false;
    ++retried_;
    log::warn("job will be retried", {{"kind", job.kind},
                                      {"job", job.id},
                                      {"attempt", job.attempts},
                                      {"reason", result.reason},
                                      {"delay_ms", static_cast<long long>(result.delay.count())}});
    return true;
  }
  const std::string reason =
      result.outcome == JobResult::Outcome::kRetry
          ? "gave up after " + std::to_string(job.attempts) + " attempts: " + result.reason
          : result.reason;
  const auto r = postgres::exec(tx, kBuryJob, job.workspace_id, job.id, reason, job.attempts, seen_attempts);
  if (r.affected_rows() == 0) return false;
  ++buried_;
  log::error("job moved to the dead letters", {{"kind", job.kind}, {"job", job.id}, {"reason", reason}});
  return true;
}

void JobRunner::run(int index) {
  inside_job_worker = true;
  std::unique_ptr<pqxx::connection> conn;
  int streak = 0;           // this worker's consecutive claims that found a job with more behind it
  bool claim_again = true;  // the last claim said there may be more (at start: jobs left from before)
  while (true) {
    {
      std::unique_lock lock(mutex_);
      if (!claim_again) {
        // Idle until a wake-up, or a poll now and then (retries coming due, leases running out,
        // a notification missed while reconnecting).
        cv_.wait_for(lock, options_.idle_poll, [&] { return stopping_ || announced_ > 0; });
      }
      if (stopping_) break;
      if (announced_ > 0) --announced_;  // this claim answers one wake-up, whoever it was for
    }
    if (busy_ && busy_()) std::this_thread::sleep_for(kYield);  // not on cv_: wake-ups are for idle workers
    Claimed claimed = Claimed::kNothing;
    try {
      if (!conn || !conn->is_open()) {
        conn = std::make_unique<pqxx::connection>(conninfo_);
        // Every statement a job runs is keyed (a message, a conversation, a job, a customer) or
        // bounded, so its generic plan is right whatever the values. Left to choose, PostgreSQL's
        // plan cache compares each new generic plan with the average of the first custom plans,
        // made on the tables as they were then; after an analyze of a grown table it switched
        // statements such as the message's first read to a new plan on every call (0.6 ms each).
        pqxx::nontransaction(*conn).exec("SET plan_cache_mode = force_generic_plan");
        conn->prepare(kClaim, kClaimSql);
      }
      claimed = run_one(*conn);
      refresh_counts(*conn);
    } catch (const std::exception& e) {
      log::error("job worker error", {{"worker", index}, {"error", e.what()}});
      conn.reset();
      claim_again = true;  // after the pause: the job in hand, if any, is back in the queue
      std::unique_lock lock(mutex_);
      cv_.wait_for(lock, std::chrono::seconds(1), [&] { return stopping_; });
      continue;
    }
    claim_again = claimed == Claimed::kJobAndMore;
    if (!claim_again) {
      streak = 0;
      continue;
    }
    // Two jobs in a row with more behind them is a backlog (one notification can stand for a whole
    // group of stored deliveries): pass the baton to one idle worker, so they all join in turn.
    if (++streak >= 2) wake();
  }
}

}  // namespace shopme::postgres
