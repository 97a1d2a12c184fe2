#pragma once
// Configuration comes from the environment, then an optional `.env` file in the working directory
// (the environment wins), then defaults. Secrets never live here: they are generated into the data
// dir (infrastructure/crypto/server_keys).
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace shopme {

struct Config {
  std::uint16_t port = 8080;
  std::string bind_address = "0.0.0.0";
  std::filesystem::path data_dir = "var";
  std::optional<std::string> database_url;  // unset: embedded cluster under data_dir
  std::filesystem::path static_dir;         // built dashboard; empty: not served
  std::string log_level = "info";
  std::string public_base_url;          // empty: http://localhost:<port>
  std::string cluster_user = "shopme";  // unprivileged owner of the embedded cluster when root
  bool cluster_tcp = false;             // also listen on 127.0.0.1 (for pgbench and psql)
  int io_threads = 2;
  int db_workers = 4;           // one PostgreSQL connection each
  int db_queue_capacity = 512;  // beyond this the server answers 503
  std::size_t body_limit = 1024 * 1024;
  std::size_t import_body_limit = 16 * 1024 * 1024;  // CSV imports
  std::chrono::milliseconds read_timeout{10'000};    // whole request, header and body
  std::chrono::milliseconds idle_timeout{60'000};    // between keep-alive requests
  std::chrono::milliseconds shutdown_grace{15'000};
  int max_requests_per_connection = 10'000;
  std::optional<std::string> admin_password;  // SHOPME_ADMIN_PASSWORD
  int api_rate_limit = 30;                    // requests/minute per user outside a workspace
  int login_ip_limit = 20;                    // login, reset and invitation attempts/minute per IP
  int login_email_limit = 5;                  // and per e-mail address
  bool cookie_secure = false;
  bool reuse_port = false;
  // SMTP delivery of the mail outbox; unset: mail stays in the outbox shown in the dashboard.
  std::optional<std::string> smtp_url;
  std::string smtp_username;
  std::string smtp_password;
  std::string smtp_from = "no-reply@shopme.test";
  // WhatsApp pipeline
  std::string whatsapp_api_base_url = "https://graph.facebook.com/v21.0";  // per-channel override
  std::chrono::milliseconds whatsapp_timeout{10'000};                      // each Graph API call
  std::chrono::seconds whatsapp_in_doubt_grace{60};      // wait for a status before resending a cut-off send
  int job_workers = 4;                                   // pipeline workers (one connection each)
  std::chrono::seconds job_lease{60};                    // a crashed worker's job is taken again after this
  int ingest_threads = 1;                                // webhook group-commit writers
  std::chrono::milliseconds sweep_interval{30'000};      // chores such as expiring unpaid orders
  std::chrono::milliseconds job_vacuum_interval{2'000};  // the jobs table's own vacuum

  [[nodiscard]] std::string base_url() const;
};

using EnvMap = std::map<std::string, std::string>;

// Parses KEY=VALUE lines; `#` comments, optional `export `, single or double quotes.
EnvMap parse_dotenv(const std::string& text);

// `env` is the process environment (tests pass their own).
Config load_config(const EnvMap& env, const EnvMap& dotenv);
Config load_config_from_process();

}  // namespace shopme
