#pragma once
// The private PostgreSQL cluster the server creates and runs under its data dir when no
// DATABASE_URL is given: initdb + pg_ctl of the installed PostgreSQL, unix socket only (loopback TCP
// on request). As root, the cluster's programs run as an unprivileged system user that owns the
// cluster directory, because PostgreSQL refuses to run as root.
#include <filesystem>
#include <optional>
#include <string>

namespace shopme::postgres {

class EmbeddedCluster {
 public:
  struct Options {
    std::filesystem::path data_dir;  // the server's data dir; the cluster lives in <data_dir>/pg
    std::string os_user = "shopme";  // used only when running as root
    bool tcp = false;                // also listen on 127.0.0.1:<port>
    int port = 5432;                 // names the socket file; a TCP port only with tcp
    bool durable = true;             // fsync; tests may trade it for speed
  };

  explicit EmbeddedCluster(Options options);

  // initdb when the cluster does not exist yet; returns true when it was created now.
  bool ensure_initialized();
  [[nodiscard]] bool is_running() const;
  // Starts the cluster unless it is already running (e.g. by another `serve` on the same data dir);
  // returns true when this call started it.
  bool start();
  void stop();
  // Creates the application database when missing.
  void ensure_database(const std::string& name) const;

  [[nodiscard]] std::string connection_string(const std::string& database = "shopme") const;
  [[nodiscard]] const std::filesystem::path& cluster_dir() const { return cluster_dir_; }
  [[nodiscard]] std::filesystem::path pgdata() const { return cluster_dir_ / "data"; }
  [[nodiscard]] const std::filesystem::path& socket_dir() const { return socket_dir_; }
  [[nodiscard]] std::filesystem::path log_file() const { return cluster_dir_ / "postgres.log"; }

  static std::filesystem::path find_bin_dir();

 private:
  void prepare_os_user();
  [[nodiscard]] std::optional<std::string> run_as() const;
  [[nodiscard]] std::string bin(const char* program) const;

  Options options_;
  std::filesystem::path cluster_dir_;
  std::filesystem::path socket_dir_;
  std::filesystem::path bin_dir_;
};

}  // namespace shopme::postgres
