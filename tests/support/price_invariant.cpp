#include "price_invariant.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

namespace seatsync::test {
namespace {

double tolerance(double x) { return 1e-9 + 1e-12 * std::abs(x); }

}  // namespace

std::string price_violation(double price, const PriceConstraints& c, std::optional<double> in_force) {
  if (!std::isfinite(price)) return fmt::format("price {} is not finite", price);
  if (price < 0) return fmt::format("price {} is negative", price);
  if (price < c.floor - tolerance(c.floor)) return fmt::format("price {} is below the floor {}", price, c.floor);
  if (c.ceiling && price > *c.ceiling + tolerance(*c.ceiling))
    return fmt::format("price {} is above the ceiling {}", price, *c.ceiling);
  if (!c.max_change || !std::isfinite(*c.max_change) || !in_force || !std::isfinite(*in_force) || *in_force < 0)
    return {};
  const double p0 = *in_force, m = *c.max_change;
  double lo = p0 * (1 - m), hi = p0 * (1 + m);
  if (m > 0) {  // one rounding step is always allowed (the step is the library's definition of the grid)
    if (const auto up = next_grid_value(p0, c.rounding, true)) hi = std::max(hi, *up);
    if (const auto down = next_grid_value(p0, c.rounding, false)) lo = std::min(lo, *down);
  }
  const double ceiling = c.ceiling.value_or(INFINITY);
  if (hi < c.floor) {  // the band lies below the floor: the floor itself
    if (std::abs(price - c.floor) > tolerance(c.floor))
      return fmt::format("price {}: the change band [{}, {}] around {} lies below the floor {}, so the price must be the floor",
                         price, lo, hi, p0, c.floor);
    return {};
  }
  if (lo > ceiling) {
    if (std::abs(price - ceiling) > tolerance(ceiling))
      return fmt::format("price {}: the change band [{}, {}] around {} lies above the ceiling {}, so the price must be the ceiling",
                         price, lo, hi, p0, ceiling);
    return {};
  }
  if (price < lo - tolerance(lo) || price > hi + tolerance(hi))
    return fmt::format("price {} is past the change limit {} of the price in force {} (allowed [{}, {}])", price, m, p0,
                       lo, hi);
  return {};
}

double invariant_scale() {
  const char* text = std::getenv("SEATSYNC_INVARIANT_SCALE");
  if (!text || !*text) return 1.0;
  char* end = nullptr;
  const double scale = std::strtod(text, &end);
  if (*end != '\0' || !(scale > 0) || !std::isfinite(scale)) return 1.0;
  return scale;
}

int scaled_cases(int cases) { return std::max(1, static_cast<int>(std::lround(cases * invariant_scale()))); }

}  // namespace seatsync::test
