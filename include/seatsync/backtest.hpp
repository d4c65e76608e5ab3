#pragma once
// Closed-loop evaluation against the simulator's ground truth: the upcoming season is played
// from as_of to game day under each pricing policy. At the start of every bucket a policy sets
// the price from the state it sees (seats left, the price in force); the bucket's customers are
// drawn from the truth — the same customers for every policy (common random numbers) — and
// buy iff their willingness to pay covers the price and seats remain.
#include <cstdint>
#include <string>
#include <vector>

#include "seatsync/params.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync {

struct BacktestOptions {
  int max_games = 0;  // the first N upcoming games by date (0 = all)
  PlanParams plan = Params::defaults().plan;  // constraints and λ shared by every policy
  // seatsync's policies re-fit their demand on every decision day from the history plus their
  // own sales so far, as the daily run does live; false: fitted once at as_of.
  bool refit = true;
};

struct PolicyOutcome {
  std::string policy;
  std::string description;
  double revenue = 0.0;       // from as_of to game day
  long long tickets = 0;      // sold from as_of to game day
  double sell_through = 0.0;  // of capacity, at game day (sales before as_of included)
  double objective = 0.0;     // revenue + λ × tickets
  double ratio_to_oracle = 0.0;  // revenue / the oracle's revenue
  std::vector<std::pair<int, double>> tier_revenue;  // (tier, revenue), tiers ascending
  std::vector<std::pair<int, double>> tier_ratio;    // (tier, revenue / the oracle's revenue in that tier)
};

struct BacktestResult {
  std::string scenario;
  std::uint64_t seed = 0;
  Date as_of;
  bool refit = true;  // BacktestOptions::refit
  std::size_t games = 0, codes = 0;
  long long seats_at_start = 0;  // unsold seats at as_of over every (game, code)
  std::vector<PolicyOutcome> outcomes;
  // False when some policy earned more than the oracle on these customers: the "vs oracle"
  // ratios are then no bound (the oracle is optimal in expectation, not on every draw).
  bool oracle_is_bound = true;
};

BacktestResult run_backtest(const SimulatedMarket& market, const BacktestOptions& options = {},
                            const ProgressFn& progress = {});

}  // namespace seatsync
