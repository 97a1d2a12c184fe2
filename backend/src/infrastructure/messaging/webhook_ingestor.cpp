#include "infrastructure/messaging/webhook_ingestor.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <pqxx/pqxx>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/messaging/channel_settings.hpp"
#include "infrastructure/postgres/pqxx_compat.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "infrastructure/whatsapp/webhook_parser.hpp"

namespace shopme::messaging {
namespace json = boost::json;

WebhookIngestor::WebhookIngestor(std::string conninfo, const crypto::Sealer& sealer, Options options)
    : conninfo_(std::move(conninfo)),
      sealer_(sealer),
      options_(options),
      backend_pids_(std::make_unique<std::atomic<int>[]>(static_cast<std::size_t>(options.threads))) {}

WebhookIngestor::~WebhookIngestor() { stop(); }

void WebhookIngestor::start() {
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this, i] { run(i); });
}

void WebhookIngestor::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

bool WebhookIngestor::submit(Delivery delivery, Done done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queue_.size() >= options_.queue_capacity) return false;
    queue_.push_back({std::move(delivery), std::move(done)});
    ++depth_;
  }
  cv_.notify_one();
  return true;
}

void WebhookIngestor::invalidate_channels() {
  std::lock_guard lock(cache_mutex_);
  cache_.clear();
}

bool WebhookIngestor::sent_by_me(int backend_pid) const {
  for (int i = 0; i < options_.threads; ++i) {
    if (backend_pids_[static_cast<std::size_t>(i)].load() == backend_pid) return true;
  }
  return false;
}

void WebhookIngestor::connect(Connection& conn, int slot) {
  if (conn && conn->is_open()) return;
  backend_pids_[static_cast<std::size_t>(slot)] = 0;
  conn = std::make_unique<pqxx::connection>(conninfo_);
  backend_pids_[static_cast<std::size_t>(slot)] = conn->backendpid();
}

void WebhookIngestor::run(int slot) {
  Connection conn;
  while (true) {
    std::vector<Pending> batch;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything submitted is stored
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      depth_ -= static_cast<long long>(batch.size());
    }
    process(batch, conn, slot);
  }
}

void WebhookIngestor::resolve(std::vector<std::string> phone_ids, pqxx::connection& conn) {
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(cache_mutex_);
    std::erase_if(phone_ids, [&](const std::string& p) {
      auto it = cache_.find(p);
      return it != cache_.end() && it->second.expires > now;
    });
  }
  std::sort(phone_ids.begin(), phone_ids.end());
  phone_ids.erase(std::unique(phone_ids.begin(), phone_ids.end()), phone_ids.end());
  if (phone_ids.empty()) return;
  std::map<std::string, CachedChannel> found;
  {
    pqxx::nontransaction tx(conn);
    json::array ids;
    for (const auto& p : phone_ids) ids.emplace_back(p);
    const auto rows =
        postgres::exec(tx,
                       "SELECT phone_number_id, workspace_id, app_secret_sealed FROM whatsapp_channels"
                       " WHERE phone_number_id IN (SELECT jsonb_array_elements_text($1::jsonb))",
                       json::serialize(ids));
    for (const auto& r : rows) {
      CachedChannel c{r[1].c_str(), std::nullopt, now + options_.channel_cache_ttl};
      if (!r[2].is_null()) {
        if (auto raw = crypto::base64url_decode(r[2].c_str())) {
          c.app_secret = sealer_.open(*raw, seal_context(c.workspace_id, "appSecret"));
        }
      }
      found[r[0].c_str()] = std::move(c);
    }
  }
  std::lock_guard lock(cache_mutex_);
  for (const auto& p : phone_ids) {
    auto it = found.find(p);
    // Unknown numbers are remembered briefly so a misrouted flood costs no queries.
    cache_[p] =
        it != found.end() ? it->second : CachedChannel{"", std::nullopt, now + std::chrono::seconds(5)};
  }
}

void WebhookIngestor::process(std::vector<Pending>& batch, Connection& conn, int slot) {
  std::vector<IngestOutcome> outcomes(batch.size(), IngestOutcome::kStored);
  std::vector<std::optional<whatsapp::ParsedWebhook>> parsed(batch.size());
  std::vector<json::array> entries(batch.size());  // what each delivery adds to the batch

  try {
    connect(conn, slot);
    std::vector<std::string> phones;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const auto& d = batch[i].delivery;
      std::string why;
      parsed[i] = whatsapp::parse_webhook(d.body, &why);
      if (!parsed[i]) {
        outcomes[i] = IngestOutcome::kMalformed;
        continue;
      }
      for (const auto& part : parsed[i]->parts) phones.push_back(part.phone_number_id);
    }
    resolve(std::move(phones), *conn);
  } catch (const std::exception& e) {
    log::error("webhook ingestion cannot reach the database", {{"error", e.what()}});
    conn.reset();
    for (auto& p : batch) p.done(IngestOutcome::kUnavailable);
    return;
  }

  for (std::size_t i = 0; i < batch.size(); ++i) {
    const auto& d = batch[i].delivery;
    if (outcomes[i] != IngestOutcome::kStored) continue;
    const std::string_view prefix = "sha256=";
    const bool has_signature = d.signature.size() > prefix.size() && d.signature.starts_with(prefix);
    bool any_known = false;
    bool verified = true;
    bool raw_stored = false;
    std::lock_guard lock(cache_mutex_);
    for (auto& part : parsed[i]->parts) {
      const auto it = cache_.find(part.phone_number_id);
      if (it == cache_.end() || it->second.workspace_id.empty()) {
        log::warn("webhook for an unknown phone number id ignored",
                  {{"phone_number_id", part.phone_number_id}});
        continue;
      }
      any_known = true;
      const auto& secret = it->second.app_secret;
      if (!has_signature || !secret ||
          !crypto::equal_constant_time(crypto::hmac_sha256_hex(*secret, d.body),
                                       d.signature.substr(prefix.size()))) {
        verified = false;
        break;
      }
      for (const auto& e : part.errors) {
        log::warn("WhatsApp reported a problem",
                  {{"workspace", it->second.workspace_id}, {"error", json::serialize(e)}});
      }
      json::object entry{{"workspaceId", it->second.workspace_id},
                         {"messages", std::move(part.messages)},
                         {"statuses", std::move(part.statuses)}};
      if (!raw_stored) {
        entry["raw"] = d.body;
        raw_stored = true;
      }
      entries[i].push_back(std::move(entry));
    }
    if (!verified) {
      outcomes[i] = IngestOutcome::kBadSignature;
      entries[i].clear();
    } else if (!any_known) {
      outcomes[i] = IngestOutcome::kIgnored;
    }
  }

  // One statement, so its own (implicit) transaction: one round trip instead of BEGIN, the call and
  // COMMIT; the acknowledgements still wait for the commit, which ends the statement.
  int stored = 0;
  auto store = [&](const json::array& all) {
    pqxx::nontransaction tx(*conn);
    stored +=
        postgres::exec1(tx, "SELECT shopme_ingest_whatsapp($1::jsonb)", json::serialize(all))[0].as<int>();
  };
  json::array all;
  for (auto& e : entries) {
    for (auto& v : e) all.push_back(v);
  }
  bool stored_together = true;
  if (!all.empty()) {
    try {
      store(all);
    } catch (const std::exception& e) {
      stored_together = false;
      log::warn("batched webhook commit failed; storing one by one",
                {{"error", e.what()}, {"size", batch.size()}});
    }
  }
  if (!stored_together) {
    // One bad delivery must not sink the others: each gets its own transaction and outcome.
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (entries[i].empty()) continue;
      try {
        connect(conn, slot);
        store(entries[i]);
      } catch (const std::exception& e) {
        log::error("webhook delivery could not be stored", {{"error", e.what()}});
        outcomes[i] = IngestOutcome::kUnavailable;
        try {
          if (conn && !conn->is_open()) conn.reset();
        } catch (...) {
          conn.reset();
        }
      }
    }
  }
  if (stored > 0 && on_stored_) on_stored_();
  deliveries_ += static_cast<long long>(batch.size());
  ++batches_;
  for (std::size_t i = 0; i < batch.size(); ++i) batch[i].done(outcomes[i]);
}

}  // namespace shopme::messaging
