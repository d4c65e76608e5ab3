#pragma once
// Classical seasonal decomposition (a centred moving average for the trend, the mean detrended
// value per season position for the season; R's stats::decompose). ETS takes its initial
// seasonal states from it and Theta deseasonalises with it.
#include <span>
#include <vector>

namespace seatsync::forecast_detail {

// The seasonal component, one value per input value (position i uses figure[i mod m]); the
// figure is normalised to sum 0 (additive) or to mean 1 (multiplicative). Needs at least two
// full seasons (std::invalid_argument otherwise) and, for multiplicative, a positive trend.
std::vector<double> classical_seasonal(std::span<const double> y, int m, bool multiplicative);

}  // namespace seatsync::forecast_detail
