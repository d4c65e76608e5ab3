#pragma once
// How many differences a series needs, as R's forecast::ndiffs and nsdiffs decide it: ordinary
// differences by repeated KPSS tests of level stationarity, the seasonal difference by the
// strength of the seasonal component (Wang, Smith & Hyndman 2006) in an STL decomposition — R's
// default "seas" test (seas.heuristic on mstl, s.window 11).
#include <span>

namespace seatsync::forecast_detail {

// The KPSS statistic for level stationarity (Kwiatkowski, Phillips, Schmidt & Shin 1992):
// Σ S_t² / (n² s²(l)) with S_t the partial sums of the demeaned series and s²(l) the
// Newey–West long-run variance with Bartlett weights over `lags` lags.
double kpss_statistic(std::span<const double> x, int lags);
// The lag R's ndiffs passes to urca::ur.kpss: ⌊3√n / 13⌋.
int kpss_lags(std::size_t n);
// KPSS's critical value (level case, KPSS Table 1) at 0.10, 0.05, 0.025 or 0.01.
double kpss_critical_value(double alpha);

// d ≤ max_d: difference while KPSS rejects stationarity at `alpha` (and the series is not constant).
int ordinary_differences(std::span<const double> x, double alpha = 0.05, int max_d = 2);

// F_s = max(0, 1 − var(remainder) / var(seasonal + remainder)); 0 when the series is shorter
// than two seasons or m ≤ 1.
double seasonal_strength(std::span<const double> x, int m);
// D = 1 when the seasonal strength exceeds 0.64 (R's seas.heuristic threshold), else 0.
int seasonal_differences(std::span<const double> x, int m);

}  // namespace seatsync::forecast_detail
