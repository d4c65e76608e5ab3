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

// The analyst sees only half of the true movement in WTP over time …
constexpr double kAnalystTimeBelief = 0.5;
// … and expects to have sold this share of capacity by game day, paced like the arrivals.
constexpr double kAnalystTargetSellThrough = 0.9;

}  // namespace

DemandProfile demand_profile(const std::vector<TimeBucket>& buckets, int sales_window_days) {
  DemandProfile p;
  double total_weight = 0.0;
  for (const TimeBucket& b : buckets) {
    double weight = 0.0, wtp = 0.0;
    const int last = std::min(b.days_to, sales_window_days);
    for (int d = b.days_from; d <= last; ++d) {
      weight += daily_arrival_weight(d);
      wtp += daily_wtp_multiplier(d);
    }
    const int days = std::max(0, last - b.days_from + 1);
    p.arrival_share.push_back(weight);
    p.wtp_multiplier.push_back(days > 0 ? wtp / days : daily_wtp_multiplier(b.days_from));
    total_weight += weight;
  }
  for (double& share : p.arrival_share) share /= total_weight;

  double cumulative = 0.0;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    p.analyst_bucket_factor.push_back(1.0 + kAnalystTimeBelief * (p.wtp_multiplier[i] - 1.0));
    p.analyst_pace_curve.push_back(kAnalystTargetSellThrough * cumulative);
    cumulative += p.arrival_share[i];
  }
  return p;
}

}  // namespace seatsync::sim
