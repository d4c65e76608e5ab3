// seatsync backtest: closed-loop revenue of every policy against the simulator's truth, or (--from/--to)
// the past decisions of a window replayed under other policies (the backtest on history).
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "seatsync/store.hpp"
#include "seatsync/atomic_file.hpp"
#include "backtest_history.hpp"
#include "seatsync/backtest.hpp"
#include "seatsync/historical_backtest.hpp"
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

MarketTruth load_truth_of(const std::filesystem::path& dir) {
  const auto file = dir / "truth.json";
  if (!std::filesystem::exists(file))
    throw std::invalid_argument("--data " + dir.string() + ": no truth.json there. A backtest needs the demand that "
                                "generated the data: give a directory written by `seatsync simulate`, or use --simulate "
                                "(or --from and --to to replay the data's history)");
  return load_truth_file(file);
}

struct BacktestCliOptions {
  bool simulate = false;
  DataSource source;
  std::string scenario = "balanced", out, refit = "decision", format = "table";
  SimulationConfig config;
  BacktestOptions backtest;
  int max_games = 0;
  std::string from, to, truth;
  std::vector<std::string> policies;
};

// The backtest on history (--from/--to): the window's past decisions re-made by each policy.
void run_history(const BacktestCliOptions& opt, const CLI::App& cmd) {
  if (opt.from.empty() || opt.to.empty())
    throw std::invalid_argument("give --from and --to together: the window of past games to replay");
  if (opt.simulate)
    throw std::invalid_argument("--from/--to replay the history of a dataset: give --data DIR or --db FILE, not "
                                "--simulate");
  if (cmd.count("--refit") > 0)
    throw std::invalid_argument("--refit applies to the closed loop; the backtest on history re-fits on every "
                                "decision day from the sales before it");
  if (!opt.source.data_dir && !opt.source.db)
    throw std::invalid_argument("the backtest on history needs --data DIR or --db FILE");
  HistoricalBacktestOptions options;
  options.from = parse_date_option(opt.from, "--from");
  options.to = parse_date_option(opt.to, "--to");
  if (options.from > options.to)
    throw std::invalid_argument("--from " + opt.from + " is after --to " + opt.to);
  if (!opt.policies.empty()) options.policies = opt.policies;
  for (const auto& p : options.policies) try {
      check_historical_policy(p);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("--policy: ") + e.what());
    }
  options.max_games = opt.max_games;

  const Dataset data = load_input(opt.source);
  options.plan = data.params.plan;
  // The truth, when there is one: --truth FILE, or truth.json beside --data.
  const std::optional<MarketTruth> truth = find_truth(opt.truth, opt.source);
  if (!truth)
    spdlog::info("no truth.json: the counterfactuals are the model's alone (--truth FILE adds the true ones)");

  const auto result = run_historical_backtest(data, truth ? &*truth : nullptr, options, terminal_progress());
  const auto json = history_json(result);
  if (opt.format == "json") std::cout << json.dump(2) << "\n";
  else print_history_table(result, std::cout);
  if (opt.out.empty()) return;
  write_file_atomic(opt.out, json.dump(2) + "\n");
  spdlog::info("wrote {}", opt.out);
}

// The closed loop against the simulator's customers (--simulate, or --data DIR with truth.json).
void run_closed_loop(BacktestCliOptions& opt) {
  if (!opt.policies.empty())
    throw std::invalid_argument("--policy chooses the policies of the backtest on history: give --from and --to");
  if (!opt.truth.empty())
    throw std::invalid_argument("--truth is for the backtest on history (--from/--to); the closed loop reads "
                                "truth.json beside --data");
  if (opt.source.db)
    throw std::invalid_argument("--db " + redact_location(*opt.source.db) + ": the closed loop plays the simulator's "
                                "customers and needs its truth.json: give --data DIR or --simulate, or --from/--to "
                                "for the backtest on history");
  if (!opt.simulate && !opt.source.data_dir)
    throw std::invalid_argument("give --simulate or --data DIR (or --from and --to with --data/--db for the "
                                "backtest on history)");
  SimulatedMarket market;
  if (opt.simulate) {
    opt.config.scenario = *parse_scenario(opt.scenario);
    market = simulate_market(opt.config);
  } else {
    market.dataset = load_input_dir(*opt.source.data_dir, opt.source.csv);
    market.truth = load_truth_of(*opt.source.data_dir);
  }
  opt.backtest.plan = market.dataset.params.plan;
  opt.backtest.refit = opt.refit == "decision";
  opt.backtest.max_games = opt.max_games;
  const auto result = run_backtest(market, opt.backtest, terminal_progress());
  if (opt.format == "json") std::cout << to_json(result).dump(2) << "\n";
  else print_table(result);
  if (opt.out.empty()) return;  // nothing lands in the working directory unasked
  write_file_atomic(opt.out, to_json(result).dump(2) + "\n");
  spdlog::info("wrote {}", opt.out);
}

}  // namespace

void add_backtest_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<BacktestCliOptions>();
  auto* cmd = app.add_subcommand(
      "backtest",
      "Play the upcoming season in a closed loop against the simulator's truth, or (--from/--to) replay past "
      "decisions under other policies");
  auto* sim = cmd->add_flag("--simulate", opt->simulate, "Simulate the market in memory (with --scenario, --seed)");
  add_source_options(*cmd, opt->source, {"--simulate"});
  cmd->get_option("--data")->description(
      "A directory written by `seatsync simulate` (with truth.json) for the closed loop; any season dataset with "
      "--from/--to");
  cmd->get_option("--db")->description("SQLite database written by `seatsync import` (with --from/--to)");
  sim->excludes(cmd->get_option("--data"));
  sim->excludes(cmd->get_option("--db"));
  cmd->add_option("--scenario", opt->scenario, "Market scenario (docs/simulator.md)")
      ->check(CLI::IsMember(scenario_names()))->capture_default_str();
  cmd->add_option("--seed", opt->config.seed, "Simulator seed")->capture_default_str();
  cmd->add_option("--games", opt->max_games, "Only the first N games (upcoming, or of the window) (0 = all)")
      ->capture_default_str();
  cmd->add_option("--refit", opt->refit,
                  "When seatsync re-fits its demand: on every decision day from the sales so far (as the daily run "
                  "does live), or once at as_of")
      ->check(CLI::IsMember({"decision", "once"}))->capture_default_str();
  cmd->add_option("--from", opt->from, "Backtest on history: replay the games played from this day (YYYY-MM-DD)");
  cmd->add_option("--to", opt->to, "… to this day, inclusive (YYYY-MM-DD)");
  cmd->add_option("--policy", opt->policies,
                  "A policy to replay the history with (repeatable): seatsync-stochastic, seatsync-deterministic, "
                  "rule_based, static, multiplier:X (default: seatsync-stochastic, rule_based, static)");
  cmd->add_option("--truth", opt->truth,
                  "The simulator's truth.json for the backtest on history (default: truth.json beside --data)");
  cmd->add_option("--format", opt->format, "What stdout shows")
      ->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  cmd->add_option("--out", opt->out, "Also write the result as JSON to this file (atomically)");
  commands.push_back({cmd, [opt, cmd] {
    if (!opt->from.empty() || !opt->to.empty()) run_history(*opt, *cmd);
    else run_closed_loop(*opt);
  }});
}

}  // namespace seatsync::cli
