// The analyst's pricing rule: what priced the history, and the baseline of backtests.
#include <algorithm>
#include <cmath>

#include "seatsync/truth.hpp"
#include "sim/rng.hpp"

namespace seatsync {
namespace {

// Raise the price when ahead of the expected sell-through, cut it when behind, within limits
// (an analyst nudges prices, never halves them in one step).
double pace_factor(const AnalystTruth& analyst, int capacity, int remaining, BucketIndex bucket) {
  if (capacity <= 0) return 1.0;
  const double sold = capacity - remaining;
  const double expected = capacity * analyst.pace_curve.at(bucket);
  const double factor = std::exp(analyst.pace_gain * (sold - expected) / capacity);
  return std::clamp(factor, analyst.pace_min, analyst.pace_max);
}

}  // namespace

double analyst_price(const MarketTruth& truth, GameIndex game, CodeIndex code, BucketIndex bucket,
                     int remaining) {
  const CodeTruth& c = truth.codes.at(code);
  const GameTruth& g = truth.games.at(game);
  const AnalystTruth& a = truth.analyst;
  const double belief = c.ref_price * a.tier_factor.at(static_cast<std::size_t>(g.tier - 1)) *
                        a.bucket_factor.at(bucket);
  // The noise is the analyst's judgement on the day: fixed per (game, code, bucket) and
  // independent of the customers, so it is what makes price effects identifiable.
  sim::Rng rng(sim::stream_seed(truth.seed, sim::kAnalystNoiseStream, game, code, bucket));
  const double noise = std::exp(a.noise_sigma * rng.normal());
  const double price = std::round(belief * pace_factor(a, c.capacity, remaining, bucket) * noise);
  return std::max({price, c.floor_price, 1.0});
}

}  // namespace seatsync
