#pragma once
// Demand as the stochastic planner sees it, learned from sales: per (tier, price code, bucket)
// orders arrive as a Poisson process, each buys iff its per-ticket willingness to pay (WTP,
// lognormal) is at least the price, and order sizes follow the group's observed distribution.
//
// What the data identify: how many orders a game's code drew per bucket at the price it had,
// and — through the analyst's price noise, which is independent of demand — how order counts
// move with price (the elasticity). Two-way fixed effects (game × bucket, which absorbs a
// game's demand shock, and code × tier × bucket) isolate that within-game price response.
// A lognormal WTP is then calibrated per group so that its elasticity at the historical price
// equals the measured one, given an assumed share of arrivals who bought at that price
// (params plan.historical_conversion), and per bucket by that bucket's own elasticity.
//
// Counts cut short by a sell-out are unconstrained (EM detruncation with a multiplier per game,
// which also undoes the selection of late buckets towards weak games), and the current season
// updates itself: each of its games' multipliers is a gamma-Poisson posterior from its own sales
// so far, centred on the season's level, and the season's WTP may shift against history's.
// See docs/planning.md, "Demand for each DP".
#include <cmath>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"

namespace seatsync {

struct ArrivalFitOptions {
  std::optional<Date> as_of;       // only sales before it (default: the day after the last sale)
  std::vector<bool> include_game;  // training games (all when empty)
  double historical_conversion = 0.5;
};

struct GroupPriceResponse {
  std::string group;
  double elasticity = -2.0;      // d log(orders) / d log(price) at the historical price (pooled)
  double curvature = 0.0;        // d elasticity / d log(price) (pooled)
  double own_elasticity = 0.0;   // the group's own estimate, for reference (NaN: too little data)
  std::size_t observations = 0;  // the group's (game, code, bucket) cells with orders
  bool measured = false;         // false: the curvature did not pin the shape; the assumed conversion did
  double wtp_sigma = 0.4;        // the lognormal spread
  double price_position = 0.0;   // z of the historical price: a share 1 − Φ(z) of arrivals bought
  std::vector<double> size_pmf;  // P(order size = k + 1)
};

// How a game's demand compares with its tier's: learned from its own sales so far.
struct GameDemand {
  double multiplier = 1.0;       // multiplies every arrival rate of the game (posterior mean)
  double orders = 0.0;           // orders seen in its completed buckets while seats were left
  double expected_orders = 0.0;  // what its tier's cells expected there at the prices charged
  double wtp_shift = 0.0;        // log of its buyers' WTP against its tier's history (the season's shift)
  // P(an arrival of this game buys at `price`) = the tier's purchase probability at this price.
  double tier_price(double price) const { return price * std::exp(-wtp_shift); }
};

class ArrivalDemandModel {
 public:
  static ArrivalDemandModel fit(const Dataset& data, const ArrivalFitOptions& options = {});

  // Expected arriving orders over the whole bucket, whatever the price, for a game of its tier
  // with multiplier 1.
  double arrivals(int tier, CodeIndex code, std::size_t bucket) const;
  // The game's demand multiplier: a gamma-Poisson posterior from its sales so far against what
  // its tier's cells expected, centred on its season's level (1 for a game without evidence of
  // a past season; the current season's level for an upcoming game not yet selling).
  GameDemand game_demand(GameIndex game) const;
  // The current season's demand relative to past seasons (1 when nothing sold yet), and the log
  // of its buyers' WTP against history's (0 when the prices charged cannot tell).
  double season_level() const { return season_level_; }
  double season_wtp_shift() const { return season_wtp_shift_; }
  // P(an arriving order buys at `price`).
  double purchase_probability(int tier, CodeIndex code, std::size_t bucket, double price) const;
  double median_wtp(int tier, CodeIndex code, std::size_t bucket) const;
  const GroupPriceResponse& response(CodeIndex code) const { return groups_[group_of_[code]]; }
  const std::vector<GroupPriceResponse>& groups() const { return groups_; }
  // The code's average historical price (per order), the reference for ceilings.
  double reference_price(CodeIndex code) const { return reference_price_[code]; }
  // True for a code without past orders whose demand is borrowed from its group (thin evidence).
  bool borrowed(CodeIndex code) const { return code < borrowed_.size() && borrowed_[code]; }

 private:
  struct Cell {
    double arrivals = 0;
    double log_median = 0;
  };
  const Cell& cell(int tier, CodeIndex code, std::size_t bucket) const;

  std::vector<int> tiers_;
  std::size_t n_codes_ = 0, n_buckets_ = 0;
  std::vector<Cell> cells_;  // [(tier slot * codes + code) * buckets + bucket]
  std::vector<std::size_t> group_of_;
  std::vector<GroupPriceResponse> groups_;
  std::vector<double> reference_price_;
  std::vector<bool> borrowed_;
  std::vector<double> bucket_position_;  // [bucket]: z of the historical price
  std::vector<double> game_multiplier_, game_orders_, game_expected_orders_, game_wtp_shift_;  // [game]
  double season_level_ = 1.0, season_wtp_shift_ = 0.0;
};

// Standard normal CDF and its inverse (bisection: exact to 1e-12, no table).
double normal_cdf(double z);
double normal_quantile(double p);
// The hazard φ(z) / (1 − Φ(z)) and its inverse.
double normal_hazard(double z);
double normal_hazard_inverse(double h);

}  // namespace seatsync
