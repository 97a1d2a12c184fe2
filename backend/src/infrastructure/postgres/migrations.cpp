#include "infrastructure/postgres/migrations.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <regex>
#include <sstream>

#include "infrastructure/crypto/hash.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/embedded_migrations.hpp"
#include "infrastructure/postgres/statement.hpp"

namespace shopme::postgres {
namespace {

// One lock id for "schema migrations of ShopMe"; any constant unlikely to collide works.
constexpr long long kAdvisoryLock = 7'482'910'331LL;

constexpr const char* kCreateTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_migrations (
  version     text PRIMARY KEY,
  name        text NOT NULL,
  checksum    text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
))sql";

constexpr const char* kSelectApplied =
    "SELECT version, name, checksum FROM schema_migrations ORDER BY version";
constexpr const char* kInsertApplied =
    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)";

struct Applied {
  std::string name;
  std::string checksum;
};

std::map<std::string, Applied> read_applied(pqxx::transaction_base& tx) {
  std::map<std::string, Applied> out;
  for (const auto& row : tx.exec(kSelectApplied)) {
    out[row[0].as<std::string>()] = {row[1].as<std::string>(), row[2].as<std::string>()};
  }
  return out;
}

}  // namespace

Migration Migration::from_file(const std::string& file_name, std::string sql) {
  static const std::regex kPattern(R"(^(\d{14})_([a-z0-9_]+)\.sql$)");
  std::smatch m;
  if (!std::regex_match(file_name, m, kPattern)) {
    throw std::runtime_error("migration file name must look like 20260101120000_name.sql: " + file_name);
  }
  Migration mig{m[1].str(), m[2].str(), std::move(sql), {}};
  mig.checksum = crypto::sha256_hex(mig.sql);
  return mig;
}

std::vector<Migration> builtin_migrations() {
  std::vector<Migration> out;
  for (const auto& e : embedded_migrations())
    out.push_back(Migration::from_file(std::string(e.file_name), std::string(e.sql)));
  return out;
}

std::vector<Migration> migrations_from_dir(const std::filesystem::path& dir) {
  std::vector<Migration> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".sql") continue;
    std::ifstream f(entry.path());
    std::stringstream ss;
    ss << f.rdbuf();
    out.push_back(Migration::from_file(entry.path().filename().string(), ss.str()));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  return out;
}

MigrationRunner::MigrationRunner(pqxx::connection& conn, std::vector<Migration> migrations)
    : conn_(conn), migrations_(std::move(migrations)) {
  std::sort(migrations_.begin(), migrations_.end(),
            [](const auto& a, const auto& b) { return a.version < b.version; });
  for (std::size_t i = 1; i < migrations_.size(); ++i) {
    if (migrations_[i].version == migrations_[i - 1].version) {
      throw std::runtime_error("two migrations share version " + migrations_[i].version);
    }
  }
}

void MigrationRunner::ensure_table() {
  pqxx::work tx(conn_);
  tx.exec0(kCreateTable);
  tx.commit();
}

MigrationStatus MigrationRunner::status() {
  MigrationStatus s;
  s.expected = static_cast<int>(migrations_.size());
  pqxx::read_transaction tx(conn_);
  const bool has_table =
      !tx.exec("SELECT 1 FROM information_schema.tables WHERE table_name = 'schema_migrations'").empty();
  std::map<std::string, Applied> applied;
  if (has_table) applied = read_applied(tx);
  for (const auto& m : migrations_) {
    auto it = applied.find(m.version);
    if (it == applied.end()) {
      s.pending.push_back(m.version + "_" + m.name);
    } else {
      ++s.applied;
      if (it->second.checksum != m.checksum) s.drifted.push_back(m.version + "_" + m.name);
      applied.erase(it);
    }
  }
  for (const auto& [version, a] : applied) s.unknown.push_back(version + "_" + a.name);
  return s;
}

int MigrationRunner::apply() {
  ensure_table();
  {
    // A session-level lock: it outlives this statement's transaction object and is released below.
    pqxx::nontransaction lock_tx(conn_);
    postgres::exec(lock_tx, "SELECT pg_advisory_lock($1)", kAdvisoryLock);
  }
  struct Unlock {
    pqxx::connection& conn;
    ~Unlock() {
      try {
        pqxx::nontransaction tx(conn);
        postgres::exec(tx, "SELECT pg_advisory_unlock($1)", kAdvisoryLock);
      } catch (const std::exception& e) {
        log::warn("could not release the migration lock", {{"error", e.what()}});
      }
    }
  } unlock{conn_};

  const auto s = status();
  if (!s.drifted.empty()) {
    std::string list;
    for (const auto& d : s.drifted) list += (list.empty() ? "" : ", ") + d;
    throw MigrationDriftError("applied migrations were edited after they ran: " + list +
                              " (migrations are forward-only: add a new file instead)");
  }
  int ran = 0;
  for (const auto& m : migrations_) {
    const std::string id = m.version + "_" + m.name;
    if (std::find(s.pending.begin(), s.pending.end(), id) == s.pending.end()) continue;
    try {
      pqxx::work tx(conn_);
      tx.exec0(m.sql);
      postgres::exec0(tx, kInsertApplied, m.version, m.name, m.checksum);
      tx.commit();
    } catch (const std::exception& e) {
      throw std::runtime_error("migration " + id + " failed and was rolled back: " + e.what());
    }
    log::info("migration applied", {{"migration", id}});
    ++ran;
  }
  return ran;
}

}  // namespace shopme::postgres
