#pragma once
// The sample quantile every summary of the project uses: type 7 of Hyndman & Fan (1996), linear
// between order statistics — R's quantile() and numpy's default, so numbers check against both.
#include <span>

namespace seatsync {

// Of values sorted ascending, at probability p ∈ [0, 1]; NaN when there are none.
double sorted_quantile(std::span<const double> sorted, double p);

}  // namespace seatsync
