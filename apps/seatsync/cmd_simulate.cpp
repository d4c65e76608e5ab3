// seatsync simulate: writes a synthetic season dataset and its ground truth.
#include <spdlog/spdlog.h>

#include <memory>

#include "cli.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync::cli {

void add_simulate_command(CLI::App& app, Commands& commands) {
  struct Options {
    std::string out;
    SimulationConfig config;
    std::string scenario = "balanced";
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("simulate", "Write a simulated season dataset (CSV contract + truth.json)");
  cmd->add_option("--out", opt->out, "Directory to write into (created if needed)")->required();
  cmd->add_option("--seasons", opt->config.seasons, "Past, fully played seasons")
      ->check(CLI::Range(1, 50))->capture_default_str();
  cmd->add_option("--seed", opt->config.seed, "Random seed: same seed, same dataset")->capture_default_str();
  cmd->add_option("--scenario", opt->scenario, "Demand level")
      ->check(CLI::IsMember({"balanced", "sellout", "soft"}))->capture_default_str();
  cmd->add_option("--games", opt->config.games_per_season, "Home games per season")
      ->check(CLI::Range(5, 170))->capture_default_str();

  commands.push_back({cmd, [opt] {
    opt->config.scenario = *parse_scenario(opt->scenario);
    auto progress = terminal_progress();
    auto market = simulate_market(opt->config, progress);
    write_simulation(market, opt->out, progress);
    const auto& d = market.dataset;
    spdlog::info("wrote {} games, {} price codes, {} orders, {} inventory rows, {} listings to {}", d.games.size(),
                 d.codes.size(), d.transactions.size(), d.inventory.size(), d.listings.size(), opt->out);
  }});
}

}  // namespace seatsync::cli
