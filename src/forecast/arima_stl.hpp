#pragma once
// STL: seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae & Terpenning 1990),
// the inner loop only (no robustness weights), as R's stl(robust = FALSE) with s.degree 0: the
// decomposition R's forecast::nsdiffs reads the seasonal strength from (via mstl).
#include <span>
#include <vector>

namespace seatsync::forecast_detail {

struct StlDecomposition {
  std::vector<double> seasonal, trend, remainder;
};

// Windows as R's stl defaults for s.window = `seasonal_window` (odd, ≥ 3): trend window the odd
// number ≥ 1.5m / (1 − 1.5 / s.window), low-pass window the odd number ≥ m; two inner passes.
// std::invalid_argument when m < 2 or the series is shorter than two seasons.
StlDecomposition stl_decompose(std::span<const double> x, int m, int seasonal_window = 11);

}  // namespace seatsync::forecast_detail
