#pragma once
// The pieces both stochastic programs share (stochastic_dp.cpp, change_limited_dp.cpp): input
// checks, expected sales, the vectorised continuation kernel and the tie-breaking order.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "seatsync/price_dp.hpp"

namespace seatsync::stochastic_kernels {

constexpr double kTieTolerance = 1e-12;  // relative; see strictly_better
constexpr double kPmfSumTolerance = 1e-6;
constexpr std::size_t kMaxPrices = std::numeric_limits<unsigned short>::max();
// Seats computed together in the inner kernel. GCC 12 -O3 (SSE2) turns the j-loop over 32
// seats into 16 two-lane vector accumulators, which hides the latency of the additions; with
// 8 or 16 it vectorised along d instead, with shuffles and spills, at half the speed.
constexpr std::size_t kBlock = 32;

inline bool strictly_better(double candidate, double incumbent) {
  return candidate > incumbent + kTieTolerance * std::max(1.0, std::abs(incumbent));
}

inline void validate(const std::vector<BucketDemand>& buckets, int seats, double attendance_weight) {
  if (seats < 0) throw std::invalid_argument("StochasticPolicy: seats must be >= 0");
  if (!std::isfinite(attendance_weight)) throw std::invalid_argument("StochasticPolicy: attendance weight must be finite");
  for (std::size_t t = 0; t < buckets.size(); ++t) {
    const auto& bucket = buckets[t];
    const std::string where = "StochasticPolicy: bucket " + std::to_string(t) + ": ";
    if (bucket.prices.empty()) throw std::invalid_argument(where + "no prices");
    if (bucket.prices.size() > kMaxPrices) throw std::invalid_argument(where + "more than 65535 prices");
    if (bucket.demand_pmf.size() != bucket.prices.size())
      throw std::invalid_argument(where + "one demand distribution per price is required");
    for (double price : bucket.prices)
      if (!std::isfinite(price)) throw std::invalid_argument(where + "prices must be finite");
    for (const auto& pmf : bucket.demand_pmf) {
      if (pmf.empty()) throw std::invalid_argument(where + "empty demand distribution");
      double total = 0.0;
      for (double p : pmf) {
        if (!std::isfinite(p) || p < 0.0) throw std::invalid_argument(where + "probabilities must be finite and >= 0");
        total += p;
      }
      if (std::abs(total - 1.0) > kPmfSumTolerance) throw std::invalid_argument(where + "a demand distribution must sum to 1");
    }
  }
}

// E[min(D, s)] for s = 0 … seats, from E[min(D, s)] = Σ_{d=1}^{s} P(D >= d). The survival
// P(D >= d) is a suffix sum of the pmf rather than 1 − a prefix sum, so it has no cancellation.
inline void expected_sales(const std::vector<double>& pmf, std::vector<double>& out) {
  const std::size_t support = pmf.size();
  std::vector<double> at_least(support + 1, 0.0);  // at_least[d] = P(D >= d)
  for (std::size_t d = support; d-- > 0;) at_least[d] = at_least[d + 1] + pmf[d];
  out[0] = 0.0;
  for (std::size_t s = 1; s < out.size(); ++s) out[s] = out[s - 1] + (s < support ? at_least[s] : 0.0);
}

// continuation[s] = Σ_{d < support} pmf[d] · later[s − d] for s in [0, width), width a multiple
// of kBlock. `later` points at V_{t+1}(0) inside an array padded with V_{t+1}(0) on the left
// (at least support − 1 entries) and with anything on the right up to width.
// kBlock dot products at once: each pmf entry is loaded once per block and multiplies a
// contiguous run of V, and every accumulator sums over d in the same order as a scalar loop
// would, so the result does not depend on how the compiler vectorises it.
inline void expected_continuation(const std::vector<double>& pmf, const double* later, std::size_t width, double* continuation) {
  const std::size_t support = pmf.size();
  for (std::size_t first = 0; first < width; first += kBlock) {
    double sum[kBlock] = {};
    for (std::size_t d = 0; d < support; ++d) {
      const double p = pmf[d];
      const double* slice = later + first - d;
      for (std::size_t j = 0; j < kBlock; ++j) sum[j] += p * slice[j];
    }
    std::copy(sum, sum + kBlock, continuation + first);
  }
}

// Price indices from the highest price down (equal prices: lower index first). Visiting them in
// this order and replacing only on a strict improvement breaks ties towards the higher price.
inline std::vector<std::size_t> highest_price_first(const std::vector<double>& prices) {
  std::vector<std::size_t> order(prices.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return prices[a] > prices[b]; });
  return order;
}

inline std::size_t longest_support(const std::vector<BucketDemand>& buckets) {
  std::size_t longest = 1;
  for (const auto& bucket : buckets)
    for (const auto& pmf : bucket.demand_pmf) longest = std::max(longest, pmf.size());
  return longest;
}

}  // namespace seatsync::stochastic_kernels
