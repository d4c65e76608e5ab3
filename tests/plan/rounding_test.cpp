// round_within and the rounding grids: known answers, then random cases against a brute-force
// reference that walks the grid cent by cent.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>

#include <fmt/format.h>

#include "seatsync/price_constraints.hpp"

using namespace seatsync;

namespace {

const double kInf = std::numeric_limits<double>::infinity();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const PriceBounds kAnyPrice{0.0, kInf};
const Rounding kAllModes[] = {Rounding::none, Rounding::whole_dollar, Rounding::five_dollar, Rounding::charm};

// Written independently of the library: a grid value is a whole number of cents with the
// right ending, stored as the double cents / 100 (what std::round(x * 100) / 100 gives).
bool on_grid(double price, Rounding rounding) {
  if (rounding == Rounding::none) return true;
  const double cents = std::round(price * 100.0);
  if (price != cents / 100.0) return false;
  const auto ending = static_cast<long long>(cents) % 100;
  const auto dollars_mod_5 = static_cast<long long>(cents) / 100 % 5;
  switch (rounding) {
    case Rounding::none: break;
    case Rounding::whole_dollar: return ending == 0;
    case Rounding::five_dollar: return ending == 0 && dollars_mod_5 == 0;
    case Rounding::charm: return ending == 0 || ending == 95 || ending == 99;
  }
  return false;
}

// The nearest grid value to `price` inside [lo, hi] (ties up), by walking ±6 dollars in cents;
// nullopt if none is there. For moderate, non-negative prices only.
std::optional<double> brute_force_nearest(double price, Rounding rounding, PriceBounds bounds) {
  std::optional<double> best;
  const auto centre = static_cast<long long>(std::round(price * 100.0));
  for (long long cents = centre - 600; cents <= centre + 600; ++cents) {
    const double value = static_cast<double>(cents) / 100.0;
    if (value < bounds.lo || value > bounds.hi || !on_grid(value, rounding)) continue;
    if (!best || std::abs(value - price) <= std::abs(*best - price)) best = value;  // ascending: ties go up
  }
  return best;
}

}  // namespace

TEST(RoundingNames, ParseAndPrintRoundTrip) {
  for (Rounding mode : kAllModes) EXPECT_EQ(parse_rounding(to_string(mode)), mode);
  EXPECT_EQ(parse_rounding("dollar"), Rounding::whole_dollar);
  EXPECT_EQ(parse_rounding("five"), Rounding::five_dollar);
  EXPECT_FALSE(parse_rounding("whole_dollar"));
  EXPECT_FALSE(parse_rounding("Charm"));
  EXPECT_FALSE(parse_rounding(""));
}

TEST(RoundWithin, KnownAnswersForEachMode) {
  EXPECT_EQ(round_within(123.4, Rounding::none, kAnyPrice), 123.4);
  EXPECT_EQ(round_within(123.4, Rounding::whole_dollar, kAnyPrice), 123.0);
  EXPECT_EQ(round_within(123.6, Rounding::whole_dollar, kAnyPrice), 124.0);
  EXPECT_EQ(round_within(123.4, Rounding::five_dollar, kAnyPrice), 125.0);
  EXPECT_EQ(round_within(122.4, Rounding::five_dollar, kAnyPrice), 120.0);
  EXPECT_EQ(round_within(123.4, Rounding::charm, kAnyPrice), 123.0);  // 123.00 beats 122.99
  EXPECT_EQ(round_within(122.992, Rounding::charm, kAnyPrice), 122.99);
  EXPECT_EQ(round_within(122.96, Rounding::charm, kAnyPrice), 122.95);
  EXPECT_EQ(round_within(122.5, Rounding::charm, kAnyPrice), 122.95);  // .45 from 122.95, .5 from 122.00
  EXPECT_EQ(round_within(122.4, Rounding::charm, kAnyPrice), 122.0);
  EXPECT_EQ(round_within(119.999, Rounding::charm, kAnyPrice), 120.0);
}

TEST(RoundWithin, TiesGoUpUnlessUpIsOutOfBounds) {
  EXPECT_EQ(round_within(122.5, Rounding::whole_dollar, kAnyPrice), 123.0);
  EXPECT_EQ(round_within(122.5, Rounding::five_dollar, kAnyPrice), 125.0);
  EXPECT_EQ(round_within(0.5, Rounding::whole_dollar, kAnyPrice), 1.0);
  EXPECT_EQ(round_within(122.5, Rounding::whole_dollar, {0.0, 122.7}), 122.0);
  EXPECT_EQ(round_within(122.5, Rounding::five_dollar, {0.0, 124.0}), 120.0);
}

TEST(RoundWithin, PrefersAFartherGridValueInsideTheBoundsToANearerOneOutside) {
  EXPECT_EQ(round_within(123.4, Rounding::whole_dollar, {123.2, 200.0}), 124.0);
  EXPECT_EQ(round_within(123.4, Rounding::five_dollar, {121.0, 200.0}), 125.0);
  EXPECT_EQ(round_within(127.4, Rounding::five_dollar, {100.0, 129.0}), 125.0);
  EXPECT_EQ(round_within(123.4, Rounding::charm, {123.01, 200.0}), 123.95);
}

TEST(RoundWithin, NarrowBoundsWithoutAGridValueGiveTheNearestBound) {
  EXPECT_EQ(round_within(123.22, Rounding::whole_dollar, {123.2, 123.3}), 123.2);
  EXPECT_EQ(round_within(123.28, Rounding::whole_dollar, {123.2, 123.3}), 123.3);
  EXPECT_EQ(round_within(123.25, Rounding::whole_dollar, {123.2, 123.5}), 123.2);
  EXPECT_EQ(round_within(500.0, Rounding::whole_dollar, {123.2, 123.3}), 123.3);
  EXPECT_EQ(round_within(1.0, Rounding::whole_dollar, {123.2, 123.3}), 123.2);
  EXPECT_EQ(round_within(123.0, Rounding::charm, {123.1, 123.9}), 123.1);
  EXPECT_EQ(round_within(123.4, Rounding::five_dollar, {121.0, 124.0}), 124.0);  // 125 would break hi
}

TEST(RoundWithin, SinglePointBounds) {
  for (Rounding mode : kAllModes) {
    EXPECT_EQ(round_within(50.0, mode, {123.0, 123.0}), 123.0) << to_string(mode);
    EXPECT_EQ(round_within(50.0, mode, {123.45, 123.45}), 123.45) << to_string(mode);
    EXPECT_EQ(round_within(kNaN, mode, {0.0, 0.0}), 0.0) << to_string(mode);
  }
}

TEST(RoundWithin, ZeroTinyAndHugePrices) {
  EXPECT_EQ(round_within(0.3, Rounding::whole_dollar, {0.0, 10.0}), 0.0);
  EXPECT_EQ(round_within(0.02, Rounding::charm, {0.0, 10.0}), 0.0);  // -0.01 is below lo
  EXPECT_EQ(round_within(-5.0, Rounding::five_dollar, {0.0, 10.0}), 0.0);
  EXPECT_EQ(round_within(1e-300, Rounding::whole_dollar, kAnyPrice), 0.0);
  EXPECT_EQ(round_within(1e-300, Rounding::charm, {1e-300, 1.0}), 0.95);
  EXPECT_EQ(round_within(1e-300, Rounding::whole_dollar, {1e-300, 0.5}), 1e-300);
  EXPECT_EQ(round_within(5e11 + 3.2, Rounding::five_dollar, kAnyPrice), 5e11 + 5);
  EXPECT_EQ(round_within(5e11 + 3.2, Rounding::charm, kAnyPrice), 5e11 + 3);
  // Beyond 1e12 nothing is rounded, but the bounds still hold.
  EXPECT_EQ(round_within(1e15 + 0.5, Rounding::whole_dollar, kAnyPrice), 1e15 + 0.5);
  EXPECT_EQ(round_within(1e300, Rounding::five_dollar, {0.0, 1e13}), 1e13);
  EXPECT_EQ(round_within(1e300, Rounding::charm, {0.0, 1000.0}), 1000.0);
}

TEST(RoundWithin, NonFinitePricesStayInsideTheBounds) {
  for (Rounding mode : kAllModes) {
    EXPECT_EQ(round_within(kNaN, mode, {10.0, 20.0}), 10.0);
    EXPECT_EQ(round_within(-kInf, mode, {10.0, 20.0}), 10.0);
    EXPECT_EQ(round_within(kInf, mode, {10.0, 20.0}), 20.0);
    EXPECT_EQ(round_within(kInf, mode, kAnyPrice), kInf);  // the documented exception
  }
}

TEST(RoundWithin, EmptyOrNaNBoundsThrow) {
  EXPECT_THROW(round_within(1.0, Rounding::whole_dollar, {2.0, 1.0}), std::invalid_argument);
  EXPECT_THROW(round_within(1.0, Rounding::none, {kNaN, 1.0}), std::invalid_argument);
  EXPECT_THROW(round_within(1.0, Rounding::charm, {0.0, kNaN}), std::invalid_argument);
}

TEST(RoundWithin, CharmPricesPrintExactly) {
  EXPECT_EQ(fmt::format("{}", round_within(119.987, Rounding::charm, kAnyPrice)), "119.99");
  EXPECT_EQ(fmt::format("{}", round_within(119.96, Rounding::charm, kAnyPrice)), "119.95");
  EXPECT_EQ(fmt::format("{}", round_within(120.2, Rounding::charm, kAnyPrice)), "120");
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> price(0.0, 100000.0);
  for (int i = 0; i < 20000; ++i) {
    const double charm = round_within(price(rng), Rounding::charm, kAnyPrice);
    ASSERT_EQ(charm, std::round(charm * 100.0) / 100.0);
    ASSERT_LE(fmt::format("{}", charm).size(), fmt::format("{:.2f}", charm).size());  // no 0.98999999
  }
}

TEST(RoundWithin, RandomCasesMatchABruteForceReference) {
  std::mt19937_64 rng(20240611);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> pick(0, 9);
  const double widths[] = {0.0, 0.004, 0.05, 0.5, 1.0, 3.0, 7.0, 100.0, 1000.0};
  int compared = 0, off_grid = 0;
  for (int i = 0; i < 50000; ++i) {
    const Rounding mode = kAllModes[pick(rng) % 4];
    double lo = unit(rng) * 3000.0;
    if (pick(rng) == 0) lo = std::round(lo);  // bounds on the grid
    if (pick(rng) == 0) lo = 0.0;
    const double width = widths[pick(rng) % 9] * unit(rng);
    const PriceBounds bounds{lo, pick(rng) == 0 ? kInf : lo + width};
    double price = lo + (unit(rng) * 1.4 - 0.2) * (std::isinf(bounds.hi) ? 1000.0 : width + 1.0);
    if (pick(rng) == 0) price = std::round(price * 2.0) / 2.0;  // exact ties
    const double result = round_within(price, mode, bounds);

    ASSERT_GE(result, bounds.lo);
    ASSERT_LE(result, bounds.hi);
    const double clamped = std::clamp(price, bounds.lo, bounds.hi);
    if (mode == Rounding::none) {
      ASSERT_EQ(result, clamped);
      continue;
    }
    const auto expected = brute_force_nearest(clamped, mode, bounds);
    if (expected) {
      ASSERT_EQ(result, *expected) << fmt::format("{} in [{}, {}] ({})", price, bounds.lo, bounds.hi, to_string(mode));
      ++compared;
    } else {
      // Narrow bounds: a bound, the one nearest the price.
      ASSERT_TRUE(result == bounds.lo || result == bounds.hi);
      ASSERT_EQ(result, clamped - bounds.lo < bounds.hi - clamped ? bounds.lo : bounds.hi);
      ++off_grid;
    }
  }
  EXPECT_GT(compared, 15000);  // both branches were exercised
  EXPECT_GT(off_grid, 1000);
}
