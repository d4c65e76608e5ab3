#pragma once
// Two short series shared by the ARIMA and unit-root tests, with the statsmodels numbers the
// tests compare against computed on exactly these values.
#include <vector>

namespace seatsync::forecast_detail {

// Simulated with numpy's default_rng(14), rounded to 2 decimals: series A is 10 + an ARMA(1,1)
// (φ 0.6, θ 0.3); series B is 50 + a quarterly pattern (3, −3, 6, −6) + an airline model
// (0,1,1)(0,1,1)[4] (θ −0.4, Θ −0.6). The tests' reference numbers are statsmodels' on exactly
// these values (/usr/bin/python3, Debian's statsmodels 0.13.5).
inline const std::vector<double> kSeriesA = {
    10.66, 10.25, 10.57, 11.54, 10.63, 10.76, 11.06, 9.24,  8.05,  8.96,  8.33,  7.42,  8.98,  9.94,  9.82,
    9.92,  9.58,  9.09,  8.83,  9.55,  11.17, 10.63, 10.17, 9.86,  8.59,  9.03,  10.36, 9.63,  10.36, 9.89,
    10.92, 12.11, 11.25, 8.63,  8.23,  7.44,  6.73,  7.39,  9.72,  10.15, 9.84,  7.99,  7.63,  7.00,  8.30,
    8.61,  8.96,  9.35,  9.42,  10.55, 11.10, 10.49, 10.35, 10.81, 12.02, 11.75, 12.54, 11.36, 10.41, 8.69};
inline const std::vector<double> kSeriesB = {
    53.82, 46.46, 54.84, 44.10, 52.56, 45.47, 55.48, 43.41, 53.39, 45.86, 56.00, 45.06, 54.09, 48.79, 57.28,
    45.82, 55.22, 49.83, 58.31, 46.56, 56.29, 51.46, 59.43, 46.76, 56.62, 51.78, 59.51, 47.85, 55.56, 51.08,
    59.38, 48.10, 57.02, 52.73, 59.67, 49.09, 56.06, 51.45, 60.51, 49.71, 55.63, 52.31, 59.90, 48.25, 56.01,
    51.94, 61.27, 47.98, 55.58, 51.51, 58.25, 48.07, 56.86, 51.45, 59.89, 48.15, 56.55, 51.14, 60.31, 47.32};

}  // namespace seatsync::forecast_detail
