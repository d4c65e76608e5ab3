// Rounding and the change limit together (issue 10, item 10): a change band narrower than the
// rounding step used to hold only the current price, so the price never moved whatever its
// target ($60 stayed $60 aiming at $90 with $5 rounding and a 5% limit). One rounding step
// towards the target is always allowed.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <random>

#include <fmt/format.h>

#include "seatsync/price_constraints.hpp"

using namespace seatsync;

namespace {

PriceConstraints make(double floor, std::optional<double> ceiling, std::optional<double> max_change, Rounding rounding) {
  return {floor, ceiling, max_change, rounding};
}

// Buckets until `target` is reached from `price` (or -1 if not within `limit` buckets).
int buckets_to_reach(double price, double target, const PriceConstraints& c, int limit = 200) {
  for (int t = 1; t <= limit; ++t) {
    price = enforce_price(target, c, price);
    if (price == enforce_price(target, c)) return t;
  }
  return -1;
}

}  // namespace

TEST(ChangeLimitRounding, FiveDollarStepsUnderAFivePercentLimit) {
  const auto c = make(20.0, 400.0, 0.05, Rounding::five_dollar);
  EXPECT_EQ(enforce_price(90.0, c, 60.0), 65.0);  // was 60: the band [57, 63] holds no other $5 value
  EXPECT_EQ(enforce_price(30.0, c, 60.0), 55.0);
  EXPECT_EQ(enforce_price(62.0, c, 60.0), 60.0);  // a target that rounds to the price holds it
  const auto bounds = price_bounds(c, 60.0);
  EXPECT_EQ(bounds.lo, 55.0);
  EXPECT_EQ(bounds.hi, 65.0);
  EXPECT_EQ(buckets_to_reach(60.0, 90.0, c), 6);  // 65, 70, 75, 80, 85, 90
}

TEST(ChangeLimitRounding, DollarStepsUnderAOnePercentLimit) {
  const auto c = make(10.0, 400.0, 0.01, Rounding::whole_dollar);
  EXPECT_EQ(enforce_price(80.0, c, 50.0), 51.0);  // was 50: the band [49.5, 50.5]
  EXPECT_EQ(enforce_price(20.0, c, 50.0), 49.0);
  EXPECT_EQ(enforce_price(500.0, c, 378.0), 381.0);  // a band wider than the step is unchanged
  EXPECT_EQ(buckets_to_reach(50.0, 60.0, c), 10);
}

TEST(ChangeLimitRounding, FloorCeilingAndZeroLimitStillWin) {
  EXPECT_EQ(enforce_price(90.0, make(20.0, 62.0, 0.05, Rounding::five_dollar), 60.0), 60.0);  // $62 ceiling: 60 is the top grid value
  EXPECT_EQ(enforce_price(90.0, make(20.0, 62.0, 0.05, Rounding::five_dollar), 50.0), 55.0);
  // Rounding prefers a grid value inside the bounds: with a $58 floor even an unlimited price
  // aiming at $10 rounds to $60, so $60 already is where the target rounds and stays.
  EXPECT_EQ(enforce_price(10.0, make(58.0, 400.0, std::nullopt, Rounding::five_dollar)), 60.0);
  EXPECT_EQ(enforce_price(10.0, make(58.0, 400.0, 0.05, Rounding::five_dollar), 60.0), 60.0);
  EXPECT_EQ(enforce_price(10.0, make(58.0, 400.0, 0.05, Rounding::five_dollar), 70.0), 65.0);
  EXPECT_EQ(enforce_price(90.0, make(20.0, 400.0, 0.0, Rounding::five_dollar), 60.0), 60.0);  // never change
  EXPECT_EQ(enforce_price(90.0, make(20.0, 400.0, 0.05, Rounding::none), 60.0), 63.0);
  // An off-grid price in force steps to the grid value beyond it, not back to the one below.
  EXPECT_EQ(enforce_price(90.0, make(20.0, 400.0, 0.02, Rounding::five_dollar), 61.0), 65.0);
}

// Property: from any valid price in force, a target outside the band always makes progress,
// floor and ceiling always hold, and the change never exceeds max(limit, one rounding step).
TEST(ChangeLimitRounding, RandomTargetsAlwaysProgressAndNeverBreakFloorOrCeiling) {
  std::mt19937_64 rng(0x10c4);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const Rounding modes[] = {Rounding::whole_dollar, Rounding::five_dollar, Rounding::charm, Rounding::none};
  int progressed = 0;
  for (int i = 0; i < 50000; ++i) {
    PriceConstraints c;
    c.floor = std::round(unit(rng) * 200.0 * 100.0) / 100.0;
    c.ceiling = c.floor + 1.0 + unit(rng) * 800.0;
    c.max_change = 0.001 + unit(rng) * 0.1;
    c.rounding = modes[rng() % 4];
    const double previous = enforce_price(c.floor + unit(rng) * (*c.ceiling - c.floor), c);
    const double target = unit(rng) * 1200.0;
    const double price = enforce_price(target, c, previous);
    const std::string what = fmt::format("floor {} ceiling {} change {} {} previous {} target {} -> {}", c.floor,
                                         *c.ceiling, *c.max_change, to_string(c.rounding), previous, target, price);
    ASSERT_TRUE(std::isfinite(price)) << what;
    ASSERT_GE(price, c.floor) << what;
    ASSERT_LE(price, *c.ceiling) << what;
    const double free = enforce_price(target, c);  // where the target rounds to without a limit
    if (free > previous) {
      ASSERT_GT(price, previous) << what;
      ASSERT_LE(price, free) << what;
      ++progressed;
    } else if (free < previous) {
      ASSERT_LT(price, previous) << what;
      ASSERT_GE(price, free) << what;
      ++progressed;
    } else {
      ASSERT_EQ(price, previous) << what;
    }
    const double band = previous * *c.max_change;
    const auto up = next_grid_value(previous, c.rounding, true), down = next_grid_value(previous, c.rounding, false);
    ASSERT_LE(price, std::max(previous + band, up.value_or(0.0)) + 1e-9) << what;
    ASSERT_GE(price, std::min(previous - band, down.value_or(1e300)) - 1e-9) << what;
  }
  EXPECT_GT(progressed, 40000);
}
