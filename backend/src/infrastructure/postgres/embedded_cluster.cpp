#include "infrastructure/postgres/embedded_cluster.hpp"

#include <pwd.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <fstream>
#include <functional>
#include <pqxx/pqxx>
#include <stdexcept>
#include <thread>

#include "infrastructure/logging/log.hpp"
#include "infrastructure/postgres/statement.hpp"
#include "infrastructure/process/subprocess.hpp"

namespace fs = std::filesystem;

namespace shopme::postgres {
namespace {

// Unix socket paths are limited to 107 bytes including ".s.PGSQL.<port>".
constexpr std::size_t kMaxSocketDirLength = 80;

std::string short_hash(const std::string& s) {
  return std::to_string(std::hash<std::string>{}(s) % 1'000'000'007ULL);
}

void chown_to(const fs::path& p, const std::string& user) {
  const passwd* pw = getpwnam(user.c_str());
  if (!pw) throw std::runtime_error("system user " + user + " does not exist");
  if (chown(p.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
    throw std::runtime_error("cannot give " + p.string() + " to " + user);
  }
}

std::string quote_option(const std::string& v) { return "'" + v + "'"; }

}  // namespace

fs::path EmbeddedCluster::find_bin_dir() {
  if (const char* env = std::getenv("SHOPME_PG_BINDIR"); env && *env) return env;
  for (const char* v : {"17", "16", "15"}) {
    fs::path p = fs::path("/usr/lib/postgresql") / v / "bin";
    if (fs::exists(p / "pg_ctl")) return p;
  }
  throw std::runtime_error(
      "PostgreSQL server programs not found (install postgresql-15, or set DATABASE_URL to use an external "
      "database)");
}

EmbeddedCluster::EmbeddedCluster(Options options) : options_(std::move(options)) {
  bin_dir_ = find_bin_dir();
  fs::create_directories(options_.data_dir);
  const fs::path data_dir = fs::absolute(options_.data_dir).lexically_normal();
  cluster_dir_ = data_dir / "pg";
  if (process::running_as_root()) prepare_os_user();
  fs::create_directories(cluster_dir_);
  if (process::running_as_root()) {
    chown_to(cluster_dir_, options_.os_user);
    // The unprivileged user must be able to reach the cluster directory; a checkout under a private
    // home (e.g. /root) is not reachable, so the cluster moves to a directory of its own.
    const auto probe = process::run({"test", "-w", cluster_dir_.string()}, options_.os_user);
    if (probe.exit_code != 0) {
      cluster_dir_ = fs::path("/var/lib/shopme/clusters") / short_hash(data_dir.string());
      fs::create_directories(cluster_dir_);
      chown_to(cluster_dir_, options_.os_user);
      log::info("embedded cluster relocated: the data dir is not reachable by the cluster user",
                {{"cluster_dir", cluster_dir_.string()}, {"user", options_.os_user}});
    }
  }
  socket_dir_ = cluster_dir_ / "run";
  if (socket_dir_.string().size() > kMaxSocketDirLength) {
    socket_dir_ = fs::path("/tmp") / ("shopme-pg-" + short_hash(cluster_dir_.string()));
  }
}

void EmbeddedCluster::prepare_os_user() {
  if (getpwnam(options_.os_user.c_str())) return;
  const auto r = process::run({"useradd", "--system", "--no-create-home", "--home-dir", "/nonexistent",
                               "--shell", "/usr/sbin/nologin", options_.os_user});
  if (r.exit_code != 0 && !getpwnam(options_.os_user.c_str())) {
    throw std::runtime_error("cannot create system user " + options_.os_user + ": " + r.output);
  }
  log::info("created system user for the embedded database", {{"user", options_.os_user}});
}

std::optional<std::string> EmbeddedCluster::run_as() const {
  if (process::running_as_root()) return options_.os_user;
  return std::nullopt;
}

std::string EmbeddedCluster::bin(const char* program) const { return (bin_dir_ / program).string(); }

bool EmbeddedCluster::ensure_initialized() {
  if (fs::exists(pgdata() / "PG_VERSION")) return false;
  log::info("creating embedded PostgreSQL cluster", {{"pgdata", pgdata().string()}});
  const auto r = process::run({bin("initdb"), "-D", pgdata().string(), "-U", "shopme", "--auth=trust", "-E",
                               "UTF8", "--locale=C.UTF-8", "--no-instructions"},
                              run_as());
  if (r.exit_code != 0) throw std::runtime_error("initdb failed: " + r.output);
  return true;
}

bool EmbeddedCluster::is_running() const {
  if (!fs::exists(pgdata() / "PG_VERSION")) return false;
  return process::run({bin("pg_ctl"), "status", "-D", pgdata().string()}, run_as()).exit_code == 0;
}

bool EmbeddedCluster::start() {
  ensure_initialized();
  if (is_running()) {
    log::info("embedded PostgreSQL already running; using it", {{"pgdata", pgdata().string()}});
    return false;
  }
  fs::create_directories(socket_dir_);
  fs::permissions(socket_dir_, fs::perms::owner_all, fs::perm_options::replace);
  if (process::running_as_root()) chown_to(socket_dir_, options_.os_user);
  std::string opts = "-k " + quote_option(socket_dir_.string()) + " -p " + std::to_string(options_.port) +
                     " -c listen_addresses=" + quote_option(options_.tcp ? "127.0.0.1" : "") +
                     " -c unix_socket_permissions=0700 -c max_connections=200";
  if (!options_.durable) opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
  const auto r = process::run({bin("pg_ctl"), "start", "-w", "-t", "60", "-D", pgdata().string(), "-l",
                               log_file().string(), "-o", opts},
                              run_as());
  if (r.exit_code != 0) {
    std::string tail;
    if (std::ifstream f(log_file()); f) {
      std::string line;
      while (std::getline(f, line)) tail += line + "\n";
      if (tail.size() > 2000) tail = tail.substr(tail.size() - 2000);
    }
    throw std::runtime_error("pg_ctl start failed: " + r.output + "\n" + tail);
  }
  log::info("embedded PostgreSQL started", {{"socket_dir", socket_dir_.string()}});
  return true;
}

void EmbeddedCluster::stop() {
  if (!is_running()) return;
  const auto r = process::run(
      {bin("pg_ctl"), "stop", "-w", "-t", "60", "-m", "fast", "-D", pgdata().string()}, run_as());
  if (r.exit_code != 0) throw std::runtime_error("pg_ctl stop failed: " + r.output);
  log::info("embedded PostgreSQL stopped");
}

std::string EmbeddedCluster::connection_string(const std::string& database) const {
  return "host=" + socket_dir_.string() + " port=" + std::to_string(options_.port) +
         " user=shopme dbname=" + database + " application_name=shopme";
}

void EmbeddedCluster::ensure_database(const std::string& name) const {
  pqxx::connection c(connection_string("postgres"));
  pqxx::nontransaction tx(c);
  const auto r = postgres::exec(tx, "SELECT 1 FROM pg_database WHERE datname = $1", name);
  if (r.empty()) tx.exec0("CREATE DATABASE " + tx.quote_name(name));
}

}  // namespace shopme::postgres
