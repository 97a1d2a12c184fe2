#pragma once
// The durable job queue in PostgreSQL (table `jobs`). Jobs sharing an ordering key run strictly one
// after another in id order; different keys run in parallel on several workers and processes.
// A claim is a lease: a worker that dies leaves its job to be claimed again when the lease ends.
#include <any>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <boost/json/object.hpp>
#include <pqxx/connection>
#include <pqxx/dbtransaction>
#include <pqxx/transaction_base>

namespace shopme::postgres {

struct Job {
  std::string workspace_id;
  long long id = 0;
  std::string kind;
  std::string ordering_key;
  boost::json::object payload;
  int attempts = 0;  // including this one
  int max_attempts = 0;
  // The claim deleted the row already (a job handled wholly in the claiming transaction: its
  // completion commits with its effects, and a rollback brings it back); complete_job has nothing to do.
  bool deleted_with_claim = false;
  // Set for a job leased by the very statement that queued it (see start_at_once_lease): what its
  // first part would otherwise read, so that part runs no statement of its own.
  std::optional<boost::json::object> started = std::nullopt;
  // In memory only, for a job started at once: what the job that queued it read already and passes
  // on (see enqueue_job_to_start). Empty when the job was claimed: it reads for itself.
  std::any handed_over = {};
};

// Work to do after a job's transaction has committed (e.g. a counter that must not hold a hot row's
// lock through the commit); a failure there is logged, the job stays done.
using AfterCommit = std::function<void(pqxx::connection&)>;

struct JobResult {
  enum class Outcome {
    kDone,   // the handler completed the job in its own transaction (complete_job)
    kRetry,  // try again after `delay`; becomes a dead letter when attempts are used up
    kDead,   // give up now, keeping the job and `reason` as a dead letter
  };
  Outcome outcome = Outcome::kDone;
  std::chrono::milliseconds delay{0};
  std::string reason;
  AfterCommit after_commit;  // transactional and plain handlers (run after a reply it started is sent)

  static JobResult done() { return {}; }
  static JobResult retry(std::chrono::milliseconds delay, std::string reason) {
    return {Outcome::kRetry, delay, std::move(reason), {}};
  }
  static JobResult dead(std::string reason) { return {Outcome::kDead, {}, std::move(reason), {}}; }
};

void enqueue_job(pqxx::transaction_base& tx, const std::string& workspace_id, const std::string& kind,
                 const std::string& ordering_key, const boost::json::object& payload, int max_attempts = 8);
// For a statement that inserted a job row itself, as part of a larger write: what enqueue_job does
// after its INSERT (a job queued by a job worker may start in that job's commit; elsewhere the
// workers are notified).
void job_enqueued(pqxx::transaction_base& tx, Job job);
// Inside the first part of a job's handler (in its claiming transaction) that has queued no job
// yet: the lease, in seconds, under which the job it queues now may be written already running and
// prepared (Job::started); the runner runs that job's first part from what the statement returned
// and its second part right after the commit. nullopt anywhere else: queue it as usual.
std::optional<double> start_at_once_lease();
// Inside the first part of a job's handler: queues a job that is written already leased when
// nothing of its ordering key is unfinished, and then runs on this worker right after the commit
// (no claim, no wake-up), its kind registered with `handle(kind, handler, true)`. The caller must
// hold a lock that keeps others from queueing under that key meanwhile (e.g. the conversation's
// row), or an earlier job of the key could commit unseen and run beside it. `handed_over` reaches
// the job as Job::handed_over when it starts here (never when it is claimed later).
void enqueue_job_to_start(pqxx::transaction_base& tx, const std::string& workspace_id,
                          const std::string& kind, const std::string& ordering_key,
                          const boost::json::object& payload, int max_attempts = 8,
                          std::any handed_over = {});
// Deletes the job inside the handler's transaction, so its effects and its completion commit together.
void complete_job(pqxx::transaction_base& tx, const Job& job);

// Vacuums the jobs table, run every couple of seconds beside the workers (a PeriodicTask). Every
// job is inserted and deleted within moments, so the low end of the due-jobs index fills with the
// entries of deleted jobs, which every claim walks before it reaches a live one; autovacuum comes
// round once a minute at best (60,000 such entries at 1,000 messages/s). Skipped while another
// process's vacuum of the table runs.
void vacuum_jobs(pqxx::connection& conn);

// Exponential backoff with full jitter between half and all of min(cap, base * 2^(attempt-1)).
std::chrono::milliseconds backoff(int attempt,
                                  std::chrono::milliseconds base = std::chrono::milliseconds(500),
                                  std::chrono::milliseconds cap = std::chrono::minutes(5));

class JobRunner {
 public:
  using Handler = std::function<JobResult(const Job&, pqxx::connection&)>;
  // A handler that only touches the database runs inside the claiming transaction: the row lock is
  // the claim, a crash rolls everything back, and the job costs one commit instead of two.
  using TransactionalHandler = std::function<JobResult(const Job&, pqxx::dbtransaction&)>;

  struct Options {
    int workers = 4;
    std::chrono::seconds lease{60};
    std::chrono::milliseconds idle_poll{1000};  // also woken by NOTIFY shopme_jobs
  };

  JobRunner(std::string conninfo, Options options);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // A handler in two parts: the first runs in the claiming transaction and either settles the job
  // there (a JobResult, as a transactional handler does) or returns the second part, which runs
  // after the claim — and whatever the first part wrote — has committed, with no transaction open.
  // For a job that calls out and must record that it is about to, in the claim's own commit.
  using Continuation = std::function<JobResult(pqxx::connection&)>;
  // The first part gets the claiming transaction, or a savepoint of the transaction of the job that
  // queued it (see start_in).
  using SplitHandler = std::function<std::variant<JobResult, Continuation>(const Job&, pqxx::dbtransaction&)>;

  // `starts_at_once`: a job of this kind queued with enqueue_job_to_start runs on the worker that
  // queued it, right after that commit, which then need not wait for its disk flush (the handler
  // commits its own work, durably where it must).
  void handle(const std::string& kind, Handler handler, bool starts_at_once = false);
  void handle_in_transaction(const std::string& kind, TransactionalHandler handler);
  // A job leased by the statement that queued it (Job::started) skips its first part: `resume`
  // makes its second part from what that statement returned, with no transaction.
  using Resume = std::function<Continuation(const Job&)>;
  void handle_in_two_parts(const std::string& kind, SplitHandler handler, Resume resume = {});
  // Asked before each claim: true while something more urgent needs the database (the webhook
  // ingest falling behind). Workers then pause kYield before each job, so acknowledgements stay
  // fast during a burst while jobs still move; the backlog is worked off when the burst ends.
  void yield_while(std::function<bool()> busy) { busy_ = std::move(busy); }
  static constexpr std::chrono::milliseconds kYield{20};
  void start();
  // Finishes the jobs in hand, then joins the workers.
  void stop();
  void wake();

  [[nodiscard]] long long completed() const { return completed_.load(); }
  [[nodiscard]] long long retried() const { return retried_.load(); }
  [[nodiscard]] long long buried() const { return buried_.load(); }
  // Refreshed by the workers every few seconds (read by /metrics without touching the database).
  [[nodiscard]] long long queued() const { return queued_.load(); }
  [[nodiscard]] long long dead_letters() const { return dead_.load(); }

 private:
  // What a claim found, and whether the worker should claim again at once (see run).
  enum class Claimed { kNothing, kJob, kJobAndMore };
  void run(int index);
  Claimed run_one(pqxx::connection& conn);
  static void run_after_commit(const JobResult& result, const Job& job, pqxx::connection& conn);
  void mark_running(pqxx::transaction_base& tx, const Job& job) const;
  Continuation start_in(const Job& next, pqxx::dbtransaction& tx);
  void finish(pqxx::connection& conn, const Job& job, const Continuation& later);
  // `marked_running`: the row was marked running for this attempt (a second part); otherwise the
  // claim alone held it, and may have been rolled back (see record_failure).
  void settle_failure(pqxx::connection& conn, const Job& job, const JobResult& result, bool marked_running);
  bool record_failure(pqxx::transaction_base& tx, const Job& job, const JobResult& result,
                      bool marked_running);
  void refresh_counts(pqxx::connection& conn);

  std::string conninfo_;
  Options options_;
  std::map<std::string, Handler> handlers_;
  using FirstPart = std::function<std::variant<JobResult, Continuation>(const Job&, pqxx::dbtransaction&)>;
  std::map<std::string, FirstPart> split_;  // two-part and transactional handlers (those settle at once)
  std::map<std::string, SplitHandler> two_part_;
  std::map<std::string, Resume> resume_;
  Continuation resume(const Job& started);
  void finish_started(pqxx::connection& conn);
  JobResult run_whole(const Handler& handler, const Job& job, pqxx::connection& conn);
  std::map<std::string, bool> starts_at_once_;  // plain handlers' kinds that start at once
  [[nodiscard]] bool starts_at_once(const std::string& kind) const;
  std::string whole_in_claim_;  // kinds handled wholly in the claiming transaction (a text[] literal)
  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  int announced_ = 0;  // wake-ups not yet answered by a claim (at most one per worker)
  // Claims that found nothing while another worker of this process held a job: that job may head
  // the key of what the claim could not take, so its worker claims again once it is done.
  std::atomic<long long> missed_{0};
  std::atomic<int> in_hand_{0};  // workers claiming or holding a job
  std::atomic<long long> completed_{0}, retried_{0}, buried_{0}, queued_{0}, dead_{0};
  std::atomic<long long> last_count_ms_{0};
  std::function<bool()> busy_;
};

}  // namespace shopme::postgres
