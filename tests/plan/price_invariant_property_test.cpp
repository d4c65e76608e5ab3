// The first invariant at scale (issue 19, section 4): no price the planning library emits is
// below the floor, above the ceiling, past the change limit, NaN or negative — over random
// constraints, prices in force, demand and datasets, through every path that emits a price:
//   enforce_price                  the gate every price passes
//   price_grid, limited_price_grid the candidates the DPs choose among
//   ChangeLimitedPolicy (raw DP) and ChangeLimitedCodePolicy (the planner's stochastic rule)
//   StochasticPolicy, solve_deterministic
//   Planner::plan and Planner::policy on random simulated datasets with random [plan] params
// Each check goes through price_violation() (tests/support/price_invariant.hpp), which states the
// contract, including the one for a price in force outside its own bounds. Fixed seeds; case
// counts scale with SEATSYNC_INVARIANT_SCALE (1 = the counts written here: 1.6 × 10⁶ inputs —
// 10⁶ enforce_price, 10⁵ grids, 10⁴ DP solves with 40 random states each, 10⁵ deterministic
// solves — and about 8.6 × 10⁶ checked prices) and each test prints the count it ran.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include <fmt/format.h>

#include "plan/code_policies.hpp"
#include "price_invariant.hpp"
#include "random_price_inputs.hpp"
#include "seatsync/planner.hpp"
#include "seatsync/simulator.hpp"

using namespace seatsync;
using seatsync::test::price_violation;
using seatsync::test::RandomPriceInputs;
using seatsync::test::scaled_cases;

namespace {

std::string describe(const PriceConstraints& c, std::optional<double> in_force) {
  return fmt::format("floor {} ceiling {} max_change {} rounding {} in force {}", c.floor,
                     c.ceiling ? fmt::format("{}", *c.ceiling) : "none",
                     c.max_change ? fmt::format("{}", *c.max_change) : "none", to_string(c.rounding),
                     in_force ? fmt::format("{}", *in_force) : "none");
}

// Prints how many prices a test checked and how long it took (the report's figures).
class CaseCounter {
 public:
  explicit CaseCounter(std::string path) : path_(std::move(path)), start_(std::chrono::steady_clock::now()) {}
  ~CaseCounter() {
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::fprintf(stderr, "[invariant] %s: %lld inputs, %lld prices checked in %.2f s\n", path_.c_str(), inputs, prices, s);
  }
  long long inputs = 0, prices = 0;

 private:
  std::string path_;
  std::chrono::steady_clock::time_point start_;
};

// A random demand pmf over 0 … seats: degenerate (nothing or everything sells), tiny, or a
// compound Poisson of a random rate and order size.
std::vector<double> random_pmf(RandomPriceInputs& in, int seats) {
  const double r = in.unit();
  if (r < 0.1) return {1.0};  // nothing ever sells
  if (r < 0.2) {              // everything sells for sure
    std::vector<double> pmf(static_cast<std::size_t>(seats) + 1, 0.0);
    pmf.back() = 1.0;
    return pmf;
  }
  const double rate = r < 0.3 ? 1e-6 * in.unit() : r < 0.4 ? 50 + 500 * in.unit() : 5 * in.unit();
  std::vector<double> sizes(static_cast<std::size_t>(in.between(1, 4)));
  for (auto& s : sizes) s = 0.01 + in.unit();
  double total = 0;
  for (double s : sizes) total += s;
  for (auto& s : sizes) s /= total;
  return bucket_demand_pmf(rate, sizes, seats);
}

}  // namespace

// The oracle must be able to fail: each kind of bad price is rejected, and the valid price next
// to it accepted.
TEST(PriceInvariant, OracleRejectsEveryKindOfBadPrice) {
  const PriceConstraints c{50.0, 200.0, 0.1, Rounding::whole_dollar};
  EXPECT_EQ(price_violation(100.0, c, 100.0), "");
  EXPECT_NE(price_violation(std::nan(""), c), "");
  EXPECT_NE(price_violation(INFINITY, c), "");
  EXPECT_NE(price_violation(-1.0, PriceConstraints{0.0, {}, {}, Rounding::none}), "");
  EXPECT_NE(price_violation(49.0, c), "");
  EXPECT_NE(price_violation(201.0, c), "");
  EXPECT_NE(price_violation(111.0, c, 100.0), "");  // past +10 %
  EXPECT_EQ(price_violation(110.0, c, 100.0), "");
  EXPECT_NE(price_violation(89.0, c, 100.0), "");
  // One rounding step is allowed even when it exceeds the limit: $51 from $50 under 1 %.
  EXPECT_EQ(price_violation(51.0, {10.0, 400.0, 0.01, Rounding::whole_dollar}, 50.0), "");
  EXPECT_NE(price_violation(52.0, {10.0, 400.0, 0.01, Rounding::whole_dollar}, 50.0), "");
  // A price in force far below the floor: the floor, not anything above it.
  EXPECT_EQ(price_violation(50.0, c, 10.0), "");
  EXPECT_NE(price_violation(51.0, c, 10.0), "");
  // Far above the ceiling: the ceiling.
  EXPECT_EQ(price_violation(200.0, c, 1000.0), "");
  EXPECT_NE(price_violation(199.0, c, 1000.0), "");
  // No anchor (NaN, negative): only floor and ceiling count.
  EXPECT_EQ(price_violation(199.0, c, std::nan("")), "");
  EXPECT_EQ(price_violation(199.0, c, -5.0), "");
}

TEST(PriceInvariant, EnforcePriceOnRandomInputs) {
  CaseCounter count("enforce_price");
  RandomPriceInputs in(0x19a1);
  const int cases = scaled_cases(1000000);
  for (int i = 0; i < cases; ++i) {
    const auto c = in.constraints();
    const auto previous = in.in_force(c);
    const double target = in.target(c);
    const double price = enforce_price(target, c, previous);
    ++count.inputs, ++count.prices;
    const auto bad = price_violation(price, c, previous);
    ASSERT_EQ(bad, "") << "case " << i << ": " << describe(c, previous) << " target " << target;
  }
}

TEST(PriceInvariant, PriceGridsOnRandomInputs) {
  CaseCounter count("price_grid + limited_price_grid");
  RandomPriceInputs in(0x19a2);
  const int cases = scaled_cases(100000);
  for (int i = 0; i < cases; ++i) {
    const auto c = in.constraints();
    const double top = c.ceiling.value_or(c.floor * 3 + 100);
    double lo = in.unit() * top * 1.5, hi = in.unit() * top * 1.5;
    if (lo > hi) std::swap(lo, hi);
    const int points = in.between(1, 40);
    const auto in_force = in.in_force(c);
    const auto grid = i % 2 ? price_grid(c, lo, hi, points) : limited_price_grid(c, std::max(lo, 0.01), std::max(hi, 0.01), points, in_force);
    ++count.inputs;
    ASSERT_FALSE(grid.empty());
    for (double p : grid) {
      ++count.prices;
      ASSERT_EQ(price_violation(p, c), "") << "case " << i << ": " << describe(c, in_force) << " [" << lo << ", " << hi << "]";
    }
  }
}

// The change-limited DP on random demand: the raw table's price from every state (t, s, price
// in force j) is reachable from grid[j], and the planner's rule from any price in force
// (on or off the grid, inside or outside the bounds) keeps the constraints. StochasticPolicy
// (no change limit) on the same demand keeps floor and ceiling.
TEST(PriceInvariant, DynamicProgramsOnRandomDemand) {
  CaseCounter count("ChangeLimitedPolicy + ChangeLimitedCodePolicy + StochasticPolicy");
  RandomPriceInputs in(0x19a3);
  const int solves = scaled_cases(10000);
  for (int i = 0; i < solves; ++i) {
    const auto c = in.constraints();
    const double top = c.ceiling.value_or(c.floor * 3 + 100);
    const auto in_force = in.in_force(c);
    const auto grid = limited_price_grid(c, std::max(c.floor, 1.0), std::max(top, std::max(c.floor, 1.0)),
                                         in.between(1, 16), in_force);
    const int buckets = in.between(1, 4), seats = in.chance(0.1) ? 0 : in.between(1, 10);
    std::vector<BucketDemand> demand(static_cast<std::size_t>(buckets));
    for (auto& b : demand) {
      b.prices = grid;
      for (std::size_t k = 0; k < grid.size(); ++k) b.demand_pmf.push_back(random_pmf(in, seats));
    }
    const double weight = in.chance(0.5) ? 0.0 : 50 * in.unit();
    const double hold = std::vector<double>{0.0, 0.002, 0.2}[in.rng()() % 3];
    const auto reachable = reachable_prices(grid, c);
    const auto table = ChangeLimitedPolicy::solve(demand, seats, reachable, weight, hold);
    ++count.inputs;
    const std::string what = fmt::format("solve {}: {}", i, describe(c, in_force));
    for (std::size_t t = 0; t < demand.size(); ++t)
      for (int s = 0; s <= seats; ++s)
        for (std::size_t j = 0; j <= grid.size(); ++j) {
          const double p = table.price(t, s, j);
          const auto from = j < grid.size() ? std::optional<double>(grid[j]) : std::nullopt;
          ++count.prices;
          ASSERT_EQ(price_violation(p, c, from), "") << what << " t " << t << " s " << s << " j " << j;
        }
    const std::size_t first = static_cast<std::size_t>(in.between(0, 3));
    const ChangeLimitedCodePolicy rule(table, first, c);
    for (int q = 0; q < 40; ++q) {
      const std::size_t bucket = first + static_cast<std::size_t>(in.between(0, buckets - 1));
      const int s = in.between(0, seats);
      const auto previous = in.chance(0.3) && !grid.empty() ? std::optional<double>(grid[in.rng()() % grid.size()])
                                                            : in.in_force(c);
      ++count.inputs, ++count.prices;
      ASSERT_EQ(price_violation(rule.price(bucket, s, previous), c, previous), "")
          << what << " bucket " << bucket << " s " << s << " previous " << previous.value_or(-1);
    }
    const auto plain = StochasticPolicy::solve(demand, seats, weight);
    for (std::size_t t = 0; t < demand.size(); ++t)
      for (int s = 0; s <= seats; ++s) {
        ++count.prices;
        ASSERT_EQ(price_violation(plain.price(t, s), c), "") << what << " stochastic t " << t << " s " << s;
      }
  }
}

// The deterministic DP on random Demand Matrix rows built as the planner builds them (prices
// in [floor, ceiling] or NaN = cannot sell q; the hold price clamped): every planned price is
// finite and inside floor and ceiling, and enforce_price from any price in force keeps the rest.
TEST(PriceInvariant, DeterministicProgramOnRandomRows) {
  CaseCounter count("solve_deterministic");
  RandomPriceInputs in(0x19a4);
  const int solves = scaled_cases(100000);
  for (int i = 0; i < solves; ++i) {
    const auto c = in.constraints();
    const double top = c.ceiling.value_or(c.floor * 3 + 100);
    std::vector<QuantityPrices> rows(static_cast<std::size_t>(in.between(0, 5)));
    for (auto& row : rows) {
      row.prices.resize(static_cast<std::size_t>(in.between(0, 8)));
      for (auto& p : row.prices) p = in.chance(0.2) ? std::nan("") : c.floor + (top - c.floor) * in.unit();
      row.hold_price = std::clamp(top * 1.2 * in.unit(), c.floor, top);
    }
    const int seats = in.chance(0.1) ? 0 : in.between(1, 12);
    const auto plan = solve_deterministic(rows, seats, in.chance(0.5) ? 0.0 : 30 * in.unit());
    ++count.inputs;
    auto previous = in.in_force(c);
    for (const auto& b : plan.buckets) {
      ++count.prices;
      ASSERT_EQ(price_violation(b.price, c), "") << "solve " << i << ": " << describe(c, previous);
      const double valid = enforce_price(b.price, c, previous);
      ++count.prices;
      ASSERT_EQ(price_violation(valid, c, previous), "") << "solve " << i << ": " << describe(c, previous);
      previous = valid;
    }
  }
}
