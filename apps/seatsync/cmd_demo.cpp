// seatsync demo: the whole pipeline in one command on a simulated season.
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/plan_format.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/season_summary.hpp"
#include "seatsync/simulator.hpp"
#include "seatsync/store.hpp"

namespace seatsync::cli {

void add_demo_command(CLI::App& app, Commands& commands) {
  struct Options {
    std::string dir = "seatsync-demo";
    std::uint64_t seed = 42;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("demo", "Simulate a season into ./seatsync-demo/, import it, summarise it and plan its upcoming games");
  cmd->add_option("--dir", opt->dir, "Where to put the demo's files")->capture_default_str();
  cmd->add_option("--seed", opt->seed, "Simulator seed")->capture_default_str();
  commands.push_back({cmd, [opt] {
    namespace fs = std::filesystem;
    using clock = std::chrono::steady_clock;
    auto progress = terminal_progress();
    auto t0 = clock::now();
    SimulationConfig config;
    config.seed = opt->seed;
    auto market = simulate_market(config, progress);
    write_simulation(market, opt->dir, progress);
    auto t1 = clock::now();
    const fs::path db = fs::path(opt->dir) / "seatsync.db";
    open_sqlite_store(db)->replace(market.dataset, progress);
    auto t2 = clock::now();
    // The summary reads back from the database, so the demo exercises the store end to end.
    Dataset stored = open_sqlite_store(db)->load();
    std::cout << "seatsync demo — simulated season (seed " << opt->seed << ", scenario balanced)\n"
              << "  dataset:  " << fs::path(opt->dir).string() << "/ (CSV contract, truth.json)\n"
              << "  database: " << db.string() << "\n\n"
              << format_summary(summarize(stored));
    // The main job: price plans for the upcoming games, as of the simulator's today.
    const PlanSet plans = plan_games(stored, market.truth.as_of);
    const fs::path plan_file = fs::path(opt->dir) / "plan.json";
    write_file_atomic(plan_file, plan_to_json(plans, stored).dump(2) + "\n");
    auto t3 = clock::now();
    std::size_t n = 0;
    for (const auto& g : plans.games) n += g.plans.size();
    std::cout << "\nToday is " << market.truth.as_of.str() << ": " << n << " price plans for " << plans.games.size()
              << " upcoming games (" << to_string(plans.method) << " DP) written to " << plan_file.string()
              << "\n\n";
    if (!plans.games.empty()) std::cout << format_game_plan(plans.games.front(), stored);
    auto sec = [](auto d) { return std::chrono::duration<double>(d).count(); };
    spdlog::info("simulated in {:.2f} s, imported in {:.2f} s, planned in {:.2f} s", sec(t1 - t0), sec(t2 - t1),
                 sec(t3 - t2));
  }});
}

}  // namespace seatsync::cli
