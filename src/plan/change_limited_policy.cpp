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
  // Chains of the largest allowed moves: from the price in force (and from k − 1 points between
  // it and one full move up, k ≥ 2, so that smaller moves are on the grid too), each step up is
  // the highest valid price the change limit allows from the last, and each step down the
  // lowest. So the DP can always make the largest move exactly, rounding included. A grid whose
  // spacing did not divide the limit (geometric in price + 1, as before) let the DP climb only by
  // the largest whole number of steps inside the band — as little as half the limit per bucket,
  // which compounds where prices must rise far (a market that will pay twice history's prices).
  const double limit = std::log1p(*c.max_change);
  const double natural = (std::log(hi) - std::log(lo)) / std::max(points - 1, 1);
  const int k = std::max(2, static_cast<int>(std::ceil(limit / natural - 1e-9)));
  const PriceBounds valid = price_bounds(c);
  const double from = round_within(std::clamp(lo, valid.lo, valid.hi), c.rounding, valid);
  const double to = round_within(std::clamp(hi, valid.lo, valid.hi), c.rounding, valid);
  const double start = anchor ? std::clamp(*anchor, from, to) : from;
  std::vector<double> grid = {from, to};
  if (anchor) grid.push_back(*anchor);
  for (int i = 0; i < k && grid.size() < kMaxLimitedGridPoints; ++i) {
    const double first = round_within(start * std::exp(limit * i / k), c.rounding, {from, to});
    grid.push_back(first);
    for (double x = first; x < to && grid.size() < kMaxLimitedGridPoints;) {
      const PriceBounds band = price_bounds(c, x);
      const double next = round_within(std::min(band.hi, to), c.rounding, {x, std::min(band.hi, to)});
      if (!(next > x)) break;
      grid.push_back(x = next);
    }
    for (double x = first; x > from && grid.size() < kMaxLimitedGridPoints;) {
      const PriceBounds band = price_bounds(c, x);
      const double next = round_within(std::max(band.lo, from), c.rounding, {std::max(band.lo, from), x});
      if (!(next < x)) break;
      grid.push_back(x = next);
    }
  }
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
