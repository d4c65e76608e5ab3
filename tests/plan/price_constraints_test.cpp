// The first invariant: price_bounds, enforce_price and price_grid never let a price break its
// constraints — known answers, invalid inputs, then tens of thousands of random cases.
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
const Rounding kAllModes[] = {Rounding::none, Rounding::whole_dollar, Rounding::five_dollar, Rounding::charm};

PriceConstraints make(double floor, std::optional<double> ceiling = std::nullopt,
                      std::optional<double> max_change = std::nullopt, Rounding rounding = Rounding::whole_dollar) {
  return {floor, ceiling, max_change, rounding};
}

// Written independently of the library (rounding_test.cpp has the same check): a grid value is
// a whole number of cents with the right ending, stored as the double cents / 100.
bool on_grid(double price, Rounding rounding) {
  if (rounding == Rounding::none) return true;
  const double cents = std::round(price * 100.0);
  if (price != cents / 100.0) return false;
  const auto ending = static_cast<long long>(cents) % 100;
  switch (rounding) {
    case Rounding::none: break;
    case Rounding::whole_dollar: return ending == 0;
    case Rounding::five_dollar: return ending == 0 && static_cast<long long>(cents) / 100 % 5 == 0;
    case Rounding::charm: return ending == 0 || ending == 95 || ending == 99;
  }
  return false;
}

// Whether some grid value lies in [lo, hi], by walking up from lo cent by cent (every grid has
// a value at least every $5). Above $1e12 prices are not rounded, which counts as "no".
bool grid_value_inside(double lo, double hi, Rounding rounding) {
  if (rounding == Rounding::none) return true;
  if (lo > 1e12) return false;
  const auto start = static_cast<long long>(std::floor(lo * 100.0)) - 2;
  for (long long cents = start; cents <= start + 510; ++cents) {
    const double value = static_cast<double>(cents) / 100.0;
    if (value >= lo && on_grid(value, rounding)) return value <= hi;
  }
  return false;
}

// The nearest grid value strictly above (up) or below `price`, walking cent by cent.
double grid_neighbour(double price, Rounding rounding, bool up) {
  const auto start = static_cast<long long>(std::round(price * 100.0));
  for (long long step = 0; step <= 510; ++step) {
    const double value = static_cast<double>(up ? start + step : start - step) / 100.0;
    if ((up ? value > price : value < price) && on_grid(value, rounding)) return value;
  }
  return price;
}

struct RandomCase {
  PriceConstraints constraints;
  std::optional<double> previous;
};

// Floors 0–2,000, optional ceilings, optional change limits 0–50%, optional previous prices
// (often outside their own bounds), every rounding mode.
RandomCase random_case(std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> pick(0, 9);
  RandomCase c;
  c.constraints.floor = pick(rng) == 0 ? 0.0 : unit(rng) * 2000.0;
  if (pick(rng) == 0) c.constraints.floor = std::round(c.constraints.floor);
  if (pick(rng) < 6) {
    const int kind = pick(rng);
    c.constraints.ceiling = c.constraints.floor + (kind == 0 ? 0.0 : kind < 3 ? unit(rng) : unit(rng) * 2000.0);
  }
  if (pick(rng) < 6) c.constraints.max_change = pick(rng) == 0 ? 0.0 : unit(rng) * 0.5;
  c.constraints.rounding = kAllModes[pick(rng) % 4];
  if (pick(rng) < 7) {
    const int kind = pick(rng);
    c.previous = kind == 0   ? c.constraints.floor
                 : kind == 1 ? 0.0
                 : kind == 2 ? c.constraints.floor * unit(rng)  // below the floor
                             : unit(rng) * 5000.0;
  }
  return c;
}

// Raw prices as a model might produce them, including garbage.
double random_raw_price(std::mt19937_64& rng, const RandomCase& c) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  switch (std::uniform_int_distribution<int>(0, 15)(rng)) {
    case 0: return kNaN;
    case 1: return kInf;
    case 2: return -kInf;
    case 3: return -unit(rng) * 1000.0;
    case 4: return 1e300;
    case 5: return -1e300;
    case 6: return 1e20 * unit(rng);
    case 7: return 1e-300;
    case 8: return c.constraints.floor;
    case 9: return c.constraints.ceiling.value_or(1e6);
    case 10: return c.previous.value_or(0.0) * (0.5 + unit(rng));
    case 11: return std::round(unit(rng) * 4000.0) / 2.0;  // whole and half dollars
    default: return unit(rng) * 5000.0;
  }
}

}  // namespace

TEST(PriceBounds, FloorAndCeilingWithoutAPrevious) {
  const auto open = price_bounds(make(85.0));
  EXPECT_EQ(open.lo, 85.0);
  EXPECT_EQ(open.hi, kInf);
  const auto closed = price_bounds(make(85.0, 300.0, 0.2));  // no previous: the change limit is idle
  EXPECT_EQ(closed.lo, 85.0);
  EXPECT_EQ(closed.hi, 300.0);
  const auto no_limit = price_bounds(make(85.0, 300.0), 100.0);  // previous without a change limit
  EXPECT_EQ(no_limit.lo, 85.0);
  EXPECT_EQ(no_limit.hi, 300.0);
}

TEST(PriceBounds, TheChangeBandNarrowsTheInterval) {
  const auto inside = price_bounds(make(50.0, 300.0, 0.2), 100.0);
  EXPECT_DOUBLE_EQ(inside.lo, 80.0);
  EXPECT_DOUBLE_EQ(inside.hi, 120.0);
  const auto at_floor = price_bounds(make(95.0, 300.0, 0.2), 100.0);
  EXPECT_EQ(at_floor.lo, 95.0);
  EXPECT_DOUBLE_EQ(at_floor.hi, 120.0);
  const auto at_ceiling = price_bounds(make(50.0, 110.0, 0.2), 100.0);
  EXPECT_DOUBLE_EQ(at_ceiling.lo, 80.0);
  EXPECT_EQ(at_ceiling.hi, 110.0);
  const auto frozen = price_bounds(make(50.0, std::nullopt, 0.0), 100.0);
  EXPECT_EQ(frozen.lo, 100.0);
  EXPECT_EQ(frozen.hi, 100.0);
  const auto unlimited = price_bounds(make(50.0, std::nullopt, kInf), 100.0);
  EXPECT_EQ(unlimited.lo, 50.0);
  EXPECT_EQ(unlimited.hi, kInf);
}

TEST(PriceBounds, AChangeBandThatMissesFloorOrCeilingGivesThatLimit) {
  // Previous far below the floor, 10% allowed: the floor, never below it.
  const auto below = price_bounds(make(100.0, 300.0, 0.1), 50.0);
  EXPECT_EQ(below.lo, 100.0);
  EXPECT_EQ(below.hi, 100.0);
  EXPECT_EQ(enforce_price(55.0, make(100.0, 300.0, 0.1), 50.0), 100.0);
  EXPECT_EQ(enforce_price(kNaN, make(100.0, 300.0, 0.1), 50.0), 100.0);
  EXPECT_EQ(enforce_price(1000.0, make(100.0, 300.0, 0.1), 50.0), 100.0);
  // Previous far above the ceiling.
  const auto above = price_bounds(make(100.0, 300.0, 0.1), 1000.0);
  EXPECT_EQ(above.lo, 300.0);
  EXPECT_EQ(above.hi, 300.0);
  EXPECT_EQ(enforce_price(1000.0, make(100.0, 300.0, 0.1), 1000.0), 300.0);
  // Off-grid limits stay exact: constraints win over rounding.
  EXPECT_EQ(enforce_price(10.0, make(99.5, std::nullopt, 0.1, Rounding::five_dollar), 20.0), 99.5);
}

TEST(PriceBounds, UnusablePreviousPricesAreIgnored) {
  for (double previous : {kNaN, kInf, -kInf, -10.0}) {
    const auto bounds = price_bounds(make(85.0, 300.0, 0.1), previous);
    EXPECT_EQ(bounds.lo, 85.0);
    EXPECT_EQ(bounds.hi, 300.0);
    EXPECT_EQ(enforce_price(kNaN, make(85.0, 300.0, 0.1), previous), 85.0);
  }
}

TEST(PriceBounds, InvalidConstraintsThrowEverywhere) {
  const PriceConstraints invalid[] = {
      make(kNaN), make(-1.0), make(kInf), make(-kInf), make(100.0, 99.0), make(100.0, kNaN),
      make(100.0, std::nullopt, -0.1), make(100.0, 200.0, kNaN),
  };
  for (const auto& constraints : invalid) {
    EXPECT_THROW(price_bounds(constraints), std::invalid_argument);
    EXPECT_THROW(price_bounds(constraints, 150.0), std::invalid_argument);
    EXPECT_THROW(enforce_price(150.0, constraints), std::invalid_argument);
    EXPECT_THROW(price_grid(constraints, 0.0, 500.0, 10), std::invalid_argument);
  }
  try {
    price_bounds(make(100.0, 99.0));
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("ceiling"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(price_bounds(make(0.0, 0.0, 0.0)));
  EXPECT_NO_THROW(price_bounds(make(100.0, kInf, 2.0), 150.0));
}

TEST(PriceEnforce, ClampsThenRounds) {
  EXPECT_EQ(enforce_price(123.4, make(85.0)), 123.0);
  EXPECT_EQ(enforce_price(123.4, make(85.0, std::nullopt, std::nullopt, Rounding::five_dollar)), 125.0);
  EXPECT_EQ(enforce_price(123.4, make(85.0, 124.0, std::nullopt, Rounding::five_dollar)), 120.0);
  EXPECT_EQ(enforce_price(123.4, make(85.0, std::nullopt, std::nullopt, Rounding::charm)), 123.0);
  EXPECT_EQ(enforce_price(123.4, make(85.0, std::nullopt, std::nullopt, Rounding::none)), 123.4);
  EXPECT_EQ(enforce_price(50.0, make(85.0)), 85.0);
  EXPECT_EQ(enforce_price(-50.0, make(0.0)), 0.0);
  EXPECT_EQ(enforce_price(500.0, make(85.0, 300.0)), 300.0);
  EXPECT_EQ(enforce_price(85.2, make(85.2)), 86.0);  // 85 is below the floor
  EXPECT_EQ(enforce_price(150.0, make(50.0, 300.0, 0.2), 100.0), 120.0);
  EXPECT_EQ(enforce_price(90.0, make(50.0, 300.0, 0.2), 100.0), 90.0);
}

TEST(PriceEnforce, NoOpinionHoldsThePreviousPriceOrTheFloor) {
  EXPECT_EQ(enforce_price(kNaN, make(85.0, 300.0)), 85.0);
  EXPECT_EQ(enforce_price(kInf, make(85.0)), 85.0);
  EXPECT_EQ(enforce_price(-kInf, make(85.0, 300.0)), 85.0);
  EXPECT_EQ(enforce_price(kNaN, make(85.0, 300.0, 0.1), 140.0), 140.0);
  EXPECT_EQ(enforce_price(kNaN, make(85.0, 300.0, 0.1), 140.4), 140.0);
  EXPECT_EQ(enforce_price(kInf, make(85.0, 300.0), 500.0), 300.0);
  EXPECT_EQ(enforce_price(kNaN, make(85.0, std::nullopt, std::nullopt, Rounding::charm), 119.987), 119.99);
}

TEST(PriceGrid, GeometricEndsIncludedSortedDistinct) {
  const auto grid = price_grid(make(10.0, 1000.0), 10.0, 1000.0, 5);
  ASSERT_EQ(grid.size(), 5u);
  EXPECT_EQ(grid.front(), 10.0);
  EXPECT_EQ(grid.back(), 1000.0);
  for (std::size_t i = 2; i < grid.size(); ++i) EXPECT_GT(grid[i] - grid[i - 1], grid[i - 1] - grid[i - 2]);
  for (std::size_t i = 1; i < grid.size(); ++i) EXPECT_GT(grid[i], grid[i - 1]);
  // Ratios close to constant: (1001 / 11)^(1/4) ≈ 3.09.
  EXPECT_NEAR(grid[2], std::expm1(0.5 * (std::log1p(10.0) + std::log1p(1000.0))), 0.5);
}

TEST(PriceGrid, ClipsToTheConstraintsAndDeduplicates) {
  const auto clipped = price_grid(make(50.0, 200.0), 0.0, 1e6, 4);
  EXPECT_EQ(clipped.front(), 50.0);
  EXPECT_EQ(clipped.back(), 200.0);
  const auto dense = price_grid(make(100.0, 103.0), 0.0, 1e6, 50);
  EXPECT_EQ(dense, (std::vector<double>{100.0, 101.0, 102.0, 103.0}));
  const auto zero_floor = price_grid(make(0.0), 0.0, 100.0, 20);
  EXPECT_EQ(zero_floor.front(), 0.0);
  EXPECT_EQ(zero_floor.back(), 100.0);
}

TEST(PriceGrid, NeverEmpty) {
  EXPECT_EQ(price_grid(make(100.0, 300.0), 500.0, 800.0, 10), std::vector<double>{300.0});
  EXPECT_EQ(price_grid(make(100.0, 300.0), 0.0, 20.0, 10), std::vector<double>{100.0});
  EXPECT_EQ(price_grid(make(99.5, 99.5), 0.0, 200.0, 10), std::vector<double>{99.5});
  EXPECT_EQ(price_grid(make(10.0), 42.4, 42.4, 10), std::vector<double>{42.0});
  EXPECT_EQ(price_grid(make(10.0), 20.0, 500.0, 1), std::vector<double>{20.0});
  EXPECT_EQ(price_grid(make(10.0, 100.0), -kInf, kInf, 2), (std::vector<double>{10.0, 100.0}));
}

TEST(PriceGrid, InvalidRequestsThrow) {
  EXPECT_THROW(price_grid(make(10.0), 20.0, 500.0, 0), std::invalid_argument);
  EXPECT_THROW(price_grid(make(10.0), 500.0, 20.0, 10), std::invalid_argument);
  EXPECT_THROW(price_grid(make(10.0), kNaN, 20.0, 10), std::invalid_argument);
  EXPECT_THROW(price_grid(make(10.0), 10.0, kNaN, 10), std::invalid_argument);
  EXPECT_THROW(price_grid(make(10.0), 10.0, kInf, 10), std::invalid_argument);  // no ceiling
}

TEST(PriceEnforce, RandomInputsNeverBreakTheConstraints) {
  std::mt19937_64 rng(0x5ea75c);
  int conflicts = 0, banded = 0, off_grid = 0, huge = 0;
  for (int i = 0; i < 60000; ++i) {
    const RandomCase c = random_case(rng);
    const double raw = random_raw_price(rng, c);
    const double price = enforce_price(raw, c.constraints, c.previous);
    const auto& k = c.constraints;
    const std::string what = fmt::format("raw {} floor {} ceiling {} change {} previous {} rounding {}", raw, k.floor,
                                         k.ceiling.value_or(kInf), k.max_change.value_or(kNaN),
                                         c.previous.value_or(kNaN), to_string(k.rounding));

    ASSERT_TRUE(std::isfinite(price)) << what;
    ASSERT_GE(price, 0.0) << what;
    ASSERT_GE(price, k.floor) << what;
    if (k.ceiling) {
      ASSERT_LE(price, *k.ceiling) << what;
    }
    if (k.max_change && c.previous) {
      double band_lo = *c.previous * (1.0 - *k.max_change), band_hi = *c.previous * (1.0 + *k.max_change);
      // One rounding step is always allowed (see PriceBounds), except under a zero limit.
      if (*k.max_change > 0 && k.rounding != Rounding::none && *c.previous <= 1e12) {
        band_lo = std::min(band_lo, grid_neighbour(*c.previous, k.rounding, false));
        band_hi = std::max(band_hi, grid_neighbour(*c.previous, k.rounding, true));
      }
      if (band_hi >= k.floor && band_lo <= k.ceiling.value_or(kInf)) {
        ASSERT_GE(price, band_lo) << what;
        ASSERT_LE(price, band_hi) << what;
        ++banded;
      } else {  // moves towards compliance: to the limit on the band's side
        ASSERT_EQ(price, band_hi < k.floor ? k.floor : *k.ceiling) << what;
        ++conflicts;
      }
    }
    const PriceBounds bounds = price_bounds(k, c.previous);
    ASSERT_TRUE(price >= bounds.lo && price <= bounds.hi) << what;
    if (price > 1e12) {  // documented: not rounded, and only a huge input or previous gets here
      ASSERT_TRUE(raw > 1e12 || c.previous.value_or(0.0) > 1e12) << what;
      ++huge;
    } else if (grid_value_inside(bounds.lo, bounds.hi, k.rounding)) {
      ASSERT_TRUE(on_grid(price, k.rounding)) << what;
    } else {
      ++off_grid;
    }
    ASSERT_EQ(enforce_price(price, k, c.previous), price) << what;  // valid prices are left alone
  }
  EXPECT_GT(conflicts, 1000);
  EXPECT_GT(banded, 5000);
  EXPECT_GT(off_grid, 500);
  EXPECT_GT(huge, 100);
}

TEST(PriceGrid, RandomGridsSatisfyTheConstraints) {
  std::mt19937_64 rng(0x9e1d);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int i = 0; i < 10000; ++i) {
    RandomCase c = random_case(rng);
    if (!c.constraints.ceiling && unit(rng) < 0.5) c.constraints.ceiling = c.constraints.floor + unit(rng) * 3000.0;
    const double lo = unit(rng) * 3000.0 - 200.0;
    const double hi = lo + (unit(rng) < 0.1 ? 0.0 : unit(rng) * 3000.0);
    const int points = std::uniform_int_distribution<int>(1, 60)(rng);
    const auto grid = price_grid(c.constraints, lo, hi, points);
    const std::string what = fmt::format("[{}, {}] x{} floor {} ceiling {} rounding {}", lo, hi, points,
                                         c.constraints.floor, c.constraints.ceiling.value_or(kInf),
                                         to_string(c.constraints.rounding));

    ASSERT_FALSE(grid.empty()) << what;
    ASSERT_LE(grid.size(), static_cast<std::size_t>(points)) << what;
    const PriceBounds valid = price_bounds(c.constraints);
    const bool rounded = grid_value_inside(valid.lo, valid.hi, c.constraints.rounding);
    for (std::size_t j = 0; j < grid.size(); ++j) {
      ASSERT_TRUE(std::isfinite(grid[j])) << what;
      ASSERT_TRUE(grid[j] >= valid.lo && grid[j] <= valid.hi) << what;
      if (rounded) {
        ASSERT_TRUE(on_grid(grid[j], c.constraints.rounding)) << what;
      }
      if (j > 0) {
        ASSERT_GT(grid[j], grid[j - 1]) << what;
      }
    }
  }
}
