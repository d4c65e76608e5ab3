// seatsync serve: the REST pricing service (docs/service.md). SIGTERM/SIGINT drain and exit 0;
// SIGHUP reloads data and models.
#include <signal.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <memory>
#include <thread>

#include "audit_option.hpp"
#include "cli.hpp"
#include "seatsync/pricing_server.hpp"

namespace seatsync::cli {
namespace {

struct ServeOptions {
  DataSource source;
  std::string host = "127.0.0.1", registry = "models", api_keys, as_of, experiments_db, audit;
  int port = 8080, threads = 2;
  std::size_t audit_queue = 65536, max_connections = 4096;
  double idle_timeout = 30, header_timeout = 5, body_timeout = 10, reload_poll = 2, experiments_refresh = 1;
};

// Today in the venue's time zone (UTC without one).
Date today(const TimeZone* zone) {
  const auto now = std::chrono::system_clock::now();
  const std::int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const Date utc_day = Date::from_days(static_cast<std::int32_t>(seconds / 86400));
  return local_date(Timestamp{utc_day, static_cast<int>(seconds % 86400), 0}, zone);
}

void run_serve(const ServeOptions& opt) {
  std::optional<Date> fixed_as_of;
  if (!opt.as_of.empty()) fixed_as_of = parse_date_option(opt.as_of, "--as-of");
  const std::optional<std::filesystem::path> registry =
      opt.registry.empty() ? std::nullopt : std::optional<std::filesystem::path>(opt.registry);
  auto factory = [opt, fixed_as_of, registry](ServingModels::LoadObserver on_load) {
    const auto start = std::chrono::steady_clock::now();
    Dataset data = load_input(opt.source);
    std::optional<TimeZone> zone;
    if (!data.params.timezone.empty()) zone = TimeZone::locate(data.params.timezone);
    const Date as_of = fixed_as_of.value_or(today(zone ? &*zone : nullptr));
    warn_about_inventory_age(data, as_of);
    const std::string scope = data.params.service.model_scope;
    auto snap = PricingSnapshot::build(std::move(data), {as_of, registry, on_load, terminal_progress()});
    snap->models().get(scope, "conversion");  // warm-up: loaded and its checksum logged now
    spdlog::info("snapshot as of {}: {} upcoming games, policies solved in {:.2f} s", as_of.str(),
                 snap->upcoming_games().size(),
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return snap;
  };

  PricingServerOptions so;
  so.host = opt.host;
  so.port = static_cast<unsigned short>(opt.port);
  so.threads = opt.threads;
  auto ms = [](double seconds) { return std::chrono::milliseconds(static_cast<long>(seconds * 1000)); };
  so.idle_timeout = ms(opt.idle_timeout);
  so.header_timeout = ms(opt.header_timeout);
  so.body_timeout = ms(opt.body_timeout);
  so.max_connections = opt.max_connections;
  if (!opt.api_keys.empty()) so.api_keys = opt.api_keys;
  else spdlog::warn("no --api-keys FILE: the write routes (/admin/*, /ab writes) refuse every request");
  if (!opt.experiments_db.empty()) so.experiments_db = opt.experiments_db;
  else so.experiments_db = opt.source.db;  // with --db, experiments live in the same store
  // Replicas started on one --db follow each other's reloads through it (docs/scaling.md).
  so.shared_store = opt.source.db;
  so.reload_poll = std::chrono::milliseconds(static_cast<long>(opt.reload_poll * 1000));
  so.experiments_refresh = std::chrono::milliseconds(static_cast<long>(opt.experiments_refresh * 1000));
  if (!opt.audit.empty()) so.audit_dir = open_audit_log(opt.audit).dir();  // docs/audit.md; none = no audit trail
  so.audit_queue = opt.audit_queue;
  if (so.audit_dir) spdlog::info("audit trail: {} (queue of {} records)", so.audit_dir->string(), so.audit_queue);

  // The signals are taken by this thread alone (blocked before any other thread exists).
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGTERM, SIGINT, SIGHUP}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  PricingServer server(so, factory);
  server.start();
  spdlog::info("listening on http://{}:{} ({} threads); loading", opt.host, server.port(), opt.threads);
  std::exception_ptr load_failure;
  std::atomic<bool> loaded{false};
  std::thread loader([&] {
    try {
      server.load();
      loaded = true;
      spdlog::info("ready");
    } catch (...) {
      load_failure = std::current_exception();
      kill(getpid(), SIGTERM);  // wakes the signal loop below
    }
  });

  auto last_summary = std::chrono::steady_clock::now();
  const timespec tick{1, 0};
  for (;;) {
    const int sig = sigtimedwait(&signals, nullptr, &tick);
    if (sig == SIGHUP) {
      spdlog::info("SIGHUP: reloading");
      std::string message;
      server.reload(message);
    } else if (sig == SIGTERM || sig == SIGINT) {
      break;
    }
    if (std::chrono::steady_clock::now() - last_summary >= std::chrono::minutes(1)) {
      last_summary = std::chrono::steady_clock::now();
      spdlog::info("{}", server.take_minute_summary());
    }
  }
  spdlog::info("stopping: draining in-flight requests");
  server.stop();
  loader.join();
  if (load_failure) std::rethrow_exception(load_failure);
  spdlog::info("stopped");
}

}  // namespace

void add_serve_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Run the REST pricing service (docs/service.md)");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--host", opt->host, "Address to listen on (loopback unless told otherwise)")->capture_default_str();
  cmd->add_option("--port", opt->port, "TCP port (0 = any free port, logged)")->check(CLI::Range(0, 65535))->capture_default_str();
  cmd->add_option("--threads", opt->threads, "Event-loop threads")->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--registry", opt->registry, "Model registry directory (\"\" = no ML models)")->capture_default_str();
  cmd->add_option("--experiments-db", opt->experiments_db,
                  "Store (SQLite file or postgresql:// URL) of the /ab experiments and events (default: the --db store; with --data, none)");
  cmd->add_option("--api-keys", opt->api_keys, "File of API keys for the write routes, one per line")->check(CLI::ExistingFile);
  cmd->add_option("--as-of", opt->as_of, "Today (YYYY-MM-DD; default: today in the venue's time zone, again at each reload)");
  // Slow clients (docs/security.md): each phase of a request has its own deadline, set once.
  cmd->add_option("--idle-timeout", opt->idle_timeout, "Seconds a keep-alive connection may wait for its next request")
      ->check(CLI::Range(0.1, 3600.0))->capture_default_str();
  cmd->add_option("--header-timeout", opt->header_timeout,
                  "Seconds a client may take to send a request's header, from its first byte")
      ->check(CLI::Range(0.1, 3600.0))->capture_default_str();
  cmd->add_option("--body-timeout", opt->body_timeout,
                  "Seconds a client may take to send a request's body (and to read the answer)")
      ->check(CLI::Range(0.1, 3600.0))->capture_default_str();
  // Issue 11's one deadline, kept for the scripts that pass it: it sets all three.
  cmd->add_option_function<double>(
         "--request-timeout",
         [opt](double s) { opt->idle_timeout = opt->header_timeout = opt->body_timeout = s; },
         "Seconds for each of --idle-timeout, --header-timeout and --body-timeout at once")
      ->check(CLI::Range(0.1, 3600.0));
  cmd->add_option("--max-connections", opt->max_connections,
                  "Client connections open at once; more wait in the listen backlog until one closes")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))->capture_default_str();
  cmd->add_option("--reload-poll", opt->reload_poll,
                  "Seconds between checks, with --db, for a reload another replica announced (docs/scaling.md)")
      ->check(CLI::Range(0.1, 3600.0))->capture_default_str();
  cmd->add_option("--experiments-refresh", opt->experiments_refresh,
                  "Seconds /score may use the list of running experiments before reading it again (0 = every "
                  "request); a start or stop on another replica applies within this time")
      ->check(CLI::Range(0.0, 3600.0))->capture_default_str();
  cmd->add_option("--audit", opt->audit,
                  "Audit trail directory: every /score answer is recorded there, off the request path "
                  "(docs/audit.md; default: none, nothing recorded)");
  cmd->add_option("--audit-queue", opt->audit_queue,
                  "With --audit: records waiting to be written at most; beyond it a record is dropped and counted "
                  "in /metrics (the request is still answered)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100'000'000}))->capture_default_str();
  commands.push_back({cmd, [opt] { run_serve(*opt); }});
}

}  // namespace seatsync::cli
