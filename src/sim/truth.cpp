// The demand model: arrival rates, willingness to pay and order sizes.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "seatsync/truth.hpp"

namespace seatsync {
namespace {

const GameTruth& game_at(const MarketTruth& truth, GameIndex game) {
  if (game >= truth.games.size()) throw std::out_of_range("truth: game index out of range");
  return truth.games[game];
}

const CodeTruth& code_at(const MarketTruth& truth, CodeIndex code) {
  if (code >= truth.codes.size()) throw std::out_of_range("truth: code index out of range");
  return truth.codes[code];
}

void check_bucket(const MarketTruth& truth, BucketIndex bucket) {
  if (bucket >= truth.buckets.size()) throw std::out_of_range("truth: bucket index out of range");
}

double tier_value(const std::vector<double>& by_tier, int tier) {
  if (tier < 1 || static_cast<std::size_t>(tier) > by_tier.size())
    throw std::out_of_range("truth: tier out of range");
  return by_tier[static_cast<std::size_t>(tier - 1)];
}

// How WTP moves with time for the game's tier: its own curve with tier-time effects, else
// the common one.
double time_multiplier(const MarketTruth& truth, int tier, BucketIndex bucket) {
  if (truth.tier_bucket_wtp_multiplier.empty()) return truth.bucket_wtp_multiplier.at(bucket);
  if (tier < 1 || static_cast<std::size_t>(tier) > truth.tier_bucket_wtp_multiplier.size())
    throw std::out_of_range("truth: tier out of range");
  return truth.tier_bucket_wtp_multiplier[static_cast<std::size_t>(tier - 1)].at(bucket);
}

// P(WTP >= price) when log WTP ~ Normal(log median, sigma): 1 - Phi(z) = erfc(z / sqrt 2) / 2.
double lognormal_survival(double price, double median, double sigma) {
  const double z = (std::log(price) - std::log(median)) / sigma;
  return 0.5 * std::erfc(z / std::sqrt(2.0));
}

}  // namespace

int selling_days(const MarketTruth& truth, BucketIndex bucket) {
  check_bucket(truth, bucket);
  const TimeBucket& b = truth.buckets[bucket];
  const int last = std::min(b.days_to, truth.sales_window_days);
  return std::max(0, last - b.days_from + 1);
}

double arrival_rate(const MarketTruth& truth, GameIndex game, CodeIndex code, BucketIndex bucket) {
  const int days = selling_days(truth, bucket);
  if (days == 0) return 0.0;
  const GameTruth& g = game_at(truth, game);
  const double per_game = code_at(truth, code).base_orders * truth.demand_scale *
                          tier_value(truth.tier_arrival_multiplier, g.tier) * g.shock * g.arrival_multiplier;
  return per_game * truth.bucket_arrival_share.at(bucket) / days;
}

double expected_arrivals(const MarketTruth& truth, GameIndex game, CodeIndex code, BucketIndex bucket) {
  return arrival_rate(truth, game, code, bucket) * selling_days(truth, bucket);
}

double median_wtp(const MarketTruth& truth, GameIndex game, CodeIndex code, BucketIndex bucket) {
  check_bucket(truth, bucket);
  const GameTruth& g = game_at(truth, game);
  return code_at(truth, code).ref_price * tier_value(truth.tier_wtp_multiplier, g.tier) *
         time_multiplier(truth, g.tier, bucket) * truth.wtp_scale * g.wtp_multiplier;
}

double purchase_probability(const MarketTruth& truth, GameIndex game, CodeIndex code,
                            BucketIndex bucket, double price) {
  const double median = median_wtp(truth, game, code, bucket);
  if (price <= 0.0) return 1.0;
  if (truth.wtp_segments.empty()) return lognormal_survival(price, median, truth.wtp_sigma);
  // An order is in segment k with probability share_k / sum of shares.
  double mass = 0.0, buying = 0.0;
  for (const WtpSegment& s : truth.wtp_segments) {
    mass += s.share;
    buying += s.share * lognormal_survival(price, median * s.multiplier, s.sigma);
  }
  return buying / mass;
}

double order_size_probability(const MarketTruth& truth, int size) {
  if (size < 1 || static_cast<std::size_t>(size) > truth.order_size_pmf.size()) return 0.0;
  return truth.order_size_pmf[static_cast<std::size_t>(size - 1)];
}

double mean_order_size(const MarketTruth& truth) {
  double mean = 0.0;
  for (std::size_t k = 0; k < truth.order_size_pmf.size(); ++k)
    mean += static_cast<double>(k + 1) * truth.order_size_pmf[k];
  return mean;
}

double expected_tickets_demanded(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                 BucketIndex bucket, double price) {
  // WTP and order size are drawn independently, so the expectation factorises.
  return expected_arrivals(truth, game, code, bucket) *
         purchase_probability(truth, game, code, bucket, price) * mean_order_size(truth);
}

std::optional<BucketIndex> bucket_at(const MarketTruth& truth, int days_before) {
  for (BucketIndex b = 0; b < truth.buckets.size(); ++b)
    if (truth.buckets[b].contains(days_before)) return b;
  return std::nullopt;
}

bool is_upcoming(const MarketTruth& truth, GameIndex game) { return game_at(truth, game).date >= truth.as_of; }

}  // namespace seatsync
