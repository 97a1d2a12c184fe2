// The job queue on a real database: one ordering key strictly in order, several keys in parallel,
// retries with backoff into the dead letters, and a transactional handler's rollback.
#include <gtest/gtest.h>
#include <algorithm>

#include <atomic>
#include <boost/json.hpp>
#include <map>
#include <mutex>
#include <pqxx/pqxx>
#include <thread>
#include <variant>

#include "cluster_env.hpp"
#include "infrastructure/postgres/job_queue.hpp"
#include "infrastructure/postgres/migrations.hpp"

using namespace shopme;
using namespace std::chrono_literals;

namespace {

struct Queue {
  std::string conninfo;
  std::string workspace;
  explicit Queue(const std::string& name) : conninfo(test_support::ClusterEnv::get().fresh_database(name)) {
    pqxx::connection c(conninfo);
    postgres::MigrationRunner(c, postgres::builtin_migrations()).apply();
    pqxx::work tx(c);
    workspace = tx.exec1("INSERT INTO workspaces (name, slug) VALUES ('W', 'w') RETURNING id::text")[0]
                    .as<std::string>();
    tx.commit();
  }
  void add(const std::string& key, int n, const std::string& kind = "work", int max_attempts = 8) {
    pqxx::connection c(conninfo);
    pqxx::work tx(c);
    for (int i = 0; i < n; ++i) postgres::enqueue_job(tx, workspace, kind, key, {{"n", i}}, max_attempts);
    tx.commit();
  }
  long long count(const std::string& where) {
    pqxx::connection c(conninfo);
    pqxx::read_transaction tx(c);
    return tx.exec1("SELECT count(*) FROM jobs WHERE " + where)[0].as<long long>();
  }
};

// What a statement that leases the job it queues does: an "out" job written running, and its facts.
void queue_leased(pqxx::transaction_base& tx, const std::string& workspace, const std::string& key,
                  int value) {
  const auto id = tx.exec1(
                        "INSERT INTO jobs (workspace_id, kind, ordering_key, state, attempts, locked_until)"
                        " VALUES (" +
                        tx.quote(workspace) + ", 'out', " + tx.quote(key) +
                        ", 'running', 1,"
                        " now() + make_interval(secs => " +
                        std::to_string(*postgres::start_at_once_lease()) + ")) RETURNING id")[0]
                      .as<long long>();
  postgres::Job out{workspace, id, "out", key, {}, 1, 8};
  out.started = boost::json::object{{"value", value}};
  postgres::job_enqueued(tx, out);
}

template <class F>
bool eventually(F f, std::chrono::milliseconds limit = 20s) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (f()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return f();
}

TEST(JobQueue, OneKeyInOrderSeveralKeysInParallel) {
  Queue q("jobs_order");
  std::mutex m;
  std::map<std::string, std::vector<long long>> seen;
  std::atomic<int> running{0}, most{0};
  postgres::JobRunner runner(q.conninfo, {4, 30s, 100ms});
  runner.handle_in_transaction("work", [&](const postgres::Job& job, pqxx::dbtransaction& tx) {
    const int now = ++running;
    int prev = most.load();
    while (now > prev && !most.compare_exchange_weak(prev, now)) {
    }
    std::this_thread::sleep_for(5ms);
    {
      std::lock_guard lock(m);
      seen[job.ordering_key].push_back(job.payload.at("n").as_int64());
    }
    --running;
    postgres::complete_job(tx, job);
    return postgres::JobResult::done();
  });
  for (const char* key : {"a", "b", "c", "d"}) q.add(key, 25);
  runner.start();
  ASSERT_TRUE(eventually([&] { return q.count("true") == 0; }));
  runner.stop();
  for (const auto& [key, order] : seen) {
    ASSERT_EQ(order.size(), 25u) << key;
    for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], static_cast<long long>(i)) << key;
  }
  EXPECT_GE(most.load(), 2) << "different keys ran at the same time";
  EXPECT_EQ(runner.completed(), 100);
}

TEST(JobQueue, RetriesWithBackoffThenDeadLetterWithTheReason) {
  Queue q("jobs_dead");
  std::atomic<int> calls{0};
  std::vector<std::chrono::steady_clock::time_point> at;
  std::mutex m;
  postgres::JobRunner runner(q.conninfo, {2, 30s, 50ms});
  runner.handle("flaky", [&](const postgres::Job&, pqxx::connection&) {
    ++calls;
    std::lock_guard lock(m);
    at.push_back(std::chrono::steady_clock::now());
    return postgres::JobResult::retry(200ms, "provider said 503");
  });
  q.add("k", 1, "flaky", 3);
  q.add("k", 1, "unknown-kind", 3);
  runner.start();
  ASSERT_TRUE(eventually([&] { return q.count("state = 'dead'") == 2; }));
  runner.stop();
  EXPECT_EQ(calls.load(), 3);
  ASSERT_EQ(at.size(), 3u);
  EXPECT_GE(at[1] - at[0], 150ms) << "the retry waited";
  EXPECT_EQ(
      q.count(
          "state = 'dead' AND last_error = 'gave up after 3 attempts: provider said 503' AND attempts = 3"),
      1);
  EXPECT_EQ(q.count("state = 'dead' AND last_error LIKE 'no handler%'"), 1);
  EXPECT_EQ(runner.buried(), 2);
}

TEST(JobQueue, ATransactionalHandlerThatThrowsLeavesNothingBehind) {
  Queue q("jobs_rollback");
  std::atomic<int> calls{0};
  postgres::JobRunner runner(q.conninfo, {1, 30s, 50ms});
  runner.handle_in_transaction("write", [&](const postgres::Job& job, pqxx::dbtransaction& tx) {
    tx.exec0("INSERT INTO audit_log (action) VALUES ('side effect')");
    if (++calls == 1) throw std::runtime_error("boom");
    postgres::complete_job(tx, job);
    return postgres::JobResult::done();
  });
  q.add("k", 1, "write");
  runner.start();
  ASSERT_TRUE(eventually([&] { return q.count("true") == 0; }, 30s));
  runner.stop();
  EXPECT_EQ(calls.load(), 2);
  pqxx::connection c(q.conninfo);
  pqxx::read_transaction tx(c);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'side effect'")[0].as<int>(), 1)
      << "the failed attempt's write was rolled back";
}

TEST(JobQueue, ATwoPartHandlerCommitsItsFirstPartWithTheClaimBeforeTheSecondRuns) {
  Queue q("jobs_two_parts");
  std::atomic<int> later_calls{0}, settled_at_once{0};
  std::atomic<bool> first_part_visible{true};
  postgres::JobRunner runner(q.conninfo, {2, 30s, 50ms});
  using Next = std::variant<postgres::JobResult, postgres::JobRunner::Continuation>;
  runner.handle_in_two_parts("call", [&](const postgres::Job& job, pqxx::dbtransaction& tx) -> Next {
    if (job.payload.at("n").as_int64() == 1) {  // nothing to call: settled in the claim
      ++settled_at_once;
      postgres::complete_job(tx, job);
      return postgres::JobResult::done();
    }
    tx.exec0("INSERT INTO audit_log (action) VALUES ('about to call')");
    return [&, job](pqxx::connection& conn) {
      // Another connection sees the first part's write and the running job: it committed.
      pqxx::connection other(q.conninfo);
      pqxx::read_transaction check(other);
      const auto seen = check.exec1(
          "SELECT (SELECT count(*) FROM audit_log WHERE action = 'about to call'),"
          "       (SELECT count(*) FROM jobs WHERE state = 'running')");
      if (seen[0].as<int>() < 1 || seen[1].as<int>() != 1) first_part_visible = false;
      if (++later_calls == 1) throw std::runtime_error("the call failed");
      pqxx::work tx2(conn);
      postgres::complete_job(tx2, job);
      tx2.commit();
      return postgres::JobResult::done();
    };
  });
  pqxx::connection c(q.conninfo);
  {
    pqxx::work tx(c);
    postgres::enqueue_job(tx, q.workspace, "call", "k", {{"n", 0}});
    postgres::enqueue_job(tx, q.workspace, "call", "k", {{"n", 1}});
    tx.commit();
  }
  runner.start();
  ASSERT_TRUE(eventually([&] { return q.count("true") == 0; }, 30s));
  runner.stop();
  EXPECT_TRUE(first_part_visible.load());
  EXPECT_EQ(later_calls.load(), 2) << "the failed second part was retried";
  EXPECT_EQ(settled_at_once.load(), 1);
  pqxx::read_transaction tx(c);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'about to call'")[0].as<int>(), 2)
      << "each attempt's first part committed before its call";
}

TEST(JobQueue, AJobQueuedByAJobStartsInItsCommitUnlessAnEarlierJobOfItsKeyWaits) {
  Queue q("jobs_chained");
  std::mutex m;
  std::vector<std::pair<std::thread::id, std::string>> ran;  // who ran what, in order
  postgres::JobRunner runner(q.conninfo, {2, 30s, 2s});      // idle poll long: no wake-up by polling
  using Next = std::variant<postgres::JobResult, postgres::JobRunner::Continuation>;
  runner.handle_in_transaction("in", [&](const postgres::Job& job, pqxx::dbtransaction& tx) {
    {
      std::lock_guard lock(m);
      ran.emplace_back(std::this_thread::get_id(), "in");
    }
    tx.exec0("INSERT INTO audit_log (action) VALUES ('in')");
    postgres::enqueue_job(tx, job.workspace_id, "out",
                          "out:" + std::string(job.payload.at("key").as_string()),
                          {{"n", job.payload.at("n")}});
    postgres::complete_job(tx, job);
    return postgres::JobResult::done();
  });
  runner.handle_in_two_parts("out", [&](const postgres::Job&, pqxx::dbtransaction& tx) -> Next {
    tx.exec0("INSERT INTO audit_log (action) VALUES ('out first part')");
    return [&](pqxx::connection&) {
      {
        std::lock_guard lock(m);
        ran.emplace_back(std::this_thread::get_id(), "out");
      }
      return postgres::JobResult::done();
    };
  });
  // The second part does not complete its job here, so its row shows how it was claimed.
  pqxx::connection c(q.conninfo);
  {
    pqxx::work tx(c);
    postgres::enqueue_job(tx, q.workspace, "in", "in:a", {{"n", 1}, {"key", "a"}});
    tx.commit();
  }
  runner.start();
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(m);
    return ran.size() == 2;
  }));
  runner.stop();
  ASSERT_EQ(ran.size(), 2u);
  EXPECT_EQ(ran[0].second, "in");
  EXPECT_EQ(ran[1].second, "out");
  EXPECT_EQ(ran[0].first, ran[1].first) << "the queued job ran on the same worker, right after";
  EXPECT_EQ(q.count("kind = 'out' AND state = 'running' AND attempts = 1"), 1)
      << "claimed and marked running in the first job's commit";
  pqxx::read_transaction tx(c);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM audit_log WHERE action = 'out first part'")[0].as<int>(), 1);
  // now() is the transaction's start: the same for both rows only if one transaction wrote both.
  EXPECT_EQ(
      tx.exec1("SELECT count(DISTINCT created_at) FROM audit_log WHERE action IN ('in', 'out first part')")[0]
          .as<int>(),
      1)
      << "the queued job's first part ran in the transaction of the job that queued it";
}

TEST(JobQueue, AJobLeasedByTheStatementThatQueuedItStartsFromWhatItReturned) {
  Queue q("jobs_started");
  std::mutex m;
  std::vector<long long> started_with;  // the value the second parts got from the first job
  std::atomic<int> in_attempts{0};
  std::atomic<bool> lease_outside_first_part{false};
  postgres::JobRunner runner(q.conninfo, {2, 30s, 2s});
  using Next = std::variant<postgres::JobResult, postgres::JobRunner::Continuation>;
  runner.handle_in_transaction("in", [&](const postgres::Job& job, pqxx::dbtransaction& tx) {
    if (!postgres::start_at_once_lease())
      throw std::runtime_error("no lease offered to the first job queued");
    queue_leased(tx, job.workspace_id, "out:a", 42);
    // Only the first job queued may be leased at once.
    if (postgres::start_at_once_lease()) throw std::runtime_error("a second lease offered");
    // The first attempt fails after queuing: the leased job must go with its rollback.
    if (++in_attempts == 1) throw std::runtime_error("first attempt fails");
    postgres::complete_job(tx, job);
    return postgres::JobResult::done();
  });
  runner.handle_in_two_parts(
      "out",
      [&](const postgres::Job&, pqxx::dbtransaction&) -> Next {
        return postgres::JobResult::dead("a job leased at once ran its first part");
      },
      [&](const postgres::Job& job) -> postgres::JobRunner::Continuation {
        if (postgres::start_at_once_lease()) lease_outside_first_part = true;
        const auto value = job.started->at("value").as_int64();
        return [&, value](pqxx::connection&) {
          std::lock_guard lock(m);
          started_with.push_back(value);
          return postgres::JobResult::done();
        };
      });
  EXPECT_FALSE(postgres::start_at_once_lease()) << "outside a job worker";
  q.add("in:a", 1, "in");
  runner.start();
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(m);
    return !started_with.empty();
  }));
  runner.stop();
  EXPECT_EQ(in_attempts.load(), 2);
  ASSERT_EQ(started_with.size(), 1u) << "the rolled-back attempt's leased job never ran";
  EXPECT_EQ(started_with[0], 42);
  EXPECT_FALSE(lease_outside_first_part.load()) << "a started job's own first part may not lease at once";
  // The second part does not complete its job: one row, as the statement leased it.
  EXPECT_EQ(q.count("kind = 'out'"), 1);
  EXPECT_EQ(q.count("kind = 'out' AND state = 'running' AND attempts = 1"), 1);
  EXPECT_EQ(q.count("kind = 'in'"), 0);
}

TEST(JobQueue, APlainHandlersJobLeasedAtOnceRunsOnceTheHandlerIsDone) {
  Queue q("jobs_started_plain");
  std::atomic<int> resumed{0};
  std::atomic<bool> handler_done{false}, resumed_after_handler{false};
  postgres::JobRunner runner(q.conninfo, {1, 30s, 2s});
  using Next = std::variant<postgres::JobResult, postgres::JobRunner::Continuation>;
  runner.handle("plain", [&](const postgres::Job& job, pqxx::connection& conn) {
    pqxx::work tx(conn);
    if (!postgres::start_at_once_lease())
      throw std::runtime_error("no lease offered to a plain handler's first job");
    queue_leased(tx, job.workspace_id, "out:p", 7);
    postgres::complete_job(tx, job);
    tx.commit();
    handler_done = true;
    return postgres::JobResult::done();
  });
  runner.handle_in_two_parts(
      "out",
      [&](const postgres::Job&, pqxx::dbtransaction&) -> Next { return postgres::JobResult::dead("no"); },
      [&](const postgres::Job& job) -> postgres::JobRunner::Continuation {
        resumed_after_handler = handler_done.load();
        const auto value = job.started->at("value").as_int64();
        return [&, value, job](pqxx::connection& conn) {
          pqxx::work tx(conn);
          postgres::complete_job(tx, job);
          tx.commit();
          resumed += static_cast<int>(value);
          return postgres::JobResult::done();
        };
      });
  q.add("p", 1, "plain");
  runner.start();
  ASSERT_TRUE(eventually([&] { return resumed.load() == 7; }));
  runner.stop();
  EXPECT_TRUE(resumed_after_handler.load()) << "the leased job starts only after the handler committed";
  EXPECT_EQ(q.count("true"), 0) << "both jobs done";
}

TEST(JobQueue, APlainJobQueuedToStartRunsOnTheWorkerThatQueuedItUnlessItsKeyHasAnEarlierJob) {
  Queue q("jobs_start_plain");
  std::mutex m;
  std::vector<std::pair<std::thread::id, std::string>> ran;  // who ran what, in order
  const auto note = [&](std::string what) {
    std::lock_guard lock(m);
    ran.emplace_back(std::this_thread::get_id(), std::move(what));
  };
  postgres::JobRunner runner(q.conninfo, {2, 30s, 2s});  // idle poll long: no wake-up by polling
  using Next = std::variant<postgres::JobResult, postgres::JobRunner::Continuation>;
  runner.handle_in_transaction("in", [&](const postgres::Job& job, pqxx::dbtransaction& tx) {
    note("in " + std::string(job.payload.at("key").as_string()));
    postgres::enqueue_job_to_start(tx, job.workspace_id, "turn",
                                   "conversation:" + std::string(job.payload.at("key").as_string()),
                                   {{"key", job.payload.at("key")}}, 3);
    postgres::complete_job(tx, job);
    return postgres::JobResult::done();
  });
  runner.handle(
      "turn",
      [&](const postgres::Job& job, pqxx::connection& conn) {
        const std::string key(job.payload.at("key").as_string());
        note("turn " + key + " attempt " + std::to_string(job.attempts));
        pqxx::work tx(conn);
        // A started job's handler may itself start the job it queues (the reply's send).
        if (!postgres::start_at_once_lease()) throw std::runtime_error("no lease offered to the turn");
        queue_leased(tx, job.workspace_id, "out:" + key, 1);
        postgres::complete_job(tx, job);
        tx.commit();
        auto r = postgres::JobResult::done();
        r.after_commit = [&, key](pqxx::connection&) { note("counted " + key); };
        return r;
      },
      true);
  runner.handle_in_two_parts(
      "out",
      [&](const postgres::Job&, pqxx::dbtransaction&) -> Next { return postgres::JobResult::dead("no"); },
      [&](const postgres::Job& job) -> postgres::JobRunner::Continuation {
        return [&, job](pqxx::connection& conn) {
          note("out " + job.ordering_key.substr(4));
          pqxx::work tx(conn);
          postgres::complete_job(tx, job);
          tx.commit();
          return postgres::JobResult::done();
        };
      });
  {
    pqxx::connection c(q.conninfo);
    pqxx::work tx(c);
    postgres::enqueue_job(tx, q.workspace, "in", "in:a", {{"key", "a"}});
    // Key b has an earlier job of the turn's key waiting: b's turn must be queued behind it.
    postgres::enqueue_job(tx, q.workspace, "in", "in:b", {{"key", "b"}});
    postgres::enqueue_job(tx, q.workspace, "turn", "conversation:b", {{"key", "b-earlier"}}, 3);
    tx.commit();
  }
  runner.start();
  const auto ran_all = [&] {
    std::lock_guard lock(m);
    return ran.size() == 11;
  };
  ASSERT_TRUE(eventually(ran_all));
  runner.stop();
  std::map<std::string, std::size_t> at;
  std::map<std::string, std::thread::id> by;
  for (std::size_t i = 0; i < ran.size(); ++i) {
    at[ran[i].second] = i;
    by[ran[i].second] = ran[i].first;
  }
  ASSERT_EQ(at.size(), 11u);
  EXPECT_EQ(by["in a"], by["turn a attempt 1"]) << "started on the worker that queued it";
  // The other worker's jobs may interleave in `ran`; on this worker nothing comes between the two.
  std::vector<std::string> on_worker;
  for (const auto& [thread, what] : ran) {
    if (thread == by["in a"]) on_worker.push_back(what);
  }
  const auto in_a = std::find(on_worker.begin(), on_worker.end(), "in a");
  ASSERT_NE(in_a, on_worker.end());
  ASSERT_NE(in_a + 1, on_worker.end());
  EXPECT_EQ(*(in_a + 1), "turn a attempt 1") << "right after, with no claim between";
  EXPECT_LT(at["turn a attempt 1"], at["out a"]);
  EXPECT_LT(at["out a"], at["counted a"]) << "the work after the commit waits for the reply it started";
  EXPECT_LT(at["turn b-earlier attempt 1"], at["turn b attempt 1"]) << "queued behind the earlier job";
  EXPECT_LT(at["in b"], at["turn b attempt 1"]);
  EXPECT_EQ(q.count("true"), 0) << "every job done";
}

TEST(JobQueue, WhileSomethingMoreUrgentIsBusyJobsSlowDownButStillMove) {
  Queue q("jobs_yield");
  std::atomic<int> asked{0};
  postgres::JobRunner runner(q.conninfo, {1, 30s, 50ms});
  runner.yield_while([&] {
    ++asked;
    return true;  // busy all the time
  });
  runner.handle_in_transaction("work", [&](const postgres::Job& job, pqxx::dbtransaction& tx) {
    postgres::complete_job(tx, job);
    return postgres::JobResult::done();
  });
  q.add("k", 10);
  const auto start = std::chrono::steady_clock::now();
  runner.start();
  ASSERT_TRUE(eventually([&] { return q.count("true") == 0; }, 20s)) << "not starved";
  const auto took = std::chrono::steady_clock::now() - start;
  runner.stop();
  EXPECT_GE(took, 10 * postgres::JobRunner::kYield) << "each job waited its turn";
  EXPECT_GE(asked.load(), 10);
}

TEST(JobQueue, ALeaseThatRunsOutGivesTheJobToAnotherWorker) {
  Queue q("jobs_lease");
  {
    // A worker claimed the job and died: state running, lease already over.
    pqxx::connection c(q.conninfo);
    pqxx::work tx(c);
    postgres::enqueue_job(tx, q.workspace, "work", "k", {{"n", 0}});
    tx.exec0("UPDATE jobs SET state = 'running', attempts = 1, locked_until = now() - interval '1 second'");
    tx.commit();
  }
  std::atomic<int> attempts{0};
  postgres::JobRunner runner(q.conninfo, {1, 30s, 50ms});
  runner.handle("work", [&](const postgres::Job& job, pqxx::connection& conn) {
    attempts = job.attempts;
    pqxx::work tx(conn);
    postgres::complete_job(tx, job);
    tx.commit();
    return postgres::JobResult::done();
  });
  runner.start();
  ASSERT_TRUE(eventually([&] { return q.count("true") == 0; }));
  runner.stop();
  EXPECT_EQ(attempts.load(), 2);
}

}  // namespace

// A worker claims again after a job only when there may be something to take; nothing may then wait
// for the idle poll (30 s here, longer than these tests allow).
TEST(JobQueue, AJobQueuedBehindOneInHandIsTakenWhenThatOneIsDoneWithoutAPoll) {
  Queue q("jobs_behind");
  postgres::JobRunner runner(q.conninfo, {2, 30s, 30s});
  std::atomic<bool> first_running{false};
  std::atomic<bool> release_first{false};
  std::mutex m;
  std::vector<long long> done;
  runner.handle_in_transaction("work", [&](const postgres::Job& job, pqxx::dbtransaction& tx) {
    if (job.payload.at("n").as_int64() == 0) {
      first_running = true;
      while (!release_first) std::this_thread::sleep_for(5ms);
    }
    postgres::complete_job(tx, job);
    std::lock_guard lock(m);
    done.push_back(job.payload.at("n").as_int64());
    return postgres::JobResult::done();
  });
  runner.start();
  std::this_thread::sleep_for(200ms);  // the workers' first claims found nothing: both idle now
  q.add("k", 1);
  runner.wake();
  ASSERT_TRUE(eventually([&] { return first_running.load(); }, 5s));
  // Queued while the head of its key is in hand: the worker woken for it finds nothing to take.
  {
    pqxx::connection c(q.conninfo);
    pqxx::work tx(c);
    postgres::enqueue_job(tx, q.workspace, "work", "k", {{"n", 1}});
    tx.commit();
  }
  runner.wake();
  std::this_thread::sleep_for(300ms);
  release_first = true;
  EXPECT_TRUE(eventually([&] { return q.count("true") == 0; }, 5s))
      << "the job behind the one in hand waited for a poll";
  runner.stop();
  std::lock_guard lock(m);
  EXPECT_EQ(done, (std::vector<long long>{0, 1}));
}

TEST(JobQueue, OneWakeUpDrainsABacklogOfManyKeysWithoutAPoll) {
  Queue q("jobs_one_wake");
  postgres::JobRunner runner(q.conninfo, {3, 30s, 30s});
  runner.handle_in_transaction("work", [&](const postgres::Job& job, pqxx::dbtransaction& tx) {
    std::this_thread::sleep_for(2ms);
    postgres::complete_job(tx, job);
    return postgres::JobResult::done();
  });
  runner.start();
  std::this_thread::sleep_for(200ms);  // idle
  for (const char* key : {"a", "b", "c", "d", "e", "f", "g", "h"}) q.add(key, 5);
  runner.wake();  // one notification for a whole commit group
  EXPECT_TRUE(eventually([&] { return q.count("true") == 0; }, 5s)) << q.count("true") << " jobs left";
  runner.stop();
  EXPECT_EQ(runner.completed(), 40);
}

TEST(JobQueue, TheJobsVacuumTakesTheEntriesOfFinishedJobsOutOfTheClaimsWalk) {
  Queue q("jobs_vacuum");
  q.add("k", 3000);
  pqxx::connection c(q.conninfo);
  const auto walk = [&] {  // index pages the claim's walk reads before its first live job
    pqxx::work tx(c);
    tx.exec0("SET LOCAL enable_seqscan = off");
    tx.exec0("SET LOCAL enable_bitmapscan = off");
    const auto plan = tx.exec(
        "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT id FROM jobs WHERE state IN ('queued', 'running')"
        " ORDER BY id LIMIT 1");
    return boost::json::parse(plan[0][0].c_str()).at(0).at("Plan").at("Shared Hit Blocks").as_int64();
  };
  {
    pqxx::work tx(c);
    tx.exec0("DELETE FROM jobs WHERE id < (SELECT max(id) FROM jobs)");  // all done but the last
    tx.commit();
  }
  walk();  // marks the dead entries it meets, as claims do
  const auto before = walk();
  postgres::vacuum_jobs(c);
  const auto after = walk();
  EXPECT_GT(before, 5) << "the walk reads the pages of the finished jobs' entries";
  EXPECT_LE(after, 3) << "after the vacuum it goes straight to the live job";
}

// A queue is empty most of the time: vacuumed idle, the table is recorded as empty, and every plan
// made afterwards expects one row from each scan of it. A burst then must not make each claim read
// the whole backlog for every job it passes (the check of a job's key once became such a scan).
TEST(JobQueue, AClaimReadsAboutWhatItPassesEvenWhenTheTableWasEmptyAtItsLastVacuum) {
  Queue q("jobs_empty_statistics");
  pqxx::connection c(q.conninfo);
  const auto fill = [&] {
    pqxx::work tx(c);
    tx.exec0(
        "INSERT INTO jobs (workspace_id, kind, ordering_key)"
        " SELECT " +
        tx.quote(q.workspace) + ", 'work', 'k' || g FROM generate_series(1, 20000) g");
    tx.commit();
  };
  fill();
  {
    pqxx::nontransaction tx(c);
    tx.exec0("DELETE FROM jobs");
    tx.exec0("VACUUM ANALYZE jobs");
  }
  fill();
  // Another worker holds the first 100 due jobs: the claim must pass them (SKIP LOCKED).
  pqxx::connection holder(q.conninfo);
  pqxx::work held(holder);
  held.exec("SELECT id FROM jobs ORDER BY id LIMIT 100 FOR UPDATE");
  const auto first_free =
      pqxx::nontransaction(c).exec1("SELECT id FROM jobs ORDER BY id OFFSET 100 LIMIT 1")[0].as<long long>();
  // A connection of its own: a backend's table counters also hold its earlier transactions' reads
  // until they are flushed.
  pqxx::connection claimer(q.conninfo);
  pqxx::work tx(claimer);
  const auto claimed = tx.exec1("SELECT job_id FROM shopme_claim_job('{}')")[0].as<long long>();
  EXPECT_EQ(claimed, first_free) << "the first job nobody holds";
  const auto read =
      tx.exec1(
            "SELECT coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0) FROM pg_stat_xact_user_tables"
            " WHERE relname = 'jobs'")[0]
          .as<long long>();
  EXPECT_LT(read, 2000) << "rows read by one claim passing 100 held jobs of a 20,000-job backlog";
  tx.abort();
  held.abort();
}
