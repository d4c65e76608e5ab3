// The price grid and transitions of the change-limited DP, and reading its table as a policy.
#include <algorithm>
#include <cmath>

#include "code_policies.hpp"

namespace seatsync {

std::vector<double> limited_price_grid(const PriceConstraints& c, double lo, double hi, int points,
                                       std::optional<double> in_force) {
  const bool limited = c.max_change && *c.max_change > 0 && std::isfinite(*c.max_change) && hi > lo && lo > 0;
  std::optional<double> anchor;
  if (in_force && std::isfinite(*in_force)) anchor = enforce_price(*in_force, c);
  if (!limited) {
    auto grid = price_grid(c, lo, hi, points);
    if (anchor) grid.push_back(*anchor);
    std::sort(grid.begin(), grid.end());
    grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
    return grid;
  }
  // A lattice in log(price) through the price in force whose step divides the change limit:
  // k steps up are exactly the largest move allowed (k ≥ 2 so that rounding cannot open a gap
  // wider than the limit). A grid whose spacing did not divide the limit would let the DP climb
  // only by the largest whole number of steps inside it — as little as half the limit per bucket,
  // which compounds where prices must rise far (a market that will pay twice history's prices).
  const double limit = std::log1p(*c.max_change);
  const double natural = (std::log(hi) - std::log(lo)) / std::max(points - 1, 1);
  int k = std::max(2, static_cast<int>(std::ceil(limit / natural - 1e-9)));
  while (k > 2 && (std::log(hi) - std::log(lo)) / (limit / k) + 3 > kMaxLimitedGridPoints) --k;
  const double step = limit / k;
  const PriceBounds valid = price_bounds(c);
  const double from = std::clamp(lo, valid.lo, valid.hi), to = std::clamp(hi, valid.lo, valid.hi);
  const double centre = std::log(anchor ? std::clamp(*anchor, from, to) : from);
  std::vector<double> grid = {round_within(from, c.rounding, valid), round_within(to, c.rounding, valid)};
  if (anchor) grid.push_back(*anchor);
  for (int j = 1; centre + j * step < std::log(to) && grid.size() < kMaxLimitedGridPoints; ++j)
    grid.push_back(round_within(std::exp(centre + j * step), c.rounding, valid));
  for (int j = 1; centre - j * step > std::log(from) && grid.size() < kMaxLimitedGridPoints; ++j)
    grid.push_back(round_within(std::exp(centre - j * step), c.rounding, valid));
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

std::vector<std::vector<std::size_t>> reachable_prices(const std::vector<double>& grid, const PriceConstraints& c) {
  std::vector<std::vector<std::size_t>> out(grid.size());
  for (std::size_t j = 0; j < grid.size(); ++j) {
    const PriceBounds bounds = price_bounds(c, grid[j]);
    // The lattice puts the largest move at the band's edge, where rounding both ends of it to
    // the nearest step may land up to two steps outside: the DP counts it as reachable, and the
    // price it sets is made valid (at most two rounding steps lower) before it is emitted.
    const auto up = next_grid_value(bounds.hi, c.rounding, true), down = next_grid_value(bounds.hi, c.rounding, false);
    const double slack = std::max(1e-9 * bounds.hi, up && down ? 2 * (*up - *down) : 0.0);
    for (std::size_t k = 0; k < grid.size(); ++k)
      if (bounds.contains(grid[k]) || (grid[k] > bounds.hi && grid[k] <= bounds.hi + slack && grid[k] <= c.ceiling.value_or(grid[k])))
        out[j].push_back(k);
    if (out[j].empty()) out[j].push_back(j);  // a grid price is always valid from itself
  }
  return out;
}

std::size_t ChangeLimitedCodePolicy::state_of(std::optional<double> previous) const {
  const auto& prices = policy_.prices();
  if (!previous || !std::isfinite(*previous) || prices.empty()) return policy_.free_state();
  std::size_t nearest = 0;
  for (std::size_t k = 0; k < prices.size(); ++k) {
    if (prices[k] == *previous) return k;
    if (std::abs(prices[k] - *previous) < std::abs(prices[nearest] - *previous)) nearest = k;
  }
  return nearest;
}

double expected_sales(const std::vector<double>& pmf, int seats) {
  double e = 0;
  for (std::size_t d = 0; d < pmf.size(); ++d) e += pmf[d] * std::min<double>(static_cast<double>(d), seats);
  return e;
}

}  // namespace seatsync
