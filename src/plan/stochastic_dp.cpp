// The price policy under uncertain demand. With s seats left at bucket t and price index k,
// D_k tickets are demanded, min(D_k, s) sell, and
//   V_T(s) = 0,   V_t(s) = max_k [ (p_k + w) · E[min(D_k, s)] + E[V_{t+1}(s − min(D_k, s))] ].
// The continuation expands to Σ_{d<s} P(D = d) · V_{t+1}(s − d) + P(D >= s) · V_{t+1}(0). Padding
// V_{t+1} on the left with copies of V_{t+1}(0) turns both parts into one sum over the whole
// pmf, Σ_d P(D = d) · padded(s − d): a dot product of the pmf with a reversed slice of V_{t+1},
// the same shape for every s, which is what lets the inner loop run on contiguous arrays.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "seatsync/price_dp.hpp"
#include "stochastic_kernels.hpp"

namespace seatsync {

using namespace stochastic_kernels;

StochasticPolicy StochasticPolicy::solve(const std::vector<BucketDemand>& buckets, int seats, double attendance_weight) {
  validate(buckets, seats, attendance_weight);
  StochasticPolicy policy;
  policy.buckets_ = buckets;
  policy.seats_ = seats;
  policy.attendance_weight_ = attendance_weight;

  const std::size_t periods = buckets.size();
  const std::size_t seat_count = static_cast<std::size_t>(seats) + 1;
  const std::size_t width = (seat_count + kBlock - 1) / kBlock * kBlock;
  const std::size_t left_pad = longest_support(buckets) - 1;
  policy.value_.assign(periods + 1, std::vector<double>(seat_count, 0.0));
  policy.choice_.assign(periods, std::vector<unsigned short>(seat_count, 0));

  std::vector<double> padded_later(left_pad + width, 0.0);
  std::vector<double> sales(seat_count);
  std::vector<double> continuation(width);
  for (std::size_t t = periods; t-- > 0;) {
    const std::vector<double>& later = policy.value_[t + 1];
    std::fill(padded_later.begin(), padded_later.begin() + static_cast<std::ptrdiff_t>(left_pad), later[0]);
    std::copy(later.begin(), later.end(), padded_later.begin() + static_cast<std::ptrdiff_t>(left_pad));

    std::vector<double>& value = policy.value_[t];
    std::vector<unsigned short>& choice = policy.choice_[t];
    const BucketDemand& bucket = buckets[t];
    bool first_price = true;
    for (std::size_t k : highest_price_first(bucket.prices)) {
      const std::vector<double>& pmf = bucket.demand_pmf[k];
      const double margin = bucket.prices[k] + attendance_weight;
      expected_sales(pmf, sales);
      expected_continuation(pmf, padded_later.data() + left_pad, width, continuation.data());
      for (std::size_t s = 0; s < seat_count; ++s) {
        const double candidate = margin * sales[s] + continuation[s];
        if (first_price || strictly_better(candidate, value[s])) {
          value[s] = candidate;
          choice[s] = static_cast<unsigned short>(k);
        }
      }
      first_price = false;
    }
  }
  return policy;
}

std::size_t StochasticPolicy::choice(std::size_t bucket, int seats_left) const {
  if (bucket >= choice_.size() || seats_left < 0 || seats_left > seats_)
    throw std::out_of_range("StochasticPolicy::choice: bucket or seats out of range");
  return choice_[bucket][static_cast<std::size_t>(seats_left)];
}

double StochasticPolicy::price(std::size_t bucket, int seats_left) const {
  return buckets_[bucket].prices[choice(bucket, seats_left)];
}

double StochasticPolicy::value(std::size_t bucket, int seats_left) const {
  if (bucket >= value_.size() || seats_left < 0 || seats_left > seats_)
    throw std::out_of_range("StochasticPolicy::value: bucket or seats out of range");
  return value_[bucket][static_cast<std::size_t>(seats_left)];
}

// A certainty-equivalent reading of the policy: start from seats_left, quote the policy's price
// at the expected remaining seats (rounded to the nearest seat), expect E[min(D, s)] to sell, and
// carry the fractional expectation forwards. The totals are the sums over these buckets, so the
// result is self-consistent; value(0, seats_left) is the policy's exact expected objective,
// which reacts to realised demand and generally differs a little from this plan's objective.
PricePlanResult StochasticPolicy::expected_plan(int seats_left) const {
  if (seats_left < 0 || seats_left > seats_) throw std::out_of_range("StochasticPolicy::expected_plan: seats out of range");
  PricePlanResult result;
  result.buckets.reserve(buckets_.size());
  double remaining = seats_left;
  std::vector<double> sales(static_cast<std::size_t>(seats_) + 1);
  for (std::size_t t = 0; t < buckets_.size(); ++t) {
    const int s = std::clamp(static_cast<int>(std::lround(remaining)), 0, seats_);
    const std::size_t k = choice_[t][static_cast<std::size_t>(s)];
    expected_sales(buckets_[t].demand_pmf[k], sales);
    PlannedBucket planned;
    planned.price = buckets_[t].prices[k];
    planned.expected_quantity = sales[static_cast<std::size_t>(s)];
    planned.expected_revenue = planned.price * planned.expected_quantity;
    result.expected_revenue += planned.expected_revenue;
    result.expected_tickets += planned.expected_quantity;
    result.buckets.push_back(planned);
    remaining = std::max(0.0, remaining - planned.expected_quantity);
  }
  result.objective = result.expected_revenue + attendance_weight_ * result.expected_tickets;
  return result;
}

}  // namespace seatsync
