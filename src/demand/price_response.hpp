#pragma once
// How order counts respond to price, measured with two-way fixed effects, and the lognormal
// willingness-to-pay shape that response implies. Used by ArrivalDemandModel.
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace seatsync {

struct Observation {
  std::size_t fe1, fe2;  // fixed-effect keys: game × bucket, and code × tier × bucket
  double x, y;           // log price, log orders
  double xx = 0;         // squared deviation of log price from its code × tier × bucket mean
};

struct PriceResponseFit {
  double elasticity = 0;  // d log(orders) / d log(price) at the cell's mean price
  double curvature = 0;   // d elasticity / d log(price)
};

// Regression of log orders on log price and its square after sweeping out both sets of fixed
// effects; nullopt with too few observations or no price variation left.
std::optional<PriceResponseFit> two_way_fe_fit(std::vector<Observation> obs, std::size_t n_fe1, std::size_t n_fe2);
std::optional<double> two_way_fe_slope(std::vector<Observation> obs, std::size_t n_fe1, std::size_t n_fe2);

// (σ, z) of a lognormal WTP whose elasticity and curvature at the price in position z are
// `elasticity` and `curvature`; nullopt when no σ in [0.1, 1.5] fits.
std::optional<std::pair<double, double>> lognormal_from_response(double elasticity, double curvature);

}  // namespace seatsync
