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
    MarketOptions market;  // only the flags given override the scenario's values
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("simulate", "Write a simulated season dataset (CSV contract + truth.json)");
  cmd->add_option("--out", opt->out, "Directory to write into (created if needed)")->required();
  cmd->add_option("--seasons", opt->config.seasons, "Past, fully played seasons")
      ->check(CLI::Range(1, 50))->capture_default_str();
  cmd->add_option("--seed", opt->config.seed, "Random seed: same seed, same dataset")->capture_default_str();
  cmd->add_option("--scenario", opt->scenario, "Market scenario (docs/simulator.md)")
      ->check(CLI::IsMember(scenario_names()))->capture_default_str();
  cmd->add_option("--games", opt->config.games_per_season, "Home games per season")
      ->check(CLI::Range(5, 170))->capture_default_str();
  // Overrides of the scenario's market options (docs/simulator.md, MarketOptions): only the
  // flags given change the scenario's values.
  const auto scale = CLI::Range(kMinMarketScale, kMaxMarketScale);
  const auto shift = CLI::Range(kMinMarketShift, kMaxMarketShift);
  auto* demand_scale = cmd->add_option("--demand-scale", opt->market.demand_scale,
                                       "Multiplier on every arrival rate (default: the scenario's)")->check(scale);
  auto* wtp_scale = cmd->add_option("--wtp-scale", opt->market.wtp_scale,
                                    "True WTP over the analyst's beliefs (default: the scenario's)")->check(scale);
  auto* tier_time = cmd->add_flag("--tier-time-effects,!--no-tier-time-effects", opt->market.tier_time_effects,
                                  "WTP moves towards game day differently by tier (default: the scenario's)");
  auto* segments = cmd->add_flag("--wtp-segments,!--no-wtp-segments", opt->market.wtp_segments,
                                 "WTP is a premium / price-sensitive mixture (default: the scenario's)");
  auto* shift_arrivals = cmd->add_option("--shift-arrivals", opt->market.shift_arrivals,
                                         "Arrivals multiplier, upcoming season (default: the scenario's)")->check(shift);
  auto* shift_wtp = cmd->add_option("--shift-wtp", opt->market.shift_wtp,
                                    "WTP multiplier, upcoming season (default: the scenario's)")->check(shift);

  commands.push_back({cmd, [=] {
    opt->config.scenario = *parse_scenario(opt->scenario);
    MarketOptions options = scenario_options(opt->config.scenario);
    if (*demand_scale) options.demand_scale = opt->market.demand_scale;
    if (*wtp_scale) options.wtp_scale = opt->market.wtp_scale;
    if (*tier_time) options.tier_time_effects = opt->market.tier_time_effects;
    if (*segments) options.wtp_segments = opt->market.wtp_segments;
    if (*shift_arrivals) options.shift_arrivals = opt->market.shift_arrivals;
    if (*shift_wtp) options.shift_wtp = opt->market.shift_wtp;
    check_market_options(options);
    opt->config.market = options;
    auto progress = terminal_progress();
    auto market = simulate_market(opt->config, progress);
    write_simulation(market, opt->out, progress);
    const auto& d = market.dataset;
    spdlog::info("wrote {} games, {} price codes, {} orders, {} inventory rows, {} listings to {}", d.games.size(),
                 d.codes.size(), d.transactions.size(), d.inventory.size(), d.listings.size(), opt->out);
  }});
}

}  // namespace seatsync::cli
