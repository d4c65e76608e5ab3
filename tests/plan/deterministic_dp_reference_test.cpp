// solve_deterministic against the plain scalar sweep it replaced (issue 17): the same plan, bit
// for bit, including the order-dependent tie rule, on instances built to hit it — exact ties,
// near-ties inside the 1e-12 tolerance, unsellable quantities, every quantity allowed (K = seats),
// and sizes large enough for several candidate blocks, the 4-row kernel and the threaded step.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <vector>

#include "seatsync/price_dp.hpp"

using namespace seatsync;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// The sweep as src/plan/deterministic_dp.cpp had it before issue 17 (commit 70d5f5b): q outer,
// s inner, a candidate replaces the incumbent only when more than 1e-12 relative above it.
PricePlanResult reference_solve(const std::vector<QuantityPrices>& buckets, int seats, double weight) {
  const std::size_t width = static_cast<std::size_t>(seats) + 1;
  std::vector<double> later(width, 0.0), now(width, 0.0);
  std::vector<std::int32_t> sold(buckets.size() * width, 0);
  for (std::size_t t = buckets.size(); t-- > 0;) {
    std::int32_t* choice = &sold[t * width];
    now = later;
    const int max_quantity = static_cast<int>(std::min<std::size_t>(buckets[t].prices.size(), width - 1));
    for (int q = 1; q <= max_quantity; ++q) {
      const double price = buckets[t].prices[static_cast<std::size_t>(q - 1)];
      if (!std::isfinite(price)) continue;
      const double gain = (price + weight) * q;
      for (int s = q; s <= seats; ++s) {
        const double candidate = gain + later[static_cast<std::size_t>(s - q)];
        const double incumbent = now[static_cast<std::size_t>(s)];
        if (candidate > incumbent + 1e-12 * std::max(1.0, std::abs(incumbent))) {
          now[static_cast<std::size_t>(s)] = candidate;
          choice[s] = q;
        }
      }
    }
    std::swap(later, now);
  }
  PricePlanResult result;
  int left = seats;
  for (std::size_t t = 0; t < buckets.size(); ++t) {
    const int q = sold[t * width + static_cast<std::size_t>(left)];
    PlannedBucket planned;
    planned.price = q > 0 ? buckets[t].prices[static_cast<std::size_t>(q - 1)] : buckets[t].hold_price;
    planned.expected_quantity = q;
    planned.expected_revenue = q > 0 ? planned.price * q : 0.0;
    result.expected_revenue += planned.expected_revenue;
    result.expected_tickets += q;
    result.buckets.push_back(planned);
    left -= q;
  }
  result.objective = result.expected_revenue + weight * result.expected_tickets;
  return result;
}

void expect_same_plan(const PricePlanResult& got, const PricePlanResult& want, int instance) {
  ASSERT_EQ(got.buckets.size(), want.buckets.size()) << "instance " << instance;
  for (std::size_t t = 0; t < want.buckets.size(); ++t) {
    EXPECT_EQ(got.buckets[t].expected_quantity, want.buckets[t].expected_quantity) << "instance " << instance << " bucket " << t;
    EXPECT_EQ(got.buckets[t].price, want.buckets[t].price) << "instance " << instance << " bucket " << t;
  }
  EXPECT_EQ(got.objective, want.objective) << "instance " << instance;  // bitwise: same plan, same sums
}

// Issue 17's rows: p(q) = top · u_(q), u sorted descending from U(0.3, 1.0) draws, q = 0 the hold price.
QuantityPrices sorted_uniform_row(std::mt19937_64& rng, int quantities, double top) {
  std::uniform_real_distribution<double> draw(0.3, 1.0);
  std::vector<double> u(static_cast<std::size_t>(quantities) + 1);
  for (double& x : u) x = draw(rng);
  std::sort(u.begin(), u.end(), std::greater<>());
  QuantityPrices row;
  row.hold_price = top * u[0];
  for (std::size_t q = 1; q < u.size(); ++q) row.prices.push_back(top * u[q]);
  return row;
}

}  // namespace

// The rule is the scan's, not "the smallest q within 1e-12 of the best": one bucket, two seats,
// revenues r(0) = 0, r(1) = 0.6e-12, r(2) = 1.2e-12. The scan keeps q = 0 against q = 1 (not
// more than 1e-12 above 0) and then takes q = 2 (more than 1e-12 above 0), although q = 1 is
// within 1e-12 of q = 2.
TEST(DeterministicDpReference, TieRuleFollowsTheScanOrder) {
  const auto plan = solve_deterministic({{{0.6e-12, 0.6e-12}, 1.0}}, 2);
  ASSERT_EQ(plan.buckets.size(), 1u);
  EXPECT_EQ(plan.buckets[0].expected_quantity, 2);
  expect_same_plan(plan, reference_solve({{{0.6e-12, 0.6e-12}, 1.0}}, 2, 0.0), 0);
}

// Small instances, K = seats, integer prices (exact ties everywhere), some unsellable.
TEST(DeterministicDpReference, SameAsScalarSweepWithExactTies) {
  std::mt19937_64 rng(170);
  std::uniform_int_distribution<int> periods_dist(1, 6), seats_dist(0, 40), price_dist(-1, 6);
  for (int instance = 0; instance < 300; ++instance) {
    const int seats = seats_dist(rng);
    std::vector<QuantityPrices> buckets(static_cast<std::size_t>(periods_dist(rng)));
    for (auto& bucket : buckets) {
      for (int q = 0; q < seats; ++q) {
        const int draw = price_dist(rng);
        bucket.prices.push_back(draw < 0 ? NaN : draw);
      }
      bucket.hold_price = 7;
    }
    const double weight = instance % 4 == 0 ? 1.0 : 0.0;
    expect_same_plan(solve_deterministic(buckets, seats, weight), reference_solve(buckets, seats, weight), instance);
  }
}

// Near-ties: prices 10 · (1 + k · 2e-13) for small integers k, so candidates differ by about the
// tolerance and which one wins depends on the order of the scan.
TEST(DeterministicDpReference, SameAsScalarSweepWithNearTies) {
  std::mt19937_64 rng(171);
  std::uniform_int_distribution<int> periods_dist(1, 5), seats_dist(1, 30), step_dist(0, 8);
  for (int instance = 0; instance < 300; ++instance) {
    const int seats = seats_dist(rng);
    std::vector<QuantityPrices> buckets(static_cast<std::size_t>(periods_dist(rng)));
    for (auto& bucket : buckets) {
      // Revenue q · p(q) nearly flat in q: p(q) = 10 / q · (1 + k · 2e-13).
      for (int q = 1; q <= seats; ++q) bucket.prices.push_back(10.0 / q * (1.0 + step_dist(rng) * 2e-13));
      bucket.hold_price = 10;
    }
    expect_same_plan(solve_deterministic(buckets, seats, 0.0), reference_solve(buckets, seats, 0.0), instance);
  }
}

// Issue 17's generator at sizes with several candidate blocks (64 q each) and enough work to
// run the threaded step and the block pruning, plus rows rounded to whole dollars (long runs of
// equal prices), rows shorter than the seats and rows with unsellable quantities.
TEST(DeterministicDpReference, SameAsScalarSweepOnIssueRows) {
  std::mt19937_64 rng(172);
  for (int instance = 0; instance < 13; ++instance) {
    // The last instance is above the size at which a step is shared among threads (1e7 candidates).
    const int seats = instance < 12 ? 200 + 150 * instance : 3400;
    const int periods = instance < 12 ? 6 + instance % 5 : 3;
    const bool rounded = instance % 3 == 1, short_rows = instance % 3 == 2;
    std::vector<QuantityPrices> buckets;
    for (int t = 0; t < periods; ++t) {
      auto row = sorted_uniform_row(rng, short_rows ? seats / 3 : seats, 100.0 * (1.0 + t / 90.0));
      if (rounded)
        for (double& p : row.prices) p = std::round(p);
      if (instance % 4 == 2)  // unsellable quantities scattered through the row
        for (std::size_t q = t % 7; q < row.prices.size(); q += 7) row.prices[q] = NaN;
      buckets.push_back(std::move(row));
    }
    const double weight = instance % 4 == 3 ? 5.0 : 0.0;
    expect_same_plan(solve_deterministic(buckets, seats, weight), reference_solve(buckets, seats, weight), instance);
  }
}
