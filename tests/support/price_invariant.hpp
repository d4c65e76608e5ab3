#pragma once
// The product's first invariant as a test oracle (issue 19, section 4): what a price emitted
// under given constraints, with a given price in force, may be. Written from the contract in
// price_constraints.hpp rather than by calling price_bounds(), so that a bug there shows here.
#include <optional>
#include <string>

#include "seatsync/price_constraints.hpp"

namespace seatsync::test {

// Empty when `price` keeps its constraints, else what it breaks (for a failure message):
//  - finite and >= 0, >= floor, <= ceiling (when there is one), always;
//  - with a change limit m (finite) and a price in force p0 that is an anchor (finite, >= 0):
//    within [p0 (1 − m), p0 (1 + m)], widened to p0's neighbouring rounding-grid values when
//    m > 0 (the one-step rule). When that band misses [floor, ceiling] — a price in force
//    outside its own bounds — floor and ceiling win: the price is the bound on the band's side
//    (floor when the band lies below it, ceiling when above), i.e. as close to compliance as the
//    limit allows and never outside [floor, ceiling].
//  - a price in force that is no anchor (NaN, infinite, negative) is ignored.
// Comparisons allow 1e-9 + 1e-12 × |value| (the library's prices are rounded doubles).
std::string price_violation(double price, const PriceConstraints& constraints,
                            std::optional<double> in_force = std::nullopt);

// The multiplier SEATSYNC_INVARIANT_SCALE puts on the scale tests' case counts (default 1; the
// sanitizer build runs with e.g. 0.1), and a count scaled by it (at least 1).
double invariant_scale();
int scaled_cases(int cases);

}  // namespace seatsync::test
