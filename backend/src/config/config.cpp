#include "config/config.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace shopme {
namespace {

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

long long parse_int(const std::string& key, const std::string& value, long long min, long long max) {
  try {
    std::size_t used = 0;
    const long long v = std::stoll(value, &used);
    if (used != value.size() || v < min || v > max) throw std::out_of_range(key);
    return v;
  } catch (const std::logic_error&) {
    throw std::runtime_error("configuration " + key + " must be an integer between " + std::to_string(min) +
                             " and " + std::to_string(max));
  }
}

bool parse_bool(const std::string& value) { return value == "1" || value == "true" || value == "yes"; }

}  // namespace

std::string Config::base_url() const {
  if (!public_base_url.empty()) return public_base_url;
  return "http://localhost:" + std::to_string(port);
}

EnvMap parse_dotenv(const std::string& text) {
  EnvMap out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
      const auto close = value.find(value.front(), 1);
      value = close == std::string::npos ? value.substr(1) : value.substr(1, close - 1);
    } else if (const auto hash = value.find(" #"); hash != std::string::npos) {
      value = trim(value.substr(0, hash));
    }
    if (!key.empty()) out[key] = value;
  }
  return out;
}

Config load_config(const EnvMap& env, const EnvMap& dotenv) {
  auto get = [&](const std::string& key) -> std::optional<std::string> {
    if (auto it = env.find(key); it != env.end() && !it->second.empty()) return it->second;
    if (auto it = dotenv.find(key); it != dotenv.end() && !it->second.empty()) return it->second;
    return std::nullopt;
  };
  Config c;
  if (auto v = get("PORT")) c.port = static_cast<std::uint16_t>(parse_int("PORT", *v, 0, 65535));
  if (auto v = get("SHOPME_BIND")) c.bind_address = *v;
  if (auto v = get("SHOPME_DATA_DIR")) c.data_dir = *v;
  if (auto v = get("DATABASE_URL")) c.database_url = *v;
  if (auto v = get("SHOPME_STATIC_DIR")) c.static_dir = *v;
  if (auto v = get("LOG_LEVEL")) c.log_level = *v;
  if (auto v = get("SHOPME_PUBLIC_BASE_URL")) c.public_base_url = *v;
  if (auto v = get("SHOPME_CLUSTER_USER")) c.cluster_user = *v;
  if (auto v = get("SHOPME_CLUSTER_TCP")) c.cluster_tcp = parse_bool(*v);
  if (auto v = get("SHOPME_IO_THREADS"))
    c.io_threads = static_cast<int>(parse_int("SHOPME_IO_THREADS", *v, 1, 64));
  if (auto v = get("SHOPME_DB_WORKERS"))
    c.db_workers = static_cast<int>(parse_int("SHOPME_DB_WORKERS", *v, 1, 256));
  if (auto v = get("SHOPME_DB_QUEUE")) {
    c.db_queue_capacity = static_cast<int>(parse_int("SHOPME_DB_QUEUE", *v, 1, 1'000'000));
  }
  if (auto v = get("SHOPME_BODY_LIMIT")) {
    c.body_limit = static_cast<std::size_t>(parse_int("SHOPME_BODY_LIMIT", *v, 1024, 1LL << 30));
  }
  if (auto v = get("SHOPME_IMPORT_BODY_LIMIT")) {
    c.import_body_limit =
        static_cast<std::size_t>(parse_int("SHOPME_IMPORT_BODY_LIMIT", *v, 1024, 1LL << 31));
  }
  if (auto v = get("SHOPME_READ_TIMEOUT_MS")) {
    c.read_timeout = std::chrono::milliseconds(parse_int("SHOPME_READ_TIMEOUT_MS", *v, 50, 3'600'000));
  }
  if (auto v = get("SHOPME_IDLE_TIMEOUT_MS")) {
    c.idle_timeout = std::chrono::milliseconds(parse_int("SHOPME_IDLE_TIMEOUT_MS", *v, 50, 3'600'000));
  }
  if (auto v = get("SHOPME_SHUTDOWN_GRACE_MS")) {
    c.shutdown_grace = std::chrono::milliseconds(parse_int("SHOPME_SHUTDOWN_GRACE_MS", *v, 0, 600'000));
  }
  if (auto v = get("SHOPME_ADMIN_PASSWORD")) c.admin_password = *v;
  if (auto v = get("SHOPME_API_RATE_LIMIT")) {
    c.api_rate_limit = static_cast<int>(parse_int("SHOPME_API_RATE_LIMIT", *v, 1, 1'000'000));
  }
  if (auto v = get("SHOPME_LOGIN_IP_LIMIT")) {
    c.login_ip_limit = static_cast<int>(parse_int("SHOPME_LOGIN_IP_LIMIT", *v, 1, 1'000'000));
  }
  if (auto v = get("SHOPME_LOGIN_EMAIL_LIMIT")) {
    c.login_email_limit = static_cast<int>(parse_int("SHOPME_LOGIN_EMAIL_LIMIT", *v, 1, 1'000'000));
  }
  if (auto v = get("SHOPME_COOKIE_SECURE")) c.cookie_secure = parse_bool(*v);
  if (auto v = get("SHOPME_REUSE_PORT")) c.reuse_port = parse_bool(*v);
  if (auto v = get("SHOPME_SMTP_URL")) c.smtp_url = *v;
  if (auto v = get("SHOPME_SMTP_USERNAME")) c.smtp_username = *v;
  if (auto v = get("SHOPME_SMTP_PASSWORD")) c.smtp_password = *v;
  if (auto v = get("SHOPME_SMTP_FROM")) c.smtp_from = *v;
  if (auto v = get("SHOPME_WHATSAPP_API_BASE_URL")) c.whatsapp_api_base_url = *v;
  if (auto v = get("SHOPME_WHATSAPP_TIMEOUT_MS")) {
    c.whatsapp_timeout = std::chrono::milliseconds(parse_int("SHOPME_WHATSAPP_TIMEOUT_MS", *v, 100, 120'000));
  }
  if (auto v = get("SHOPME_WHATSAPP_IN_DOUBT_GRACE_S")) {
    c.whatsapp_in_doubt_grace =
        std::chrono::seconds(parse_int("SHOPME_WHATSAPP_IN_DOUBT_GRACE_S", *v, 1, 86'400));
  }
  if (auto v = get("SHOPME_JOB_WORKERS"))
    c.job_workers = static_cast<int>(parse_int("SHOPME_JOB_WORKERS", *v, 1, 64));
  if (auto v = get("SHOPME_JOB_LEASE_S"))
    c.job_lease = std::chrono::seconds(parse_int("SHOPME_JOB_LEASE_S", *v, 2, 3600));
  if (auto v = get("SHOPME_SWEEP_INTERVAL_MS")) {
    c.sweep_interval = std::chrono::milliseconds(parse_int("SHOPME_SWEEP_INTERVAL_MS", *v, 100, 3'600'000));
  }
  if (auto v = get("SHOPME_JOB_VACUUM_INTERVAL_MS")) {
    c.job_vacuum_interval =
        std::chrono::milliseconds(parse_int("SHOPME_JOB_VACUUM_INTERVAL_MS", *v, 100, 3'600'000));
  }
  if (auto v = get("SHOPME_INGEST_THREADS")) {
    c.ingest_threads = static_cast<int>(parse_int("SHOPME_INGEST_THREADS", *v, 1, 16));
  }
  if (c.public_base_url.rfind("https://", 0) == 0) c.cookie_secure = true;
  return c;
}

Config load_config_from_process() {
  EnvMap env;
  for (char** e = environ; e && *e; ++e) {
    std::string kv(*e);
    if (auto eq = kv.find('='); eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  EnvMap dotenv;
  if (std::ifstream f(".env"); f) {
    std::stringstream ss;
    ss << f.rdbuf();
    dotenv = parse_dotenv(ss.str());
  }
  return load_config(env, dotenv);
}

}  // namespace shopme
