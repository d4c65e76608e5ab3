// How demand moves as the game approaches: more orders and higher willingness to pay late,
// a long thin tail of early planners. Defined per day, then summarised per bucket, so the
// truth is consistent with whatever buckets the dataset uses.
#include <algorithm>
#include <cmath>

#include "sim/market_design.hpp"

namespace seatsync::sim {
namespace {

// Relative arrivals on a day `d` days before the game: a floor of early planners plus a
// build-up over the last few weeks.
double daily_arrival_weight(int d) { return 0.25 + 6.0 * std::exp(-d / 12.0); }
// WTP relative to the reference price: 0.9 far out, rising to 1.2 on game day.
double daily_wtp_multiplier(int d) { return 0.9 + 0.3 * std::exp(-d / 14.0); }

// With tier-time effects, WTP on day d is level + change × exp(−d/14) for the game's tier:
// fans of the best games pay ever more as the game nears, a weak game's WTP falls towards
// game day (unsold seats look cheap), a tier-4 game stays flat. Tier 3 is the curve above.
struct TierTimeCurve {
  double level;
  double change;
};
constexpr TierTimeCurve kTierTimeCurves[] = {{0.9, 0.6}, {0.9, 0.45}, {0.9, 0.3}, {1.0, 0.0}, {1.1, -0.3}};

// Mean of a daily value over the bucket's selling days (its first day when it has none).
template <class Daily>
double bucket_mean(const TimeBucket& b, int sales_window_days, Daily daily) {
  const int last = std::min(b.days_to, sales_window_days);
  double sum = 0.0;
  for (int d = b.days_from; d <= last; ++d) sum += daily(d);
  const int days = std::max(0, last - b.days_from + 1);
  return days > 0 ? sum / days : daily(b.days_from);
}

// The analyst sees only half of the true movement in WTP over time …
constexpr double kAnalystTimeBelief = 0.5;
// … and expects to have sold this share of capacity by game day, paced like the arrivals.
constexpr double kAnalystTargetSellThrough = 0.9;

}  // namespace

DemandProfile demand_profile(const std::vector<TimeBucket>& buckets, int sales_window_days) {
  DemandProfile p;
  double total_weight = 0.0;
  for (const TimeBucket& b : buckets) {
    double weight = 0.0;
    const int last = std::min(b.days_to, sales_window_days);
    for (int d = b.days_from; d <= last; ++d) weight += daily_arrival_weight(d);
    p.arrival_share.push_back(weight);
    p.wtp_multiplier.push_back(bucket_mean(b, sales_window_days, daily_wtp_multiplier));
    total_weight += weight;
  }
  for (double& share : p.arrival_share) share /= total_weight;

  for (const TierTimeCurve& curve : kTierTimeCurves) {
    std::vector<double> row;
    for (const TimeBucket& b : buckets)
      row.push_back(bucket_mean(b, sales_window_days,
                                [&](int d) { return curve.level + curve.change * std::exp(-d / 14.0); }));
    p.tier_wtp_multiplier.push_back(std::move(row));
  }

  double cumulative = 0.0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    p.analyst_bucket_factor.push_back(1.0 + kAnalystTimeBelief * (p.wtp_multiplier[i] - 1.0));
    p.analyst_pace_curve.push_back(kAnalystTargetSellThrough * cumulative);
    cumulative += p.arrival_share[i];
  }
  return p;
}

}  // namespace seatsync::sim
