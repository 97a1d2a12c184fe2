#pragma once
// Webhook deliveries are made durable in groups: while one transaction commits, the deliveries that
// arrive meanwhile queue up and go into the next one. Each delivery's acknowledgement waits for the
// commit that holds it (nothing acknowledged is lost), but many deliveries share one disk flush, so
// the rate is no longer one commit per delivery. Signatures are checked here, before anything is
// stored, with the app secret of the channel the payload names.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/array.hpp>
#include <memory>
#include <pqxx/connection>

#include "infrastructure/crypto/sealed.hpp"

namespace shopme::messaging {

enum class IngestOutcome {
  kStored,        // committed (or a redelivery of what was)
  kIgnored,       // no channel has this phone number id: acknowledged so the provider stops
  kBadSignature,  // missing or wrong X-Hub-Signature-256
  kMalformed,     // not a WhatsApp Business Account delivery
  kUnavailable,   // the database refused; the provider will deliver again
};

struct Delivery {
  std::string body;       // raw bytes, exactly as signed
  std::string signature;  // X-Hub-Signature-256 header value
};

class WebhookIngestor {
 public:
  using Done = std::function<void(IngestOutcome)>;
  struct Options {
    int threads = 1;
    std::size_t queue_capacity = 20'000;
    std::size_t max_batch = 500;
    std::chrono::seconds channel_cache_ttl{30};
  };

  WebhookIngestor(std::string conninfo, const crypto::Sealer& sealer, Options options);
  ~WebhookIngestor();
  WebhookIngestor(const WebhookIngestor&) = delete;
  WebhookIngestor& operator=(const WebhookIngestor&) = delete;

  void start();
  // Stores what was submitted, then joins.
  void stop();
  // False (and `done` not called) when the queue is full: the caller answers 503.
  [[nodiscard]] bool submit(Delivery delivery, Done done);
  // A channel changed (this or another process): forget cached secrets.
  void invalidate_channels();
  // Called after a commit that stored new messages (so new jobs), before the acknowledgements: this
  // process's job workers start at once instead of when the commit's NOTIFY comes back to it.
  void on_stored(std::function<void()> fn) { on_stored_ = std::move(fn); }
  // Whether a notification was sent by one of this ingestor's connections (see on_stored).
  [[nodiscard]] bool sent_by_me(int backend_pid) const;

  [[nodiscard]] long long deliveries() const { return deliveries_.load(); }
  [[nodiscard]] long long batches() const { return batches_.load(); }
  [[nodiscard]] long long queue_depth() const { return depth_.load(); }

 private:
  struct Pending {
    Delivery delivery;
    Done done;
  };
  struct CachedChannel {
    std::string workspace_id;  // empty: no channel has this number
    std::optional<std::string> app_secret;
    std::chrono::steady_clock::time_point expires;
  };
  using Connection = std::unique_ptr<pqxx::connection>;
  void run(int slot);
  void process(std::vector<Pending>& batch, Connection& conn, int slot);
  void connect(Connection& conn, int slot);
  void resolve(std::vector<std::string> phone_ids, pqxx::connection& conn);

  std::string conninfo_;
  const crypto::Sealer& sealer_;
  Options options_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<Pending> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::mutex cache_mutex_;
  std::map<std::string, CachedChannel> cache_;
  std::atomic<long long> deliveries_{0}, batches_{0}, depth_{0};
  std::function<void()> on_stored_;
  std::unique_ptr<std::atomic<int>[]> backend_pids_;  // one per thread, 0 while not connected
};

}  // namespace shopme::messaging
