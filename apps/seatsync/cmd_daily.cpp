// seatsync daily: the analyst's morning outputs for every upcoming game.
#include <spdlog/spdlog.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "audit_option.hpp"
#include "league_run.hpp"
#include "seatsync/audit_records.hpp"
#include "seatsync/daily_run.hpp"
#include "seatsync/model_monitor.hpp"
#include "seatsync/model_registry.hpp"
#include "seatsync/store.hpp"

namespace seatsync::cli {

namespace {

struct DailyOptions {
  DataSource source;
  std::string as_of, out, audit;
  bool league = false, wait = false;
  std::vector<std::string> teams;
  int max_attempts = 3;
  std::string registry;  // a "Models" section when given
};

// --league: one job per team for `seatsync worker`s instead of the run itself.
void enqueue_league(const DailyOptions& opt) {
  if (!opt.source.db || !is_postgres_url(*opt.source.db))
    throw std::invalid_argument("--league needs --db postgresql://… (or $" + std::string(kDatabaseUrlVariable) +
                                "): the league database, one schema per team");
  const Date as_of = parse_date_option(opt.as_of, "--as-of");
  const auto queue = open_league_queue(*opt.source.db);
  const auto teams = opt.teams.empty() ? queue->teams() : opt.teams;
  // Absolute, so that a worker started in another directory writes to the same place.
  const std::string out = std::filesystem::absolute(opt.out).lexically_normal().string();
  const std::string run = queue->enqueue(teams, as_of, out, opt.max_attempts);
  std::cout << "league run " << run << ": " << teams.size() << " job(s) enqueued, outputs under " << out << "/TEAM\n";
  if (!opt.wait) {
    std::cout << "start workers: seatsync worker --db URL\n";
    return;
  }
  if (!wait_for_league_run(*queue, run)) throw std::runtime_error("league run " + run + ": some teams failed (listed above)");
}

}  // namespace

void add_daily_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<DailyOptions>();
  auto* cmd = app.add_subcommand("daily", "Plans, the adjustment guide, the projection sheet and a report, for every upcoming game");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--as-of", opt->as_of, "Today (YYYY-MM-DD): only sales before it are used")->required();
  cmd->add_option("--out", opt->out, "Output directory: new, empty or a previous daily output (replaced as a whole when the run "
                 "succeeds); a directory holding other files, an existing file, the current directory or a mount "
                 "point is refused")->required();
  cmd->add_option("--registry", opt->registry,
                  "Model registry: add a \"Models\" section (the monitor's alerts and triggers) and models.json");
  cmd->add_flag("--league", opt->league,
                "Enqueue one job per team of the league database (--db postgresql://…: every schema holding a "
                "dataset) for `seatsync worker`s to run; outputs go to OUT/TEAM (docs/scaling.md)");
  cmd->add_option("--teams", opt->teams, "With --league: only these teams (schema names)")->delimiter(',');
  cmd->add_option("--max-attempts", opt->max_attempts, "With --league: claims of a job whose workers die before it fails")
      ->check(CLI::Range(1, 100))->capture_default_str();
  cmd->add_flag("--wait", opt->wait, "With --league: wait for the run to finish, then list the teams (exit 1 if one failed)");
  cmd->add_option("--audit", opt->audit,
                  "Audit trail directory: one \"plan\" record per (game, price code) plan written, appended once the "
                  "outputs are in place (docs/audit.md; default: none)");
  commands.push_back({cmd, [opt] {
    // The league's workers run the daily job elsewhere; their plans are not recorded here.
    if (opt->league && !opt->audit.empty()) throw std::invalid_argument("--audit does not go with --league");
    if (opt->league) return enqueue_league(*opt);
    if (!opt->teams.empty() || opt->wait) throw std::invalid_argument("--teams and --wait go with --league");
    const Date as_of = parse_date_option(opt->as_of, "--as-of");
    output_directory(opt->out);  // refuse a bad --out before the data are loaded
    std::optional<AuditLog> audit;
    if (!opt->audit.empty()) audit = open_audit_log(opt->audit);  // likewise a bad --audit
    const Dataset data = load_input(opt->source);
    warn_about_inventory_age(data, as_of);
    const auto start = std::chrono::steady_clock::now();
    std::optional<MonitorReport> models;
    if (!opt->registry.empty()) {
      ModelRegistry registry(opt->registry);
      if (!std::filesystem::is_directory(registry.dir()))
        throw std::invalid_argument("--registry: " + opt->registry + " is not a directory");
      MonitorContext context;
      context.thresholds = data.params.monitor;
      context.today = as_of;
      context.now = std::chrono::system_clock::now();
      models = monitor_registry(data, registry, context);
      models->business = business_by_day(data, as_of - 14, as_of - 1);
    }
    const auto r = run_daily(data, as_of, opt->out, terminal_progress(), models ? &*models : nullptr);
    warn_if_nothing_planned(data, as_of, r.games);
    if (audit) {
      // After the swap: a plan is recorded once it is what the analysts open. Should this append
      // fail, the outputs stand and the exit code (1) says the record is missing.
      const auto records = plan_audit_records(r.planned, data, dataset_identity(data), "daily");
      try {
        audit->append(records);
      } catch (const std::exception& e) {
        throw std::runtime_error(std::string("the outputs are written, but their audit records are not: ") + e.what());
      }
      spdlog::info("{} plan record(s) appended to the audit log {}", records.size(), opt->audit);
    }
    std::cout << "daily run as of " << as_of.str() << ": " << r.plans << " price plans for " << r.games
              << " upcoming games, " << r.significant << " significant recommendation(s)\n"
              << "open " << (std::filesystem::path(opt->out) / "index.html").string() << "\n";
    spdlog::info("daily run took {:.2f} s", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }});
}

}  // namespace seatsync::cli
