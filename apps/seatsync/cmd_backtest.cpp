// seatsync backtest: closed-loop revenue of every policy against the simulator's truth.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/backtest.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync::cli {
namespace {

nlohmann::ordered_json to_json(const BacktestResult& r) {
  nlohmann::ordered_json policies = nlohmann::ordered_json::array();
  for (const auto& o : r.outcomes) {
    nlohmann::ordered_json tiers = nlohmann::ordered_json::array();
    for (std::size_t k = 0; k < o.tier_revenue.size(); ++k)
      tiers.push_back({{"tier", o.tier_revenue[k].first},
                       {"revenue", std::round(o.tier_revenue[k].second * 100) / 100},
                       {"ratio_to_oracle", o.tier_ratio[k].second}});
    policies.push_back({{"policy", o.policy},
                        {"description", o.description},
                        {"revenue", std::round(o.revenue * 100) / 100},
                        {"tickets", o.tickets},
                        {"sell_through", o.sell_through},
                        {"objective", std::round(o.objective * 100) / 100},
                        {"ratio_to_oracle", o.ratio_to_oracle},
                        {"tiers", tiers}});
  }
  return {{"scenario", r.scenario}, {"seed", r.seed}, {"as_of", r.as_of.str()}, {"refit", r.refit ? "decision" : "once"},
          {"games", r.games},
          {"price_codes", r.codes}, {"seats_at_start", r.seats_at_start}, {"policies", policies}};
}

void print_table(const BacktestResult& r) {
  std::cout << fmt::format("Closed-loop backtest: scenario {}, seed {}, {} upcoming games ({} game × code), "
                           "from {} to game day, {} unsold seats at the start\n\n",
                           r.scenario, r.seed, r.games, r.codes, r.as_of.str(), r.seats_at_start);
  std::cout << fmt::format("{:<24} {:>14} {:>9} {:>13} {:>10} {:>11}\n", "policy", "revenue", "tickets", "sell-through",
                           "vs oracle", "worst tier");
  for (const auto& o : r.outcomes) {
    const auto worst = std::min_element(o.tier_ratio.begin(), o.tier_ratio.end(),
                                        [](const auto& a, const auto& b) { return a.second < b.second; });
    const std::string worst_text =
        worst == o.tier_ratio.end() ? "" : fmt::format("{}: {:.1f}%", worst->first, 100 * worst->second);
    std::cout << fmt::format("{:<24} {:>14} {:>9} {:>12.1f}% {:>9.1f}% {:>11}\n", o.policy,
                             fmt::format("${:.0f}", o.revenue), o.tickets, 100 * o.sell_through, 100 * o.ratio_to_oracle,
                             worst_text);
  }
  if (!r.oracle_is_bound)
    std::cout << "note: a policy beat the oracle on these customers (it is optimal only in expectation): the ratios "
                 "are no upper bound here\n";
  std::cout << "\n";
  for (const auto& o : r.outcomes) std::cout << fmt::format("  {:<24} {}\n", o.policy, o.description);
}

// The truth a backtest plays against is input like the dataset: a missing or unreadable one is
// bad input (exit 2), with what to do about it.
MarketTruth load_truth_of(const std::filesystem::path& dir) {
  const auto file = dir / "truth.json";
  if (!std::filesystem::exists(file))
    throw std::invalid_argument("--data " + dir.string() + ": no truth.json there. A backtest needs the demand that "
                                "generated the data: give a directory written by `seatsync simulate`, or use --simulate");
  try {
    return load_truth(file);
  } catch (const std::runtime_error& e) {
    throw std::invalid_argument(e.what());
  } catch (const nlohmann::json::exception& e) {
    throw std::invalid_argument(file.string() + ": " + e.what());
  }
}

}  // namespace

void add_backtest_command(CLI::App& app, Commands& commands) {
  struct Options {
    bool simulate = false;
    std::string data, scenario = "balanced", out, refit = "decision";
    SimulationConfig config;
    BacktestOptions backtest;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("backtest", "Play the upcoming season in a closed loop against the simulator's truth");
  auto* sim = cmd->add_flag("--simulate", opt->simulate, "Simulate the market in memory (with --scenario, --seed)");
  auto* data = cmd->add_option("--data", opt->data, "A directory written by `seatsync simulate` (with truth.json)");
  sim->excludes(data);
  cmd->add_option("--scenario", opt->scenario, "Market scenario (docs/simulator.md)")
      ->check(CLI::IsMember(scenario_names()))->capture_default_str();
  cmd->add_option("--seed", opt->config.seed, "Simulator seed")->capture_default_str();
  cmd->add_option("--games", opt->backtest.max_games, "Only the first N upcoming games (0 = all)")->capture_default_str();
  cmd->add_option("--refit", opt->refit,
                  "When seatsync re-fits its demand: on every decision day from the sales so far (as the daily run "
                  "does live), or once at as_of")
      ->check(CLI::IsMember({"decision", "once"}))->capture_default_str();
  cmd->add_option("--out", opt->out, "Also write the result as JSON to this file (atomically)");
  commands.push_back({cmd, [opt] {
    if (!opt->simulate && opt->data.empty()) throw std::invalid_argument("give --simulate or --data DIR");
    SimulatedMarket market;
    if (opt->simulate) {
      opt->config.scenario = *parse_scenario(opt->scenario);
      market = simulate_market(opt->config);
    } else {
      market.dataset = load_input_dir(opt->data);
      market.truth = load_truth_of(opt->data);
    }
    opt->backtest.plan = market.dataset.params.plan;
    opt->backtest.refit = opt->refit == "decision";
    const auto result = run_backtest(market, opt->backtest, terminal_progress());
    print_table(result);
    if (opt->out.empty()) return;  // nothing lands in the working directory unasked
    write_file_atomic(opt->out, to_json(result).dump(2) + "\n");
    spdlog::info("wrote {}", opt->out);
  }});
}

}  // namespace seatsync::cli
