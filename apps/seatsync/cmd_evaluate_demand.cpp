// seatsync evaluate-demand: the thesis's Table 4.1, reproducible.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <nlohmann/json.hpp>

#include "cli.hpp"
#include "seatsync/demand_evaluation.hpp"

namespace seatsync::cli {
namespace {

std::string money(double v) { return fmt::format("{}${:.2f}", v < 0 ? "-" : "", std::abs(v)); }

void print_table(const DemandEvaluation& e) {
  std::cout << fmt::format("Demand Matrix completion, thesis Table 4.1 protocol: {} training / {} test games "
                           "(split seed {}, stratified by season and tier), as of {}\n\n",
                           e.train_games, e.test_games, e.seed, e.as_of.str());
  std::cout << fmt::format("{:<22} {:>6} {:>9} {:>22} {:>17} {:>10} {:>10} {:>9} {:>7}\n", "Method / Code type", "Cases",
                           "Positive", "Price diff mean/median", "Revenue diff sum", "MAE", "RMSE", "Fallback", "MAE %");
  for (const auto& r : e.rows) {
    const auto& s = r.stats;
    std::cout << fmt::format("{:<22} {:>6} {:>8.2f}% {:>22} {:>17} {:>10} {:>10} {:>9} {:>6.2f}%\n",
                             fmt::format("{} / {}", method_label(r), r.individual ? "Individual" : "Group"),
                             s.cases, 100 * s.positive_share,
                             money(s.mean_difference) + " / " + money(s.median_difference),
                             money(s.revenue_difference_sum), money(s.mae), money(s.rmse), r.fallback_matrices,
                             s.mae_percent);
  }
  std::cout << "\nPositive: share of test cases priced above the actual average order price. Differences are\n"
               "predicted − actual; revenue difference = tickets × price difference. Fallback: matrices\n"
               "too thin to complete on their own, taken from the matrix pooled over tiers. MAE %: mean\n"
               "|difference| / actual price. baseline: the training games' average order price of the\n"
               "(tier, group or code, bucket), whatever the quantity.\n";
}

std::string spread_text(const Spread& s, std::string (*show)(double)) {
  return fmt::format("{} ± {} [{}, {}]", show(s.mean), show(s.std), show(s.min), show(s.max));
}
std::string whole_money(double v) { return fmt::format("{}${:.0f}", v < 0 ? "-" : "", std::abs(v)); }
std::string percent(double v) { return fmt::format("{:.2f}%", v); }

void print_seeds_table(const DemandEvaluationSeeds& e) {
  std::cout << fmt::format("Demand Matrix completion, thesis Table 4.1 protocol over {} splits (seeds {}-{}, "
                           "stratified by season and tier; {} test games each), as of {}\n"
                           "Each cell: mean ± standard deviation [min, max] over the splits.\n\n",
                           e.runs.size(), e.first_seed, e.last_seed, e.runs.front().test_games, e.as_of.str());
  std::cout << fmt::format("{:<22} {:>6} {:>44} {:>36} {:>32}\n", "Method / Code type", "Cases", "Revenue diff sum",
                           "MAE", "MAE %");
  for (const auto& r : e.rows)
    std::cout << fmt::format("{:<22} {:>6.0f} {:>44} {:>36} {:>32}\n",
                             fmt::format("{} / {}", r.baseline ? "baseline" : to_string(r.method),
                                         r.individual ? "Individual" : "Group"),
                             r.cases.mean, spread_text(r.revenue_difference_sum, whole_money),
                             spread_text(r.mae, money), spread_text(r.mae_percent, percent));
  std::cout << "\nRevenue diff sum = Σ tickets × (predicted − actual) over a split's test cases: its sign on\n"
               "one split says little when the spread crosses zero. MAE %: mean |difference| / actual price.\n";
}

nlohmann::json spread_json(const Spread& s) {
  return {{"mean", s.mean}, {"std", s.std}, {"min", s.min}, {"max", s.max}};
}

nlohmann::json to_json(const DemandEvaluationSeeds& e) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : e.rows)
    rows.push_back({{"method", r.baseline ? "baseline" : to_string(r.method)},
                    {"code_type", r.individual ? "individual" : "group"},
                    {"cases", spread_json(r.cases)},
                    {"positive_share", spread_json(r.positive_share)},
                    {"mean_difference", spread_json(r.mean_difference)},
                    {"revenue_difference_sum", spread_json(r.revenue_difference_sum)},
                    {"mae", spread_json(r.mae)},
                    {"rmse", spread_json(r.rmse)},
                    {"mae_percent", spread_json(r.mae_percent)}});
  return {{"seeds", {e.first_seed, e.last_seed}}, {"as_of", e.as_of.str()},
          {"train_games", e.runs.front().train_games}, {"test_games", e.runs.front().test_games}, {"rows", rows}};
}

// "A-B" (or one seed "A"): the split seeds to run.
std::pair<std::uint64_t, std::uint64_t> parse_seed_range(const std::string& text) {
  auto number = [&](const std::string& part) {
    if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos || part.size() > 18)
      throw std::invalid_argument("--seeds: expected A-B with whole numbers A <= B (e.g. 1-10), found '" + text + "'");
    return std::stoull(part);
  };
  const auto dash = text.find('-');
  const auto first = number(text.substr(0, dash));
  const auto last = dash == std::string::npos ? first : number(text.substr(dash + 1));
  if (first > last)
    throw std::invalid_argument("--seeds: the first seed is after the last in '" + text + "'");
  if (last - first >= 1000) throw std::invalid_argument("--seeds: at most 1000 seeds, found '" + text + "'");
  return {first, last};
}

nlohmann::json to_json(const DemandEvaluation& e) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : e.rows) {
    const auto& s = r.stats;
    rows.push_back({{"method", method_label(r)},
                    {"code_type", r.individual ? "individual" : "group"},
                    {"cases", s.cases},
                    {"positive_share", s.positive_share},
                    {"mean_difference", s.mean_difference},
                    {"median_difference", s.median_difference},
                    {"revenue_difference_sum", s.revenue_difference_sum},
                    {"mae", s.mae},
                    {"rmse", s.rmse},
                    {"mae_percent", s.mae_percent},
                    {"fallback_matrices", r.fallback_matrices}});
  }
  return {{"seed", e.seed}, {"as_of", e.as_of.str()}, {"train_games", e.train_games},
          {"test_games", e.test_games}, {"rows", rows}};
}

}  // namespace

void add_evaluate_demand_command(CLI::App& app, Commands& commands) {
  struct Options {
    DataSource source;
    DemandEvaluationOptions eval;
    std::string format = "table";
    std::string as_of, seeds;
    std::vector<std::string> methods;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("evaluate-demand",
                                 "Score every Demand Matrix completion method on held-out games (thesis Table 4.1)");
  add_source_options(*cmd, opt->source);
  auto* seed = cmd->add_option("--seed", opt->eval.seed, "Seed of the 80/20 game split")->capture_default_str();
  cmd->add_option("--seeds", opt->seeds, "Run every split seed A to B (e.g. 1-10) and report mean, std, min and max")
      ->excludes(seed);
  cmd->add_option("--test-share", opt->eval.test_share, "Share of games held out")
      ->check(CLI::Range(0.05, 0.95))->capture_default_str();
  cmd->add_option("--as-of", opt->as_of, "Use only sales before this date (YYYY-MM-DD); default: all");
  cmd->add_option("--methods", opt->methods, "Completion methods to score (default: all)")
      ->check(CLI::IsMember({"nn", "svd", "hybrid", "monotone"}))->delimiter(',');
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] {
    if (!opt->as_of.empty()) opt->eval.as_of = parse_date_option(opt->as_of, "--as-of");
    std::optional<std::pair<std::uint64_t, std::uint64_t>> seeds;
    if (!opt->seeds.empty()) seeds = parse_seed_range(opt->seeds);
    if (!opt->methods.empty()) {
      opt->eval.methods.clear();
      for (const auto& m : opt->methods) opt->eval.methods.push_back(*parse_completion_method(m));
    }
    const Dataset data = load_input(opt->source);
    spdlog::info("evaluating {} method(s) on {} games", opt->eval.methods.size(), data.games.size());
    if (seeds) {
      const auto result = evaluate_demand_seeds(data, opt->eval, seeds->first, seeds->second);
      if (opt->format == "json") std::cout << to_json(result).dump(2) << '\n';
      else print_seeds_table(result);
      return;
    }
    const auto result = evaluate_demand(data, opt->eval);
    if (opt->format == "json") std::cout << to_json(result).dump(2) << '\n';
    else print_table(result);
  }});
}

}  // namespace seatsync::cli
