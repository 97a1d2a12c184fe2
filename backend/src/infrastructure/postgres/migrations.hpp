#pragma once
// Forward-only migrations: files named <UTC yyyymmddHHMMSS>_<name>.sql, applied in order, each in a
// transaction of its own, recorded with a SHA-256 checksum. An applied file that was edited since is
// "drift": the server refuses to start and /readyz reports it.
#include <filesystem>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace shopme::postgres {

struct Migration {
  std::string version;  // 14 digits
  std::string name;
  std::string sql;
  std::string checksum;  // sha256 hex of sql

  static Migration from_file(const std::string& file_name, std::string sql);
};

std::vector<Migration> builtin_migrations();
std::vector<Migration> migrations_from_dir(const std::filesystem::path& dir);

struct MigrationStatus {
  int applied = 0;
  int expected = 0;
  std::vector<std::string> pending;  // version_name
  std::vector<std::string> drifted;  // applied, but the file changed
  std::vector<std::string> unknown;  // applied by a newer release; tolerated
  [[nodiscard]] bool current() const { return pending.empty() && drifted.empty(); }
};

class MigrationDriftError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class MigrationRunner {
 public:
  MigrationRunner(pqxx::connection& conn, std::vector<Migration> migrations);

  [[nodiscard]] MigrationStatus status();
  // Applies the pending migrations under an advisory lock (several servers may start at once).
  // Throws MigrationDriftError before applying anything if an applied file changed; a failing
  // migration rolls back alone and stops the run (the exception names it). Returns how many ran.
  int apply();

 private:
  void ensure_table();
  pqxx::connection& conn_;
  std::vector<Migration> migrations_;
};

}  // namespace shopme::postgres
