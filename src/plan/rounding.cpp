// Rounding grids, and rounding a price without leaving its bounds.
//
// Every grid is a lattice of integer "ticks" (cents for charm prices, dollars otherwise) with
// a repeating pattern of allowed offsets. Grid values are made by dividing an integer tick
// count, never by adding fractions, so 119.99 comes out as the same double that the literal
// 119.99 is — and prints that way.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <span>
#include <stdexcept>

#include <fmt/format.h>

#include "seatsync/price_constraints.hpp"

namespace seatsync {
namespace {

// Above this no price is rounded: it is beyond any ticket, and its cent count must stay far
// inside the 2^53 integers a double holds exactly for the tick arithmetic to be exact.
constexpr double kLargestRoundedPrice = 1e12;

constexpr std::int64_t kOnlyZero[] = {0};
constexpr std::int64_t kCharmCents[] = {0, 95, 99};  // x.00, x.95, x.99

struct Grid {
  double ticks_per_dollar = 1.0;
  std::int64_t period = 1;                 // in ticks
  std::span<const std::int64_t> offsets;   // allowed tick offsets within a period, ascending, first 0
};

Grid grid_of(Rounding rounding) {
  switch (rounding) {
    case Rounding::five_dollar: return {1.0, 5, kOnlyZero};
    case Rounding::charm: return {100.0, 100, kCharmCents};
    case Rounding::whole_dollar:
    case Rounding::none: break;  // `none` never reaches a grid
  }
  return {1.0, 1, kOnlyZero};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && a < 0) ? q - 1 : q;
}

std::int64_t tick_at_or_below(const Grid& grid, std::int64_t tick) {
  const std::int64_t period_start = floor_div(tick, grid.period) * grid.period;
  std::int64_t best = 0;
  for (std::int64_t offset : grid.offsets)
    if (period_start + offset <= tick) best = offset;
  return period_start + best;
}

std::int64_t tick_at_or_above(const Grid& grid, std::int64_t tick) {
  const std::int64_t period_start = floor_div(tick, grid.period) * grid.period;
  for (std::int64_t offset : grid.offsets)
    if (period_start + offset >= tick) return period_start + offset;
  return period_start + grid.period + grid.offsets.front();
}

double value_of(const Grid& grid, std::int64_t tick) { return static_cast<double>(tick) / grid.ticks_per_dollar; }

// The largest grid value <= price. price × ticks_per_dollar is itself rounded, so the tick
// guessed from it may be one off: start safely above and step down until the value, as the
// double it will be returned as, really is <= price.
double grid_value_at_or_below(const Grid& grid, double price) {
  const auto guess = static_cast<std::int64_t>(std::floor(price * grid.ticks_per_dollar));
  std::int64_t tick = tick_at_or_below(grid, guess + 2);
  while (value_of(grid, tick) > price) tick = tick_at_or_below(grid, tick - 1);
  return value_of(grid, tick);
}

// The smallest grid value >= price (the mirror image).
double grid_value_at_or_above(const Grid& grid, double price) {
  const auto guess = static_cast<std::int64_t>(std::ceil(price * grid.ticks_per_dollar));
  std::int64_t tick = tick_at_or_above(grid, guess - 2);
  while (value_of(grid, tick) < price) tick = tick_at_or_above(grid, tick + 1);
  return value_of(grid, tick);
}

}  // namespace

std::optional<Rounding> parse_rounding(std::string_view name) {
  if (name == "none") return Rounding::none;
  if (name == "dollar") return Rounding::whole_dollar;
  if (name == "five") return Rounding::five_dollar;
  if (name == "charm") return Rounding::charm;
  return std::nullopt;
}

std::string_view to_string(Rounding rounding) {
  switch (rounding) {
    case Rounding::none: return "none";
    case Rounding::whole_dollar: return "dollar";
    case Rounding::five_dollar: return "five";
    case Rounding::charm: return "charm";
  }
  return "unknown";
}

std::optional<double> next_grid_value(double price, Rounding rounding, bool up) {
  if (rounding == Rounding::none || !(std::abs(price) <= kLargestRoundedPrice)) return std::nullopt;
  const Grid grid = grid_of(rounding);
  return up ? grid_value_at_or_above(grid, std::nextafter(price, kLargestRoundedPrice * 2))
            : grid_value_at_or_below(grid, std::nextafter(price, -kLargestRoundedPrice * 2));
}

double round_within(double price, Rounding rounding, PriceBounds bounds) {
  if (!(bounds.lo <= bounds.hi))  // also catches NaN
    throw std::invalid_argument(fmt::format("round_within: the bounds [{}, {}] are empty", bounds.lo, bounds.hi));
  const double clamped = std::isnan(price) ? bounds.lo : std::clamp(price, bounds.lo, bounds.hi);
  if (rounding == Rounding::none || !(std::abs(clamped) <= kLargestRoundedPrice)) return clamped;

  const Grid grid = grid_of(rounding);
  const double below = grid_value_at_or_below(grid, clamped);
  const double above = grid_value_at_or_above(grid, clamped);
  const bool below_inside = below >= bounds.lo;
  const bool above_inside = above <= bounds.hi;
  if (below_inside && above_inside) return clamped - below < above - clamped ? below : above;
  if (below_inside) return below;
  if (above_inside) return above;
  // No grid value between the bounds: constraints win over rounding.
  return clamped - bounds.lo < bounds.hi - clamped ? bounds.lo : bounds.hi;
}

}  // namespace seatsync
