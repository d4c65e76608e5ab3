#pragma once
// The policies a backtest compares seatsync with: what the team did (the analyst rule, a held
// historical price) and what knowing the true demand allows (the best static price, the
// optimal dynamic policy).
#include <memory>

#include "seatsync/planner.hpp"
#include "seatsync/truth.hpp"

namespace seatsync {

// Holds one price whatever happens (made valid against the constraints).
std::unique_ptr<CodePolicy> fixed_price_policy(double price, const PriceConstraints& constraints);

// The simulator's analyst rule, re-applied at each bucket start from the seats left, made valid
// against the constraints from the price in force.
std::unique_ptr<CodePolicy> analyst_policy(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                           const PriceConstraints& constraints);

// The true demand of a (game, code) as the stochastic DP needs it, for buckets from `first`
// (the first one only partly ahead: `first_share` of its expected arrivals).
std::vector<BucketDemand> true_bucket_demand(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                             std::size_t first, double first_share, const std::vector<double>& grid,
                                             int seats);

// The stochastic DP on the true demand, with the price in force in its state so that it honours
// the change limit from `price_in_force` on (and no hysteresis): the best any non-anticipating
// policy under the same constraints can expect, up to its price grid.
std::unique_ptr<CodePolicy> oracle_policy(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                          std::size_t first, double first_share, int seats,
                                          std::optional<double> price_in_force, const PriceConstraints& constraints,
                                          int price_points, double attendance_weight);

// The single price, held to game day, with the highest expected objective under the true demand.
double best_static_price(const MarketTruth& truth, GameIndex game, CodeIndex code, std::size_t first,
                         double first_share, int seats, const PriceConstraints& constraints, int price_points,
                         double attendance_weight);

}  // namespace seatsync
