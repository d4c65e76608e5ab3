// seatsync demo: the whole pipeline in one command on a simulated season.
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/daily_run.hpp"
#include "seatsync/plan_format.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/season_summary.hpp"
#include "seatsync/simulator.hpp"
#include "seatsync/store.hpp"

namespace seatsync::cli {
namespace {
// The first game on or after as_of that has inventory.
GameIndex next_game(const Dataset& data, Date as_of) {
  std::optional<GameIndex> best;
  for (const auto& r : data.inventory)
    if (data.games[r.game].date >= as_of && (!best || data.games[r.game].date < data.games[*best].date)) best = r.game;
  return best.value_or(0);
}
}  // namespace

void add_demo_command(CLI::App& app, Commands& commands) {
  struct Options {
    std::string dir = "seatsync-demo";
    std::uint64_t seed = 42;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("demo", "Simulate a season into ./seatsync-demo/, import it, summarise it and run the daily job on it");
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
    // The main job: the daily run as of the simulator's today — plans, guide, projection sheet.
    const fs::path daily = fs::path(opt->dir) / "daily";
    const DailyRunResult run = run_daily(stored, market.truth.as_of, daily, progress);
    auto t3 = clock::now();
    std::cout << "\nToday is " << market.truth.as_of.str() << ": " << run.plans << " price plans for " << run.games
              << " upcoming games, " << run.significant << " significant recommendation(s).\n"
              << "Open " << (daily / "index.html").string() << " (report), " << (daily / "guide.xlsx").string()
              << " (Manual Price Adjustment Guide), " << (daily / "projection.xlsx").string()
              << " (Attendance Projection Sheet).\n\n";
    // The next game's plan, on the terminal too.
    const PlanSet next = plan_games(stored, market.truth.as_of, {next_game(stored, market.truth.as_of)});
    if (!next.games.empty()) std::cout << format_game_plan(next.games.front(), stored);
    // The live half on the same data: how to start the pricing service and ask it for a price.
    if (!next.games.empty() && !next.games.front().plans.empty()) {
      const auto& plan = next.games.front().plans.front();
      std::cout << "\nPricing service on this data (docs/service.md):\n"
                << "  seatsync serve --db " << db.string() << " --as-of " << market.truth.as_of.str() << "\n"
                << "  curl -s localhost:8080/score -d '{\"event\": {\"game_id\": \"" << stored.games[plan.game].id
                << "\", \"price_code\": \"" << stored.codes[plan.code].code << "\"}, \"quote_time\": \""
                << market.truth.as_of.str() << "T12:00:00Z\"}'\n";
    }
    std::cout << "\nBooking-curve forecasts and P(sellout) per game and code (docs/forecasting.md):\n"
              << "  seatsync forecast --db " << db.string() << " --as-of " << market.truth.as_of.str() << "\n";
    std::cout << "\nOur prices against the simulated resale market, thesis 5.2.1 (docs/market-data.md):\n"
              << "  seatsync compare-market --db " << db.string() << " --as-of " << market.truth.as_of.str() << "\n";
    auto sec = [](auto d) { return std::chrono::duration<double>(d).count(); };
    spdlog::info("simulated in {:.2f} s, imported in {:.2f} s, daily run in {:.2f} s", sec(t1 - t0), sec(t2 - t1),
                 sec(t3 - t2));
  }});
}

}  // namespace seatsync::cli
