// The price bounds implied by floor, ceiling and change limit, and the two ways prices are
// forced into them: one recommended price (enforce_price) and an optimiser's candidate grid.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "seatsync/price_constraints.hpp"

namespace seatsync {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Checked here rather than at configuration load so that no caller can skip it.
void validate(const PriceConstraints& constraints) {
  if (!std::isfinite(constraints.floor) || constraints.floor < 0.0)
    throw std::invalid_argument(
        fmt::format("price constraints: the floor must be a finite price >= 0, got {}", constraints.floor));
  if (constraints.ceiling && !(*constraints.ceiling >= constraints.floor))
    throw std::invalid_argument(fmt::format("price constraints: the ceiling must be a price >= the floor ({}), got {}",
                                            constraints.floor, *constraints.ceiling));
  if (constraints.max_change && !(*constraints.max_change >= 0.0))
    throw std::invalid_argument(fmt::format(
        "price constraints: the maximum change must be a fraction >= 0, got {}", *constraints.max_change));
}

// A previous price the change limit can be measured from.
bool is_anchor(std::optional<double> previous) { return previous && std::isfinite(*previous) && *previous >= 0.0; }

}  // namespace

PriceBounds price_bounds(const PriceConstraints& constraints, std::optional<double> previous) {
  validate(constraints);
  const double floor = constraints.floor;
  const double ceiling = constraints.ceiling.value_or(kInfinity);
  const auto& max_change = constraints.max_change;
  if (!max_change || std::isinf(*max_change) || !is_anchor(previous)) return {floor, ceiling};

  double band_lo = *previous * (1.0 - *max_change);
  double band_hi = *previous * (1.0 + *max_change);
  // A band narrower than the rounding step would hold only the previous price, and the price
  // could never move again however far its target: one step to the neighbouring grid value on
  // either side is always allowed (a zero limit means "never change" and is left alone).
  if (*max_change > 0.0) {
    if (const auto up = next_grid_value(*previous, constraints.rounding, true)) band_hi = std::max(band_hi, *up);
    if (const auto down = next_grid_value(*previous, constraints.rounding, false)) band_lo = std::min(band_lo, *down);
  }
  // A band that misses [floor, ceiling]: the hard limit on its side wins.
  if (band_hi < floor) return {floor, floor};
  if (band_lo > ceiling) return {ceiling, ceiling};
  return {std::max(floor, band_lo), std::min(ceiling, band_hi)};
}

double enforce_price(double price, const PriceConstraints& constraints, std::optional<double> previous) {
  const PriceBounds bounds = price_bounds(constraints, previous);
  // No opinion: hold the previous price as far as the bounds allow, else start at the floor.
  const double wanted = std::isfinite(price) ? price : is_anchor(previous) ? *previous : constraints.floor;
  // bounds.lo is finite and wanted is finite, so the result is finite and inside the bounds.
  return round_within(wanted, constraints.rounding, bounds);
}

std::vector<double> price_grid(const PriceConstraints& constraints, double lo, double hi, int points) {
  if (points < 1) throw std::invalid_argument(fmt::format("price_grid: needs at least 1 point, got {}", points));
  if (!(lo <= hi)) throw std::invalid_argument(fmt::format("price_grid: the range [{}, {}] is empty", lo, hi));
  const PriceBounds valid = price_bounds(constraints);
  const double from = std::clamp(lo, valid.lo, valid.hi);
  const double to = std::clamp(hi, valid.lo, valid.hi);
  if (!std::isfinite(to))
    throw std::invalid_argument("price_grid: an unbounded range needs a finite hi or a ceiling");

  // Demand responds to relative price steps, so the grid is finer at low prices: equal steps
  // in log(price + 1), where the + 1 keeps a zero floor usable.
  const double log_from = std::log1p(from);
  const double log_to = std::log1p(to);
  std::vector<double> grid;
  grid.reserve(static_cast<std::size_t>(points));
  for (int i = 0; i < points; ++i) {
    double raw = from;  // the ends exactly, not via exp(log(·))
    if (i == points - 1 && points > 1) raw = to;
    else if (i > 0) raw = std::expm1(log_from + (log_to - log_from) * i / (points - 1));
    grid.push_back(round_within(raw, constraints.rounding, valid));
  }
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

}  // namespace seatsync
