// The price grid and transitions of the change-limited DP, and reading its table as a policy.
#include <algorithm>
#include <cmath>

#include "code_policies.hpp"

namespace seatsync {

std::vector<double> limited_price_grid(const PriceConstraints& c, double lo, double hi, int points,
                                       std::optional<double> in_force) {
  int n = points;
  if (c.max_change && *c.max_change > 0 && std::isfinite(*c.max_change) && hi > lo) {
    // price_grid steps geometrically in (price + 1): a ratio of at most 1 + max_change / 2, so
    // that rounding the points cannot open a gap wider than the limit.
    const double needed = std::log1p(hi) - std::log1p(std::max(lo, 0.0));
    n = std::max(n, static_cast<int>(std::ceil(2 * needed / std::log1p(*c.max_change))) + 1);
  }
  auto grid = price_grid(c, lo, hi, std::min(n, kMaxLimitedGridPoints));
  if (in_force && std::isfinite(*in_force)) grid.push_back(enforce_price(*in_force, c));
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

std::vector<std::vector<std::size_t>> reachable_prices(const std::vector<double>& grid, const PriceConstraints& c) {
  std::vector<std::vector<std::size_t>> out(grid.size());
  for (std::size_t j = 0; j < grid.size(); ++j) {
    const PriceBounds bounds = price_bounds(c, grid[j]);
    for (std::size_t k = 0; k < grid.size(); ++k)
      if (bounds.contains(grid[k])) out[j].push_back(k);
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
