// The change-limited DP's price grid: chains of the largest allowed moves from the price in force,
// so the largest move the constraints allow is one the DP can make (a grid whose spacing did not
// divide the limit let it climb by as little as half the limit per bucket, and a held price beat
// the "oracle").
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "plan/code_policies.hpp"

using namespace seatsync;

TEST(LimitedPriceGrid, TheLargestAllowedMoveIsOnTheGrid) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  for (int k = 0; k < 300; ++k) {
    PriceConstraints c;
    c.floor = std::round(5 + 200 * u(rng));
    c.ceiling = c.floor * (1.5 + 6 * u(rng));
    c.max_change = 0.02 + 0.4 * u(rng);
    c.rounding = u(rng) < 0.5 ? Rounding::whole_dollar : Rounding::none;
    const double in_force = c.floor + (*c.ceiling - c.floor) * u(rng);
    const auto grid = limited_price_grid(c, c.floor, *c.ceiling, 2 + static_cast<int>(rng() % 40), in_force);
    const auto reachable = reachable_prices(grid, c);
    ASSERT_TRUE(std::is_sorted(grid.begin(), grid.end()));
    ASSERT_NE(std::find(grid.begin(), grid.end(), enforce_price(in_force, c)), grid.end());
    for (std::size_t j = 0; j < grid.size(); ++j) {
      ASSERT_TRUE(price_bounds(c).contains(grid[j]));
      // Every move counted as reachable is one the constraints allow, exactly.
      for (std::size_t r : reachable[j]) EXPECT_TRUE(price_bounds(c, grid[j]).contains(grid[r]));
    }
    // Climbing from the price in force, every step is the band's top (or the ceiling), up to one
    // rounding step (the highest whole dollar inside it): the DP can ramp as fast as the limit allows.
    const double kDollarRounding = 1.0 + 1e-9;
    std::size_t j = static_cast<std::size_t>(std::find(grid.begin(), grid.end(), enforce_price(in_force, c)) - grid.begin());
    for (int step = 0; step < 200 && j + 1 < grid.size(); ++step) {
      std::size_t next = j;
      for (std::size_t r : reachable[j])
        if (grid[r] > grid[next]) next = r;
      const double band_top = std::min(*c.ceiling, grid[j] * (1 + *c.max_change));
      ASSERT_GE(grid[next], band_top - (c.rounding == Rounding::whole_dollar ? kDollarRounding : 1e-6 * band_top))
          << "from " << grid[j] << " limit " << *c.max_change;
      ASSERT_GT(next, j);
      j = next;
    }
  }
}
