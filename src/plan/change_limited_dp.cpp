// The stochastic DP with the price in force in the state (see include/seatsync/price_dp.hpp).
// Per bucket: the candidate C(·, k) of every price k, each with its own continuation
// V_{t+1}(·, k) (the price set now is the one in force next bucket), by the same kernel as the
// plain DP; then for every price in force j the best reachable candidate.
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "seatsync/price_dp.hpp"
#include "stochastic_kernels.hpp"

namespace seatsync {

using namespace stochastic_kernels;

namespace {

// Fewer tickets than this expected in a bucket counts as "nothing expected to sell".
constexpr double kNothingSells = 0.05;

void validate_reachable(const std::vector<BucketDemand>& buckets, const std::vector<std::vector<std::size_t>>& reachable) {
  if (buckets.empty()) return;
  const auto& prices = buckets.front().prices;
  for (const auto& b : buckets)
    if (b.prices != prices) throw std::invalid_argument("ChangeLimitedPolicy: every bucket needs the same prices");
  if (reachable.size() != prices.size())
    throw std::invalid_argument("ChangeLimitedPolicy: one reachable list per price is required");
  for (const auto& list : reachable) {
    if (list.empty()) throw std::invalid_argument("ChangeLimitedPolicy: every price must reach at least one price");
    for (std::size_t k : list)
      if (k >= prices.size()) throw std::invalid_argument("ChangeLimitedPolicy: reachable index out of range");
  }
}

}  // namespace

ChangeLimitedPolicy ChangeLimitedPolicy::solve(const std::vector<BucketDemand>& buckets, int seats,
                                               const std::vector<std::vector<std::size_t>>& reachable,
                                               double attendance_weight, double hold_margin) {
  validate(buckets, seats, attendance_weight);
  validate_reachable(buckets, reachable);
  if (!(hold_margin >= 0.0) || !std::isfinite(hold_margin))
    throw std::invalid_argument("ChangeLimitedPolicy: hold margin must be finite and >= 0");
  ChangeLimitedPolicy policy;
  policy.buckets_ = buckets;
  policy.seats_ = seats;
  if (!buckets.empty()) policy.prices_ = buckets.front().prices;
  const std::size_t P = policy.prices_.size(), periods = buckets.size();
  const std::size_t seat_count = static_cast<std::size_t>(seats) + 1;
  const std::size_t width = (seat_count + kBlock - 1) / kBlock * kBlock;
  const std::size_t left_pad = longest_support(buckets) - 1;

  // Each list ordered from the highest price down, so a strict improvement breaks ties upwards;
  // the free state reaches every price.
  std::vector<std::vector<std::size_t>> order(P + 1);
  const auto by_price = highest_price_first(policy.prices_);
  for (std::size_t j = 0; j < P; ++j)
    for (std::size_t k : by_price)
      if (std::find(reachable[j].begin(), reachable[j].end(), k) != reachable[j].end()) order[j].push_back(k);
  order[P] = by_price;

  std::vector<double> later((P + 1) * seat_count, 0.0), now((P + 1) * seat_count, 0.0);  // V(·, j) rows
  std::vector<double> candidate(P * seat_count), sells_now(P * seat_count);           // C(·, k), E[min(D_k, ·)]
  std::vector<double> padded(left_pad + width, 0.0), sales(seat_count), continuation(width);
  policy.choice_.assign(periods, std::vector<unsigned short>((P + 1) * seat_count, 0));
  for (std::size_t t = periods; t-- > 0;) {
    const BucketDemand& bucket = buckets[t];
    for (std::size_t k = 0; k < P; ++k) {
      const double* next = &later[k * seat_count];
      std::fill(padded.begin(), padded.begin() + static_cast<std::ptrdiff_t>(left_pad), next[0]);
      std::copy(next, next + seat_count, padded.begin() + static_cast<std::ptrdiff_t>(left_pad));
      stochastic_kernels::expected_sales(bucket.demand_pmf[k], sales);
      expected_continuation(bucket.demand_pmf[k], padded.data() + left_pad, width, continuation.data());
      const double margin = bucket.prices[k] + attendance_weight;
      for (std::size_t s = 0; s < seat_count; ++s) {
        candidate[k * seat_count + s] = margin * sales[s] + continuation[s];
        sells_now[k * seat_count + s] = sales[s];
      }
    }
    auto& choice = policy.choice_[t];
    for (std::size_t j = 0; j <= P; ++j) {
      const bool can_hold = j < P && std::find(order[j].begin(), order[j].end(), j) != order[j].end();
      for (std::size_t s = 0; s < seat_count; ++s) {
        std::size_t best = order[j].front();
        double best_value = candidate[best * seat_count + s];
        for (std::size_t i = 1; i < order[j].size(); ++i) {
          const std::size_t k = order[j][i];
          if (strictly_better(candidate[k * seat_count + s], best_value)) {
            best = k;
            best_value = candidate[k * seat_count + s];
          }
        }
        if (can_hold && best != j) {
          const double hold = candidate[j * seat_count + s];
          // Where nothing is expected to sell now, at either price, a change only repositions
          // for later: keep the price in force (no "recommendation" to quote the ceiling to nobody).
          const bool nothing_sells = hold_margin > 0.0 &&
              sells_now[j * seat_count + s] < kNothingSells && sells_now[best * seat_count + s] < kNothingSells;
          if (nothing_sells || !strictly_better(best_value, hold + hold_margin * std::abs(hold))) {
            best = j;
            best_value = hold;
          }
        }
        choice[j * seat_count + s] = static_cast<unsigned short>(best);
        now[j * seat_count + s] = best_value;
      }
    }
    std::swap(later, now);
  }
  policy.value_ = later;  // V_0 (all zeros without buckets)
  return policy;
}

std::size_t ChangeLimitedPolicy::choice(std::size_t bucket, int seats_left, std::size_t in_force) const {
  if (bucket >= choice_.size() || seats_left < 0 || seats_left > seats_ || in_force > prices_.size())
    throw std::out_of_range("ChangeLimitedPolicy::choice: bucket, seats or price out of range");
  return choice_[bucket][in_force * (static_cast<std::size_t>(seats_) + 1) + static_cast<std::size_t>(seats_left)];
}

double ChangeLimitedPolicy::price(std::size_t bucket, int seats_left, std::size_t in_force) const {
  return prices_[choice(bucket, seats_left, in_force)];
}

double ChangeLimitedPolicy::value(int seats_left, std::size_t in_force) const {
  if (seats_left < 0 || seats_left > seats_ || in_force > prices_.size())
    throw std::out_of_range("ChangeLimitedPolicy::value: seats or price out of range");
  if (value_.empty()) return 0.0;
  return value_[in_force * (static_cast<std::size_t>(seats_) + 1) + static_cast<std::size_t>(seats_left)];
}

double ChangeLimitedPolicy::expected_sales(std::size_t bucket, std::size_t k, int seats_left) const {
  if (bucket >= buckets_.size() || k >= prices_.size() || seats_left < 0)
    throw std::out_of_range("ChangeLimitedPolicy::expected_sales: out of range");
  const auto& pmf = buckets_[bucket].demand_pmf[k];
  double e = 0;
  for (std::size_t d = 0; d < pmf.size(); ++d) e += pmf[d] * std::min<double>(static_cast<double>(d), seats_left);
  return e;
}

}  // namespace seatsync
