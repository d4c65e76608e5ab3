#pragma once
// Random inputs for the price-invariant property tests: constraints, prices in force and
// targets, weighted towards the edges (floor == ceiling, zero floor, a zero, tiny, huge or
// infinite change limit, a price in force outside its bounds, NaN, negative) — the cases a
// person writing examples by hand forgets.
#include <cmath>
#include <limits>
#include <optional>
#include <random>

#include "seatsync/price_constraints.hpp"

namespace seatsync::test {

class RandomPriceInputs {
 public:
  explicit RandomPriceInputs(std::uint64_t seed) : rng_(seed) {}
  std::mt19937_64& rng() { return rng_; }
  double unit() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }
  bool chance(double p) { return unit() < p; }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double cents(double x) { return std::round(x * 100.0) / 100.0; }

  PriceConstraints constraints() {
    PriceConstraints c;
    const double f = unit();
    c.floor = f < 0.1 ? 0.0 : f < 0.2 ? cents(0.01 + 5 * unit()) : f < 0.97 ? cents(5 + 300 * unit()) : 1e5 + 1e7 * unit();
    const double g = unit();
    if (g < 0.15) c.ceiling.reset();
    else if (g < 0.25) c.ceiling = c.floor;                        // floor == ceiling
    else if (g < 0.35) c.ceiling = c.floor + 0.001 + unit();       // narrower than a rounding step
    else c.ceiling = cents(c.floor * (1 + 5 * unit()) + 1 + 50 * unit());
    const double m = unit();
    if (m < 0.25) c.max_change.reset();
    else if (m < 0.30) c.max_change = 0.0;  // never change
    else if (m < 0.35) c.max_change = std::numeric_limits<double>::infinity();
    else if (m < 0.50) c.max_change = 0.0005 + 0.02 * unit();
    else if (m < 0.95) c.max_change = 0.02 + 0.5 * unit();
    else c.max_change = 1 + 4 * unit();
    constexpr Rounding modes[] = {Rounding::none, Rounding::whole_dollar, Rounding::five_dollar, Rounding::charm};
    c.rounding = modes[rng_() % 4];
    return c;
  }

  // A price in force: usually valid, often outside the bounds, sometimes no anchor at all.
  std::optional<double> in_force(const PriceConstraints& c) {
    const double top = c.ceiling.value_or(c.floor * 3 + 100);
    const double r = unit();
    if (r < 0.08) return std::nullopt;
    if (r < 0.10) return std::numeric_limits<double>::quiet_NaN();
    if (r < 0.11) return std::numeric_limits<double>::infinity();
    if (r < 0.13) return -1 - 100 * unit();
    if (r < 0.15) return 0.0;
    if (r < 0.18) return c.floor;
    if (r < 0.21) return top;
    if (r < 0.32) return c.floor * unit();                 // below the floor
    if (r < 0.43) return top * (1 + 3 * unit()) + 0.01;    // above the ceiling
    if (r < 0.70) return cents(c.floor + (top - c.floor) * unit());
    return enforce_price(c.floor + (top - c.floor) * unit(), c);  // a price the library emitted
  }

  // A strategy's or optimiser's wish, before the constraints.
  double target(const PriceConstraints& c) {
    const double top = c.ceiling.value_or(c.floor * 3 + 100);
    const double r = unit();
    if (r < 0.03) return std::numeric_limits<double>::quiet_NaN();
    if (r < 0.05) return std::numeric_limits<double>::infinity();
    if (r < 0.06) return -std::numeric_limits<double>::infinity();
    if (r < 0.10) return -1000 * unit();
    if (r < 0.12) return 0.0;
    if (r < 0.14) return 1e15 * unit();
    return 2 * top * unit();
  }

 private:
  std::mt19937_64 rng_;
};

}  // namespace seatsync::test
