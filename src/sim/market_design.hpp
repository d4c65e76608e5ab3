#pragma once
// The design of the default simulated market: the venue, the league, the demand profile over
// time and the scenarios. Each piece is a pure function of its inputs and its random stream;
// build_truth assembles them. Every constant is documented in docs/simulator.md.
#include <cstdint>
#include <string_view>
#include <vector>

#include "seatsync/simulator.hpp"
#include "seatsync/truth.hpp"
#include "sim/rng.hpp"

namespace seatsync::sim {

// The 25 price codes in 5 groups, premium first, with floors and base demand drawn from `rng`.
std::vector<CodeTruth> venue_codes(const std::vector<double>& order_size_pmf, Rng& rng);

struct Opponent {
  std::string_view name;
  double attractiveness;  // 0..1: how much a visit by this team draws a crowd
};
// The fixed league of made-up visiting teams.
const std::vector<Opponent>& league();

// One season's home games, in date order, with opponents, tiers and demand shocks.
std::vector<GameTruth> schedule_season(int season_year, int game_count, Rng& rng);

// Per-bucket shares of arrivals, WTP multipliers, and the analyst's beliefs about time.
struct DemandProfile {
  std::vector<double> arrival_share;
  std::vector<double> wtp_multiplier;
  std::vector<std::vector<double>> tier_wtp_multiplier;  // [tier - 1][bucket], tier-time effects
  std::vector<double> analyst_bucket_factor;
  std::vector<double> analyst_pace_curve;
};
DemandProfile demand_profile(const std::vector<TimeBucket>& buckets, int sales_window_days);

// Every parameter of the market for `config` (its market options included).
MarketTruth build_truth(const SimulationConfig& config, const std::vector<TimeBucket>& buckets);

}  // namespace seatsync::sim
