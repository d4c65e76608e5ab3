#pragma once
// The price bandit measured on the simulator's closed loop: the upcoming season is played from
// as_of to game day by Thompson-sampling bandits (one per game and code) and by the policies
// they are judged against, all meeting the same customers (common random numbers, as in
// seatsync backtest): the best fixed menu price in hindsight, seatsync's stochastic DP as the
// backtest plays it, the historical price held (static) and the oracle DP on the true demand.
// See docs/bandit.md.
#include <cstdint>
#include <string>
#include <vector>

#include "seatsync/date.hpp"
#include "seatsync/params.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync {

struct BanditSeasonOptions {
  int max_games = 0;                          // the first N upcoming games by date (0 = all)
  PlanParams plan = Params::defaults().plan;  // constraints and λ shared by every policy
  bool refit = true;                          // seatsync re-fits on every decision day (as the backtest)
  int menu_points = 12;                       // prices on each bandit's menu (price_grid over [floor, ceiling])
  double prior_arrivals = 4.0;                // weight of the informed prior of each price, in arrivals
  double carry_over = 0.5;                    // share of the evidence kept when a new bucket opens
  std::uint64_t bandit_seed = 1;              // the bandits' own random numbers
};

struct BanditPolicyResult {
  std::string policy, description;
  double revenue = 0.0;  // from as_of to game day
  long long tickets = 0;
  double share_of_oracle = 0.0;       // revenue / the oracle's
  double regret_vs_best_fixed = 0.0;  // the best fixed menu price's revenue (in hindsight) − revenue
  double regret_vs_oracle = 0.0;      // the oracle's revenue − revenue
  // Revenue earned up to the end of each bucket, summed over every (game, code) (buckets that
  // have not opened for a game yet add nothing): the season's regret as it accumulates.
  std::vector<double> cumulative_revenue;  // [bucket]
  std::size_t decisions = 0;          // prices set (bandits); 0 for the others
  std::size_t off_menu = 0;           // of them, prices off the menu (no menu price was reachable)
};

struct BanditSeasonResult {
  std::string scenario;
  std::uint64_t seed = 0;
  Date as_of;
  std::size_t games = 0, codes = 0;
  long long seats_at_start = 0;
  int menu_points = 0;
  std::vector<std::string> bucket_names;          // [bucket]
  std::vector<BanditPolicyResult> policies;       // bandits first, then the benchmarks; "oracle" last
};

BanditSeasonResult run_bandit_season(const SimulatedMarket& market, const BanditSeasonOptions& options = {},
                                     const ProgressFn& progress = {});

}  // namespace seatsync
