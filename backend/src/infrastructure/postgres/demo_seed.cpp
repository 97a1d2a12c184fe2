#include "infrastructure/postgres/demo_seed.hpp"

#include <unistd.h>

#include <cstdio>
#include <pqxx/pqxx>
#include <stdexcept>

#include "infrastructure/crypto/password.hpp"
#include "infrastructure/logging/log.hpp"

namespace shopme::postgres {
namespace {

constexpr const char* kIsSeeded = "SELECT 1 FROM installation_facts WHERE key = 'demo_seeded'";
constexpr const char* kMarkSeeded =
    "INSERT INTO installation_facts (key, value) VALUES ('demo_seeded', now()::text) ON CONFLICT (key) DO "
    "NOTHING";
constexpr const char* kInsertUser =
    "INSERT INTO users (email, name, password_hash, language) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (lower(email)) DO UPDATE SET name = EXCLUDED.name RETURNING id";
// The demo workspaces allow 300 API requests per user per minute (new workspaces start at 30): the
// demo is clicked through quickly by several people at once.
constexpr const char* kInsertWorkspace =
    "INSERT INTO workspaces (name, slug, currency, default_language, timezone, business_type, "
    "api_rate_limit) "
    "VALUES ($1, $2, $3, $4, $5, $6, 300) ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name RETURNING id";
constexpr const char* kInsertMembership =
    "INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";

class Progress {
 public:
  Progress(std::string label, long total) : label_(std::move(label)), total_(total), tty_(isatty(2) != 0) {}
  void update(long done) {
    if (!tty_ || total_ <= 0) return;
    const int width = 40;
    const int filled = static_cast<int>(width * done / total_);
    std::fprintf(stderr, "\r%-12s [%.*s%*s] %ld/%ld", label_.c_str(), filled,
                 "########################################", width - filled, "", done, total_);
    if (done >= total_) std::fprintf(stderr, "\n");
  }

 private:
  std::string label_;
  long total_;
  bool tty_;
};

}  // namespace

bool seed_demo(pqxx::connection& conn, const std::string& password) {
  pqxx::work tx(conn);
  if (!tx.exec(kIsSeeded).empty()) return false;
  const std::string hash = crypto::hash_password(password);
  const auto admin =
      tx.exec_params1(kInsertUser, "admin@shopme.test", "Alessandra Admin", hash, "en")[0].as<std::string>();
  const auto manager =
      tx.exec_params1(kInsertUser, "manager@shopme.test", "Marco Manager", hash, "it")[0].as<std::string>();
  const auto agent =
      tx.exec_params1(kInsertUser, "agent@shopme.test", "Giulia Agent", hash, "it")[0].as<std::string>();
  const auto shop = tx.exec_params1(kInsertWorkspace, "Bottega Italiana", "bottega-italiana", "EUR", "it",
                                    "Europe/Rome", "fine_food")[0]
                        .as<std::string>();
  const auto hotel = tx.exec_params1(kInsertWorkspace, "Hotel Belvedere", "hotel-belvedere", "EUR", "it",
                                     "Europe/Rome", "hospitality")[0]
                         .as<std::string>();
  tx.exec_params0(kInsertMembership, shop, admin, "admin");
  tx.exec_params0(kInsertMembership, hotel, admin, "admin");
  tx.exec_params0(kInsertMembership, shop, manager, "manager");
  tx.exec_params0(kInsertMembership, shop, agent, "agent");
  tx.exec0(kMarkSeeded);
  tx.commit();
  log::info("demo data seeded", {{"workspaces", 2}, {"users", 3}});
  return true;
}

void seed_volume(pqxx::connection& conn, const SeedVolume& volume) {
  if (volume.products > 0 || volume.customers > 0 || volume.messages > 0) {
    throw std::invalid_argument(
        "--products, --customers and --messages need the catalog and inbox tables, which this release does "
        "not "
        "have yet; only --workspaces is available");
  }
  if (volume.workspaces <= 0) return;
  Progress progress("workspaces", volume.workspaces);
  constexpr int kBatch = 1000;
  for (int done = 0; done < volume.workspaces;) {
    const int n = std::min(kBatch, volume.workspaces - done);
    pqxx::work tx(conn);
    tx.exec_params0(
        "INSERT INTO workspaces (name, slug, business_type) "
        "SELECT 'Generated shop ' || g, 'generated-' || substr(md5(random()::text || g), 1, 12) || '-' || g, "
        "'retail' FROM generate_series(1, $1) AS g",
        n);
    tx.commit();
    done += n;
    progress.update(done);
  }
}

}  // namespace shopme::postgres
