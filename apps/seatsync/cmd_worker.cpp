// seatsync worker: takes league daily-run jobs from the queue until stopped (docs/scaling.md).
// SIGTERM/SIGINT finish the job in hand, then exit 0; SIGKILL leaves it to another worker once
// its lease runs out.
#include <signal.h>
#include <unistd.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "league_run.hpp"
#include "seatsync/store.hpp"

namespace seatsync::cli {
namespace {

std::string default_worker_id() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid());
}

}  // namespace

void add_worker_command(CLI::App& app, Commands& commands) {
  struct Options {
    std::string db;
    LeagueWorkerOptions worker;
    double lease = 30, poll = 1;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("worker", "Take jobs of league daily runs (daily --league) until stopped");
  add_db_option(*cmd, opt->db, "League database (postgresql://…; default $" + std::string(kDatabaseUrlVariable) + ")");
  cmd->add_option("--id", opt->worker.id, "This worker's name in the queue (default HOST:PID)");
  cmd->add_option("--lease", opt->lease, "Seconds a job stays this worker's without a heartbeat; a dead worker's job "
                                         "is taken over after it")->check(CLI::Range(3.0, 3600.0))->capture_default_str();
  cmd->add_option("--poll", opt->poll, "Seconds between claims when no job is waiting")->check(CLI::Range(0.05, 60.0))->capture_default_str();
  cmd->add_flag("--exit-when-idle", opt->worker.exit_when_idle, "Exit once no job of any run is queued or running");
  cmd->add_option("--max-jobs", opt->worker.max_jobs, "Exit after this many jobs (0 = no limit)")->capture_default_str();
  commands.push_back({cmd, [opt] {
    if (opt->db.empty()) throw std::invalid_argument("--db postgresql://… (or $" + std::string(kDatabaseUrlVariable) + ") is required");
    LeagueWorkerOptions w = opt->worker;
    if (w.id.empty()) w.id = default_worker_id();
    w.lease = std::chrono::seconds(static_cast<long>(opt->lease));
    w.poll = std::chrono::milliseconds(static_cast<long>(opt->poll * 1000));
    spdlog::info("worker {} on {}", w.id, redact_location(opt->db));
    const std::string url = opt->db;
    const auto stats = run_league_worker(url, w, [&url](const LeagueJob& job) { return run_team_daily(url, job); }, stop_on_sigterm());
    std::cout << "worker " << w.id << ": " << stats.done << " job(s) done, " << stats.failed << " failed, " << stats.lost
              << " taken over by another worker\n";
  }});
}

}  // namespace seatsync::cli
