// seatsync evaluate-demand: the thesis's Table 4.1, reproducible.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>
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
  std::cout << fmt::format("{:<22} {:>6} {:>9} {:>22} {:>17} {:>10} {:>10} {:>9}\n", "Method / Code type", "Cases",
                           "Positive", "Price diff mean/median", "Revenue diff sum", "MAE", "RMSE", "Fallback");
  for (const auto& r : e.rows) {
    const auto& s = r.stats;
    std::cout << fmt::format("{:<22} {:>6} {:>8.2f}% {:>22} {:>17} {:>10} {:>10} {:>9}\n",
                             fmt::format("{} / {}", to_string(r.method), r.individual ? "Individual" : "Group"),
                             s.cases, 100 * s.positive_share,
                             money(s.mean_difference) + " / " + money(s.median_difference),
                             money(s.revenue_difference_sum), money(s.mae), money(s.rmse), r.fallback_matrices);
  }
  std::cout << "\nPositive: share of test cases priced above the actual average order price. Differences are\n"
               "predicted − actual; revenue difference = tickets × price difference. Fallback: matrices\n"
               "too thin to complete on their own, taken from the matrix pooled over tiers.\n";
}

nlohmann::json to_json(const DemandEvaluation& e) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : e.rows) {
    const auto& s = r.stats;
    rows.push_back({{"method", to_string(r.method)},
                    {"code_type", r.individual ? "individual" : "group"},
                    {"cases", s.cases},
                    {"positive_share", s.positive_share},
                    {"mean_difference", s.mean_difference},
                    {"median_difference", s.median_difference},
                    {"revenue_difference_sum", s.revenue_difference_sum},
                    {"mae", s.mae},
                    {"rmse", s.rmse},
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
    std::string as_of;
    std::vector<std::string> methods;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("evaluate-demand",
                                 "Score every Demand Matrix completion method on held-out games (thesis Table 4.1)");
  add_source_options(*cmd, opt->source);
  cmd->add_option("--seed", opt->eval.seed, "Seed of the 80/20 game split")->capture_default_str();
  cmd->add_option("--test-share", opt->eval.test_share, "Share of games held out")
      ->check(CLI::Range(0.05, 0.95))->capture_default_str();
  cmd->add_option("--as-of", opt->as_of, "Use only sales before this date (YYYY-MM-DD); default: all");
  cmd->add_option("--methods", opt->methods, "Completion methods to score (default: all)")
      ->check(CLI::IsMember({"nn", "svd", "hybrid", "monotone"}))->delimiter(',');
  cmd->add_option("--format", opt->format, "Output format")->check(CLI::IsMember({"table", "json"}))->capture_default_str();
  commands.push_back({cmd, [opt] {
    if (!opt->as_of.empty()) opt->eval.as_of = parse_date_option(opt->as_of, "--as-of");
    if (!opt->methods.empty()) {
      opt->eval.methods.clear();
      for (const auto& m : opt->methods) opt->eval.methods.push_back(*parse_completion_method(m));
    }
    const Dataset data = load_input(opt->source);
    spdlog::info("evaluating {} method(s) on {} games", opt->eval.methods.size(), data.games.size());
    const auto result = evaluate_demand(data, opt->eval);
    if (opt->format == "json") std::cout << to_json(result).dump(2) << '\n';
    else print_table(result);
  }});
}

}  // namespace seatsync::cli
