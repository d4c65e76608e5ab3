// The thesis's price plan (3.1.2, 3.2): choose how many tickets q_t to sell in each bucket,
// maximising Σ_t (price_t(q_t) + w) · q_t with Σ_t q_t <= seats. Backward induction over
// (bucket, seats left):
//   V_T(s) = 0,   V_t(s) = max_{q = 0 … min(K_t, s), price_t(q) finite} (price_t(q) + w) · q + V_{t+1}(s − q).
// The thesis builds a DAG and hands it to a shortest-path solver; the DAG is layered by time, so
// a plain sweep over two value rows is the same computation without the graph. The inner loop
// (issue 17: a vectorised value-only pass, exact block pruning, recovering q with the tie rule
// bit for bit, both cores for large steps) is described in docs/planning.md.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

#include "deterministic_kernel.hpp"
#include "parallel_for.hpp"
#include "seatsync/price_dp.hpp"

namespace seatsync {
namespace {

// Candidates within this relative margin of the incumbent count as ties, so that the
// tie-break does not hinge on the last bit of a floating-point sum.
constexpr double kTieTolerance = 1e-12;

// A backward step with at least this many candidates (an upper bound, (K + 1) · (S + 1)) runs
// on every core. Measured break-even (threads started per step): about 9e6 (90 × 3,000).
constexpr double kParallelWork = 1e7;
constexpr int kChunks = 16;

// The threshold a candidate must exceed to replace incumbent x: strictly_better(c, x) is c > it.
// Non-decreasing in x (also in floating point), which the recovery below relies on.
double replace_threshold(double incumbent) { return incumbent + kTieTolerance * std::max(1.0, std::abs(incumbent)); }

bool strictly_better(double candidate, double incumbent) { return candidate > replace_threshold(incumbent); }

// One bucket's data for the backward step. gain[q] = (price(q) + w) · q, −∞ where q cannot be
// sold (and at q = 0, which is later[s] itself); later_reversed[i] = later[seats − i].
struct StepInput {
  const std::vector<double>& gain;
  int quantities;  // K: the largest q the bucket can sell, at most seats
  const std::vector<double>& later;
  const std::vector<double>& later_reversed;
  const std::vector<double>& block_gain;   // [b] = max of gain over block b
  const std::vector<double>& later_prefix_max;  // [i] = max of later[0 … i]
};

double candidate(const StepInput& in, int s, int q) {
  return q == 0 ? in.later[static_cast<std::size_t>(s)]
                : in.gain[static_cast<std::size_t>(q)] + in.later[static_cast<std::size_t>(s - q)];
}

struct Choice {
  double value;
  std::int32_t sold;
};

// The rule (what the scalar sweep before issue 17 did, kept bit for bit): q runs upwards from
// the incumbent q = 0 and a candidate replaces the incumbent only when strictly_better — more
// than 1e-12 relative above it. Among equal values the smallest q wins: sell fewer tickets now
// at the higher price, keeping seats for later. Near-ties make this depend on the order, so it
// is not "the smallest q within 1e-12 of the max"; it is reproduced exactly from the block
// maxima as follows.
//
// Fast path: let M be the maximum and q* the first q attaining it. If M is strictly_better than
// every earlier candidate (their max PM), the scan takes q* — whatever the incumbent x before
// q* is, x <= PM and the threshold is non-decreasing — and nothing after q* can exceed M's
// threshold. Cost O(blocks + block size).
// Otherwise (a near-tie before q*), the scan itself, skipping every block whose maximum does
// not exceed the incumbent's threshold (no candidate in it can replace the incumbent).
Choice choose(const StepInput& in, int s, double* block_max) {
  const int blocks = detail::candidate_blocks(in.quantities, s);
  block_max[0] = std::max(block_max[0], in.later[static_cast<std::size_t>(s)]);  // q = 0
  // M over the blocks, with four independent maxima (one running max is a latency chain).
  double m[4] = {block_max[0], block_max[0], block_max[0], block_max[0]};
  int b = 1;
  for (; b + 4 <= blocks; b += 4)
    for (int k = 0; k < 4; ++k) m[k] = std::max(m[k], block_max[b + k]);
  for (; b < blocks; ++b) m[0] = std::max(m[0], block_max[b]);
  const double best = std::max(std::max(m[0], m[1]), std::max(m[2], m[3]));
  // The first block attaining M, then q* in it. The candidates before q* only need to be shown
  // below M's reach: a flag for "any at or above cutoff" while searching (no max chain); cutoff,
  // or their exact max when one is above it, then bounds PM from above — enough for the test,
  // as the threshold is non-decreasing.
  const double cutoff = best - 4 * kTieTolerance * std::max(1.0, std::abs(best));
  const double none = -std::numeric_limits<double>::infinity();
  int best_block = 0;
  bool near = false;
  for (; block_max[best_block] != best; ++best_block) near |= block_max[best_block] >= cutoff;
  double earlier = best_block > 0 ? cutoff : none;
  if (near)
    for (int k = 0; k < best_block; ++k) earlier = std::max(earlier, block_max[k]);
  const int first = best_block * detail::kCandidateBlock;
  const int last = std::min(in.quantities, s);
  const int block_last = std::min(last, first + detail::kCandidateBlock - 1);
  int q = first;
  near = false;
  for (double c; q <= block_last && (c = candidate(in, s, q)) != best; ++q) near |= c >= cutoff;
  if (q == 0) return {best, 0};
  double in_block = q > first ? cutoff : none;
  if (near)
    for (int k = first; k < q; ++k) in_block = std::max(in_block, candidate(in, s, k));
  // (q > block_last cannot happen while the block maxima are maxima or upper bounds below the
  // true maximum; the exact scan below is the safe answer if it ever did.)
  if (q <= block_last && strictly_better(best, std::max(earlier, in_block))) return {best, q};

  Choice incumbent{in.later[static_cast<std::size_t>(s)], 0};
  double threshold = replace_threshold(incumbent.value);
  for (int b = 0; b < blocks; ++b) {
    if (!(block_max[b] > threshold)) continue;
    const int end = std::min(last, (b + 1) * detail::kCandidateBlock - 1);
    for (int k = std::max(1, b * detail::kCandidateBlock); k <= end; ++k) {
      const double c = candidate(in, s, k);
      if (c > threshold) {
        incumbent = {c, k};
        threshold = replace_threshold(c);
      }
    }
  }
  return incumbent;
}

// Seats left s in [begin, end): V_t(s) into value_now and the chosen q into sold.
void step_range(const StepInput& in, int begin, int end, std::vector<double>& value_now, std::int32_t* sold) {
  const int seats = static_cast<int>(in.later.size()) - 1;
  const int stride = detail::candidate_blocks(in.quantities, seats);
  std::vector<double> block_max(4 * static_cast<std::size_t>(stride));
  auto finish = [&](int s, double* maxima) {
    const Choice c = choose(in, s, maxima);
    value_now[static_cast<std::size_t>(s)] = c.value;
    sold[s] = c.sold;
  };
  // Pruning (exact): a candidate of block b in rows s … s + 3 is gain[q] + later[s + j − q] <=
  // block_gain[b] + later_prefix_max[s + 3 − b · block] — floating-point addition is monotone —
  // and a block whose bound is below a candidate known in every row (the previous s's choice)
  // holds no row's maximum. The recovery treats its bound as its maximum: still exact.
  std::vector<double> bound(static_cast<std::size_t>(stride));
  int guess = 0;  // the q chosen for the previous s
  auto finish_and_guess = [&](int s, double* maxima) {
    finish(s, maxima);
    guess = sold[s];
  };
  int s = begin;
  for (; s + 4 <= end; s += 4) {
    double floor = std::numeric_limits<double>::infinity();
    for (int j = 0; j < 4; ++j) floor = std::min(floor, candidate(in, s + j, std::min(guess, s + j)));
    const int blocks = detail::candidate_blocks(in.quantities, s + 3);
    for (int b = 0; b < blocks; ++b)
      bound[static_cast<std::size_t>(b)] =
          in.block_gain[static_cast<std::size_t>(b)] + in.later_prefix_max[static_cast<std::size_t>(s + 3 - b * detail::kCandidateBlock)];
    detail::candidate_block_maxima4(in.gain.data(), in.quantities, in.later_reversed.data(), seats, s, bound.data(), floor,
                                    block_max.data(), stride);
    for (int j = 0; j < 4; ++j) finish_and_guess(s + j, block_max.data() + j * stride);
  }
  for (; s < end; ++s) {
    detail::candidate_block_maxima1(in.gain.data(), in.quantities, in.later_reversed.data(), seats, s, block_max.data());
    finish(s, block_max.data());
  }
}

// One backward step: fills value_now (V_t) and sold (the chosen q) from value_later (V_{t+1}).
void backward_step(const QuantityPrices& bucket, double attendance_weight, const std::vector<double>& value_later,
                   std::vector<double>& value_now, std::int32_t* sold) {
  const int seats = static_cast<int>(value_later.size()) - 1;
  const int quantities = static_cast<int>(std::min<std::size_t>(bucket.prices.size(), static_cast<std::size_t>(seats)));
  std::vector<double> gain(static_cast<std::size_t>(quantities) + 1, -std::numeric_limits<double>::infinity());
  for (int q = 1; q <= quantities; ++q) {
    const double price = bucket.prices[static_cast<std::size_t>(q - 1)];
    if (std::isfinite(price)) gain[static_cast<std::size_t>(q)] = (price + attendance_weight) * q;  // else never chosen
  }
  const std::vector<double> later_reversed(value_later.rbegin(), value_later.rend());
  std::vector<double> block_gain(static_cast<std::size_t>(detail::candidate_blocks(quantities, seats)),
                                 -std::numeric_limits<double>::infinity());
  for (int q = 0; q <= quantities; ++q) {
    double& block = block_gain[static_cast<std::size_t>(q / detail::kCandidateBlock)];
    block = std::max(block, gain[static_cast<std::size_t>(q)]);
  }
  std::vector<double> later_prefix_max(value_later.size());
  double running = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < value_later.size(); ++i) later_prefix_max[i] = running = std::max(running, value_later[i]);
  const StepInput in{gain, quantities, value_later, later_reversed, block_gain, later_prefix_max};

  // The seat counts are independent, so a large step is shared among the cores: chunks of
  // about equal work (s costs min(K, s) + 1 candidates), starting on multiples of 4 for the
  // 4-row kernel, taken dynamically. Each s is computed as it would be alone, so the result does
  // not depend on the threads. Small steps (the planner's) stay on the calling thread.
  const double work = static_cast<double>(quantities + 1) * (seats + 1);
  if (work < kParallelWork) {
    step_range(in, 0, seats + 1, value_now, sold);
    return;
  }
  const double per_chunk = work / kChunks;
  std::vector<int> bounds{0};
  double done = 0.0;
  for (int s = 0; s <= seats; ++s) {
    done += std::min(quantities, s) + 1;
    if (done >= per_chunk * static_cast<double>(bounds.size()) && (s + 1) % 4 == 0 && s + 1 <= seats) bounds.push_back(s + 1);
  }
  bounds.push_back(seats + 1);
  parallel_for(bounds.size() - 1, [&](std::size_t i) { step_range(in, bounds[i], bounds[i + 1], value_now, sold); });
}

}  // namespace

PricePlanResult solve_deterministic(const std::vector<QuantityPrices>& buckets, int seats, double attendance_weight) {
  if (seats < 0) throw std::invalid_argument("solve_deterministic: seats must be >= 0");
  if (!std::isfinite(attendance_weight)) throw std::invalid_argument("solve_deterministic: attendance weight must be finite");

  const std::size_t periods = buckets.size();
  const std::size_t width = static_cast<std::size_t>(seats) + 1;
  // Only two value rows are live at a time; the decisions are kept for every (t, s) so the plan
  // can be read forwards afterwards: O(T · S) memory.
  std::vector<double> value_later(width, 0.0);
  std::vector<double> value_now(width, 0.0);
  std::vector<std::int32_t> sold(periods * width, 0);
  for (std::size_t t = periods; t-- > 0;) {
    backward_step(buckets[t], attendance_weight, value_later, value_now, &sold[t * width]);
    std::swap(value_later, value_now);
  }

  PricePlanResult result;
  result.buckets.reserve(periods);
  int seats_left = seats;
  for (std::size_t t = 0; t < periods; ++t) {
    const int q = sold[t * width + static_cast<std::size_t>(seats_left)];
    PlannedBucket planned;
    // Selling nothing quotes the hold price (thesis 3.2.1: the row's maximum).
    planned.price = q > 0 ? buckets[t].prices[static_cast<std::size_t>(q - 1)] : buckets[t].hold_price;
    planned.expected_quantity = q;
    planned.expected_revenue = q > 0 ? planned.price * q : 0.0;
    result.expected_revenue += planned.expected_revenue;
    result.expected_tickets += q;
    result.buckets.push_back(planned);
    seats_left -= q;
  }
  result.objective = result.expected_revenue + attendance_weight * result.expected_tickets;
  return result;
}

}  // namespace seatsync
