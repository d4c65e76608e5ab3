#pragma once
// The thesis's evaluation of Demand Matrix completion (section 4.3.4, Table 4.1): split games
// 80/20 stratified by season and tier, build and complete matrices on the training games, then
// for every test (game, group or code, bucket) look up the completed price at the quantity the
// game actually sold and compare it with the game's actual average order price.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "seatsync/completion.hpp"
#include "seatsync/dataset.hpp"

namespace seatsync {

// The season a game belongs to: the year it starts in, seasons running July to June.
int season_of(Date game_date);

struct GameSplit {
  std::vector<bool> train, test;  // per game; games played on or after as_of are in neither
  std::size_t train_games = 0, test_games = 0;
};

// Stratified by (season, tier): each stratum sends round(test_share × size) games to the
// test set, the rounding spread by largest remainder so the total is round(test_share × N).
GameSplit split_games(const Dataset& data, double test_share, std::uint64_t seed, Date as_of);

struct PriceErrorStats {
  std::size_t cases = 0;
  double positive_share = 0;  // share of cases where the predicted price is above the actual
  double mean_difference = 0, median_difference = 0;  // predicted − actual
  double revenue_difference_sum = 0;                  // Σ quantity × (predicted − actual)
  double mae = 0, rmse = 0;
  // Mean |predicted − actual| / actual: a $13 and an $842 seat weigh alike (MAE in dollars is
  // dominated by the dear codes).
  double mae_percent = 0;
};
PriceErrorStats price_error_stats(const std::vector<double>& predicted, const std::vector<double>& actual,
                                  const std::vector<int>& quantities);

struct EvaluationRow {
  CompletionMethod method;
  bool individual = false;      // a matrix per price code instead of per group
  PriceErrorStats stats;
  std::size_t fallback_matrices = 0;  // matrices that needed the pooled fallback (see notes)
  // The naive baseline instead of a completion method (`method` is then meaningless): the
  // training games' average order price of the (tier, group or code, bucket), whatever the
  // quantity sold; the cell pooled over tiers, then the key's own average where it is empty.
  bool baseline = false;
};
// "baseline" or the completion method's name.
std::string method_label(const EvaluationRow& row);

struct DemandEvaluation {
  std::uint64_t seed = 0;
  Date as_of;
  std::size_t train_games = 0, test_games = 0;
  std::vector<EvaluationRow> rows;
};

struct DemandEvaluationOptions {
  std::uint64_t seed = 1;
  double test_share = 0.2;
  std::optional<Date> as_of;  // default: the day after the last sale
  std::vector<CompletionMethod> methods = all_completion_methods();
  CompletionOptions completion;
};

// Per granularity (group, then individual): a row per method in options.methods, then the
// naive baseline's row.
DemandEvaluation evaluate_demand(const Dataset& data, const DemandEvaluationOptions& options = {});

// ---- Over several splits ------------------------------------------------------------------
// One split of 27 test games decides the sign of a revenue bias (issue 10: monotone / group
// +$115,569 at seed 1, −$429,116 at seed 2), so methods are compared over many seeds.

struct Spread {
  double mean = 0, std = 0, min = 0, max = 0;  // std: sample standard deviation (0 for one value)
};
Spread spread_of(const std::vector<double>& values);

struct EvaluationRowSpread {
  CompletionMethod method = CompletionMethod::monotone;
  bool individual = false, baseline = false;
  Spread cases, positive_share, mean_difference, revenue_difference_sum, mae, rmse, mae_percent;
};

struct DemandEvaluationSeeds {
  std::uint64_t first_seed = 0, last_seed = 0;
  Date as_of;
  std::vector<DemandEvaluation> runs;    // one per seed, in seed order
  std::vector<EvaluationRowSpread> rows;  // the rows of evaluate_demand, summarised over the runs
};

// evaluate_demand for every split seed first … last (options.seed is ignored).
DemandEvaluationSeeds evaluate_demand_seeds(const Dataset& data, const DemandEvaluationOptions& options,
                                            std::uint64_t first_seed, std::uint64_t last_seed);

}  // namespace seatsync
