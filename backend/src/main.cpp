// The composition root: the only place that picks concrete adapters and wires them together.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string>
#include <vector>

#include "config/build_info.hpp"
#include "config/config.hpp"
#include "infrastructure/agent/agent_turn.hpp"
#include "infrastructure/crypto/sealed.hpp"
#include "infrastructure/crypto/server_secrets.hpp"
#include "infrastructure/logging/log.hpp"
#include "infrastructure/mail/smtp_sender.hpp"
#include "infrastructure/messaging/pipeline.hpp"
#include "infrastructure/messaging/webhook_ingestor.hpp"
#include "infrastructure/orders/expire_unpaid_orders.hpp"
#include "infrastructure/postgres/db_worker_pool.hpp"
#include "infrastructure/postgres/demo_seed.hpp"
#include "infrastructure/postgres/embedded_cluster.hpp"
#include "infrastructure/postgres/migrations.hpp"
#include "infrastructure/postgres/notification_listener.hpp"
#include "infrastructure/postgres/periodic_task.hpp"
#include "interfaces/http/app.hpp"
#include "interfaces/http/auth_guard.hpp"
#include "interfaces/http/controllers/agent_controller.hpp"
#include "interfaces/http/controllers/auth_controller.hpp"
#include "interfaces/http/controllers/catalog_controller.hpp"
#include "interfaces/http/controllers/channel_controller.hpp"
#include "interfaces/http/controllers/image_controller.hpp"
#include "interfaces/http/controllers/inbox_controller.hpp"
#include "interfaces/http/controllers/live_controller.hpp"
#include "interfaces/http/controllers/media_controller.hpp"
#include "interfaces/http/controllers/order_controller.hpp"
#include "interfaces/http/controllers/payment_controller.hpp"
#include "interfaces/http/controllers/public_link_controller.hpp"
#include "interfaces/http/controllers/sales_controller.hpp"
#include "interfaces/http/controllers/system_controller.hpp"
#include "interfaces/http/controllers/transfer_controller.hpp"
#include "interfaces/http/controllers/workspace_controller.hpp"
#include "interfaces/http/live_hub.hpp"
#include "interfaces/http/routes.hpp"
#include "interfaces/http/server.hpp"

namespace fs = std::filesystem;
using namespace shopme;

namespace {

constexpr const char* kUsage = R"(usage: shopme <command> [options]

commands:
  serve [--port N] [--data-dir DIR] [--no-demo]   serve the dashboard and API
  migrate [--data-dir DIR]                         apply pending database migrations
  seed [--demo] [--workspaces N] [--products N] [--customers N] [--messages N] [--data-dir DIR]
  db start|stop|status|url [--data-dir DIR]        manage the embedded PostgreSQL cluster
  keys rotate [--data-dir DIR]                     new token-signing key; old tokens stay valid
  version                                          print the version

environment: PORT, DATABASE_URL, SHOPME_DATA_DIR, LOG_LEVEL, SHOPME_ADMIN_PASSWORD, ... (see README)
)";

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  // --name value, or --flag -> "1"
};

Args parse_args(int argc, char** argv) {
  Args a;
  static const std::set<std::string> kFlags = {"--no-demo", "--demo", "--help"};
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      if (auto eq = s.find('='); eq != std::string::npos) {
        a.options[s.substr(0, eq)] = s.substr(eq + 1);
      } else if (kFlags.count(s) || i + 1 >= argc) {
        a.options[s] = "1";
      } else {
        a.options[s] = argv[++i];
      }
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

int int_option(const Args& a, const std::string& name, int fallback) {
  auto it = a.options.find(name);
  if (it == a.options.end()) return fallback;
  try {
    return std::stoi(it->second);
  } catch (const std::exception&) {
    throw std::invalid_argument(name + " needs a number");
  }
}

// The database the server uses: DATABASE_URL, or the embedded cluster (started here when needed
// and stopped again by the lease's owner if this process started it).
class DatabaseLease {
 public:
  DatabaseLease(const Config& config, bool start_cluster) {
    if (config.database_url) {
      conninfo_ = *config.database_url;
      return;
    }
    cluster_ = std::make_unique<postgres::EmbeddedCluster>(postgres::EmbeddedCluster::Options{
        config.data_dir, config.cluster_user, config.cluster_tcp, cluster_port(), durable()});
    if (start_cluster) {
      fresh_ = cluster_->ensure_initialized();
      started_here_ = cluster_->start();
      cluster_->ensure_database("shopme");
    }
    conninfo_ = cluster_->connection_string("shopme");
  }
  ~DatabaseLease() {
    if (started_here_ && cluster_) {
      try {
        cluster_->stop();
      } catch (const std::exception& e) {
        log::error("could not stop the embedded database", {{"error", e.what()}});
      }
    }
  }
  DatabaseLease(const DatabaseLease&) = delete;
  DatabaseLease& operator=(const DatabaseLease&) = delete;

  [[nodiscard]] const std::string& conninfo() const { return conninfo_; }
  [[nodiscard]] bool embedded() const { return cluster_ != nullptr; }
  [[nodiscard]] bool fresh() const { return fresh_; }
  postgres::EmbeddedCluster* cluster() { return cluster_.get(); }
  void keep_running() { started_here_ = false; }

 private:
  static int cluster_port() {
    const char* v = std::getenv("SHOPME_CLUSTER_PORT");
    return v && *v ? std::stoi(v) : 5432;
  }
  static bool durable() {
    const char* v = std::getenv("SHOPME_CLUSTER_FSYNC");
    return !(v && std::string(v) == "off");
  }
  std::unique_ptr<postgres::EmbeddedCluster> cluster_;
  std::string conninfo_;
  bool started_here_ = false;
  bool fresh_ = false;
};

std::string admin_password(const Config& config) {
  if (config.admin_password) return *config.admin_password;
  return crypto::load_or_create_secret_file(config.data_dir / "admin-password", 12);
}

void apply_migrations(const std::string& conninfo) {
  pqxx::connection conn(conninfo);
  postgres::MigrationRunner runner(conn, postgres::builtin_migrations());
  runner.apply();
}

int cmd_serve(Config config, const Args& args) {
  config.port = static_cast<std::uint16_t>(int_option(args, "--port", config.port));
  if (args.options.count("--data-dir")) config.data_dir = args.options.at("--data-dir");
  fs::create_directories(config.data_dir);
  const auto secrets = crypto::load_or_create_secrets(config.data_dir);

  DatabaseLease db(config, true);
  try {
    apply_migrations(db.conninfo());
  } catch (const postgres::MigrationDriftError& e) {
    log::error("refusing to start", {{"reason", e.what()}});
    return 1;
  }
  const bool seed = db.embedded() && db.fresh() && !args.options.count("--no-demo");
  std::optional<std::string> password;
  if (seed) {
    pqxx::connection conn(db.conninfo());
    password = admin_password(config);
    postgres::seed_demo(conn, *password);
  } else if (db.embedded() && !config.admin_password && fs::exists(config.data_dir / "admin-password")) {
    password = admin_password(config);
  } else if (config.admin_password) {
    password = config.admin_password;
  }

  http::Metrics metrics;
  postgres::DbWorkerPool pool(db.conninfo(), config.db_workers, config.db_queue_capacity);
  metrics.add_gauge("shopme_db_pool_workers", "Database workers (one connection each).",
                    [&] { return pool.workers(); });
  metrics.add_gauge("shopme_db_pool_busy", "Database workers running a job.", [&] { return pool.busy(); });
  metrics.add_gauge("shopme_db_queue_depth", "Jobs waiting for a database worker.",
                    [&] { return pool.queue_depth(); });
  metrics.add_gauge("shopme_db_queue_capacity", "Queue size beyond which requests get 503.",
                    [&] { return pool.capacity(); });

  std::optional<http::StaticFiles> statics;
  if (!config.static_dir.empty()) statics.emplace(config.static_dir);
  if (!statics || !statics->available()) {
    log::warn("dashboard not built; serving the API only", {{"static_dir", config.static_dir.string()}});
  }
  // Links in e-mails need the real port, known only after listen(); the controllers hold a reference.
  std::string base_url = config.base_url();
  const http::AuthGuard guard(secrets, config.public_base_url, config.api_rate_limit);
  http::SystemController system(metrics, postgres::builtin_migrations());
  const http::AuthController auth(guard, base_url, {config.cookie_secure}, config.login_ip_limit,
                                  config.login_email_limit);
  const http::WorkspaceController workspaces(base_url);
  const http::CatalogController catalog;
  const http::SalesController sales;
  const http::TransferController transfer;
  const http::ImageController images(config.data_dir);

  // The message pipeline: webhook ingestion (group commit), job workers, live events.
  const crypto::Sealer sealer(secrets.encryption_key);
  messaging::WebhookIngestor ingestor(db.conninfo(), sealer, {config.ingest_threads});
  const whatsapp::GraphApi graph(config.whatsapp_timeout);
  messaging::Throttle throttle;
  const messaging::PipelineSettings pipeline{config.whatsapp_api_base_url, config.whatsapp_in_doubt_grace};
  postgres::JobRunner jobs(db.conninfo(), {config.job_workers, config.job_lease});
  // The conversation turn: the offline agent answers inside the inbound message's job; a turn that
  // calls a language model is its own job (same ordering key, so turns keep the order), started on
  // the worker of its inbound job right after that commit when nothing of the conversation waits.
  jobs.handle_in_transaction(
      "inbound", messaging::handle_inbound_message(agent::answer_in_transaction(sealer, base_url), base_url));
  jobs.handle("agent_turn", agent::run_agent_turn(sealer, base_url), true);  // started by its inbound job
  jobs.handle_in_two_parts("send", messaging::send_outbound_message(sealer, graph, throttle, pipeline),
                           messaging::resume_prepared_send(sealer, graph, throttle, pipeline));
  jobs.handle("read", messaging::send_read_receipt(sealer, graph, throttle, pipeline));
  http::LiveHub hub;
  postgres::NotificationListener listener(
      db.conninfo(), {"shopme_events", "shopme_jobs"},
      [&](const std::string& channel, const std::string& payload, int sender) {
        if (channel == "shopme_jobs") {
          // Our own ingest commits woke the workers already.
          if (!ingestor.sent_by_me(sender)) jobs.wake();
          return;
        }
        if (payload.find("\"channel.updated\"") != std::string::npos) ingestor.invalidate_channels();
        hub.publish_event(payload);
      });
  listener.on_connected([&] { jobs.wake(); });
  ingestor.on_stored([&] { jobs.wake(); });
  // Acknowledging webhooks comes first: when deliveries wait for the ingest writer (a commit taking
  // longer than usual because the database is busy), job workers slow down until it catches up.
  // Eight waiting is ~8 ms behind at 1,000 deliveries/s: at 32 a slow stretch had to reach ~30 ms
  // before the workers gave way, and the 1,000/s tail was 74-139 ms against 21-27 ms at 8.
  jobs.yield_while([&] { return ingestor.queue_depth() > 8; });
  metrics.add_counter("shopme_jobs_completed_total", "Pipeline jobs completed by this process.",
                      [&] { return static_cast<double>(jobs.completed()); });
  metrics.add_counter("shopme_jobs_retried_total", "Pipeline job attempts that will be retried.",
                      [&] { return static_cast<double>(jobs.retried()); });
  metrics.add_counter("shopme_jobs_dead_lettered_total", "Jobs this process moved to the dead letters.",
                      [&] { return static_cast<double>(jobs.buried()); });
  metrics.add_gauge("shopme_jobs_pending", "Jobs queued or running (all processes, refreshed every 5 s).",
                    [&] { return static_cast<double>(jobs.queued()); });
  metrics.add_gauge("shopme_jobs_dead", "Dead-letter jobs (all processes, refreshed every 5 s).",
                    [&] { return static_cast<double>(jobs.dead_letters()); });
  metrics.add_counter("shopme_webhook_deliveries_total", "WhatsApp webhook deliveries processed.",
                      [&] { return static_cast<double>(ingestor.deliveries()); });
  metrics.add_counter("shopme_webhook_commits_total", "Transactions that stored webhook deliveries.",
                      [&] { return static_cast<double>(ingestor.batches()); });
  metrics.add_gauge("shopme_webhook_queue_depth", "Webhook deliveries waiting for the next commit.",
                    [&] { return static_cast<double>(ingestor.queue_depth()); });
  metrics.add_gauge("shopme_live_clients", "WebSocket clients watching a workspace.",
                    [&] { return static_cast<double>(hub.clients()); });

  const http::ChannelController channel(sealer, ingestor, base_url, config.whatsapp_api_base_url);
  const http::InboxController inbox;
  const http::LiveController live_controller(guard, pool, hub);
  const http::MediaController media(sealer, graph, config.data_dir, config.whatsapp_api_base_url);
  const http::AgentController agent(sealer);
  const http::PublicLinkController public_links(config.login_ip_limit, config.data_dir);
  const http::OrderController orders_controller(sealer, base_url);
  const http::PaymentController payments(sealer, base_url, config.login_ip_limit);
  const http::Router router =
      http::build_routes({system, auth, workspaces, catalog, sales, transfer, images, channel, inbox,
                          live_controller, media, agent, public_links, orders_controller, payments});
  const http::App app(router, guard, statics ? &*statics : nullptr, metrics);
  http::Server server(config, app, pool);
  postgres::PeriodicTask expiry("expire unpaid orders", db.conninfo(), config.sweep_interval,
                                [](pqxx::connection& c) { orders::expire_unpaid_orders(c); });
  postgres::PeriodicTask job_vacuum("vacuum the jobs table", db.conninfo(), config.job_vacuum_interval,
                                    postgres::vacuum_jobs);
  ingestor.start();
  jobs.start();
  listener.start();
  expiry.start();
  job_vacuum.start();
  const auto port = server.listen();
  if (config.public_base_url.empty()) base_url = "http://localhost:" + std::to_string(port);
  metrics.add_gauge("shopme_http_in_flight", "Requests being handled.", [&] { return server.in_flight(); });

  log::info("listening", {{"port", port}, {"url", "http://localhost:" + std::to_string(port)}});
  if (isatty(1) || std::getenv("SHOPME_PRINT_BANNER")) {
    std::printf("\n  ShopMe is running at http://localhost:%u\n", port);
    if (password) {
      std::printf("  Demo administrator: admin@shopme.test / %s\n", password->c_str());
      std::printf("  (also manager@shopme.test and agent@shopme.test, same password)\n");
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  std::unique_ptr<mail::SmtpSender> mailer;
  if (config.smtp_url) {
    mailer = std::make_unique<mail::SmtpSender>(
        db.conninfo(),
        mail::SmtpSettings{*config.smtp_url, config.smtp_username, config.smtp_password, config.smtp_from});
  }
  server.run();
  expiry.stop();
  ingestor.stop();
  jobs.stop();
  listener.stop();
  if (mailer) mailer->stop();
  pool.shutdown();
  log::info("stopped");
  return 0;
}

int cmd_migrate(Config config, const Args& args) {
  if (args.options.count("--data-dir")) config.data_dir = args.options.at("--data-dir");
  DatabaseLease db(config, true);
  pqxx::connection conn(db.conninfo());
  postgres::MigrationRunner runner(conn, postgres::builtin_migrations());
  const int ran = runner.apply();
  const auto s = runner.status();
  std::printf("%d migration(s) applied; %d of %d current\n", ran, s.applied, s.expected);
  return 0;
}

int cmd_seed(Config config, const Args& args) {
  if (args.options.count("--data-dir")) config.data_dir = args.options.at("--data-dir");
  DatabaseLease db(config, true);
  apply_migrations(db.conninfo());
  pqxx::connection conn(db.conninfo());
  const postgres::SeedVolume volume{int_option(args, "--workspaces", 0), int_option(args, "--products", 0),
                                    int_option(args, "--customers", 0), int_option(args, "--messages", 0)};
  const bool any_volume = volume.workspaces || volume.products || volume.customers || volume.messages;
  if (args.options.count("--demo") || !any_volume) {
    const auto password = admin_password(config);
    if (postgres::seed_demo(conn, password)) {
      std::printf("demo data created; admin@shopme.test / %s\n", password.c_str());
    } else {
      std::printf("demo data already present\n");
    }
  }
  postgres::seed_volume(conn, volume);
  return 0;
}

int cmd_db(Config config, const Args& args) {
  if (args.options.count("--data-dir")) config.data_dir = args.options.at("--data-dir");
  if (config.database_url) {
    std::fprintf(stderr, "DATABASE_URL is set: the embedded cluster is not in use\n");
    return 2;
  }
  const std::string action = args.positional.size() > 1 ? args.positional[1] : "status";
  DatabaseLease db(config, false);
  auto* cluster = db.cluster();
  if (action == "start") {
    cluster->ensure_initialized();
    const bool started = cluster->start();
    cluster->ensure_database("shopme");
    std::printf("%s; socket directory %s\n", started ? "started" : "already running",
                cluster->socket_dir().c_str());
    return 0;
  }
  if (action == "stop") {
    const bool was = cluster->is_running();
    cluster->stop();
    std::printf("%s\n", was ? "stopped" : "not running");
    return 0;
  }
  if (action == "url") {
    std::printf("%s\n", cluster->connection_string("shopme").c_str());
    return 0;
  }
  if (action == "status") {
    const bool running = cluster->is_running();
    std::printf("%s (%s)\n", running ? "running" : "stopped", cluster->pgdata().c_str());
    return running ? 0 : 3;
  }
  std::fprintf(stderr, "unknown db action: %s\n", action.c_str());
  return 2;
}

int cmd_keys(Config config, const Args& args) {
  if (args.options.count("--data-dir")) config.data_dir = args.options.at("--data-dir");
  if (args.positional.size() < 2 || args.positional[1] != "rotate") {
    std::fprintf(stderr, "usage: shopme keys rotate [--data-dir DIR]\n");
    return 2;
  }
  const auto s = crypto::rotate_signing_key(config.data_dir);
  std::printf(
      "new signing key %s is active; %zu key(s) kept for verification. Restart the servers to use it.\n",
      s.active_kid.c_str(), s.signing_keys.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  if (args.positional.empty() || args.options.count("--help")) {
    std::fputs(kUsage, args.positional.empty() ? stderr : stdout);
    return args.positional.empty() ? 2 : 0;
  }
  const std::string& command = args.positional[0];
  try {
    Config config = load_config_from_process();
    log::init(config.log_level);
    if (command == "serve") return cmd_serve(std::move(config), args);
    if (command == "migrate") return cmd_migrate(std::move(config), args);
    if (command == "seed") return cmd_seed(std::move(config), args);
    if (command == "db") return cmd_db(std::move(config), args);
    if (command == "keys") return cmd_keys(std::move(config), args);
    if (command == "version") {
      std::printf("shopme %s (%s, built %s)\n", build_info::kVersion, build_info::kCommit,
                  build_info::kBuildTime);
      return 0;
    }
    std::fprintf(stderr, "unknown command: %s\n\n%s", command.c_str(), kUsage);
    return 2;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "shopme: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    log::error("fatal", {{"error", e.what()}});
    return 1;
  }
}
