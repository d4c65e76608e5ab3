#pragma once
// What a learned demand model says about price in one situation (game, price code, sale day):
// expected tickets at each candidate price, the elasticity, and the purchase curve — the share
// of the demand at the lowest price that still buys at each price. This is how the planner and
// the service read a model of "tickets sold given price and features".
#include <span>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/features.hpp"
#include "seatsync/model.hpp"

namespace seatsync {

struct ResponsePoint {
  double price = 0;
  double raw = 0;         // the model's prediction at this price
  // `raw` made non-increasing in price (the closest such curve in least squares, by pooling
  // adjacent violators): trees are step functions of price and need not slope down everywhere.
  double expected = 0;
  // d ln(expected) / d ln(price) by differences with the neighbouring prices (one-sided at the
  // ends); NaN where the prediction is 0 or there is only one price.
  double elasticity = 0;
  // expected / expected at the lowest price: P(buy at price | would buy at the lowest price)
  // when arrivals do not depend on price. NaN when the prediction at the lowest price is 0.
  double relative = 0;
};

// One feature row per candidate price for (game, code, day), through features_for_row with the
// model's `columns`, so the rows match training exactly.
Table situation_rows(const std::vector<FeatureColumn>& columns, const Dataset& data, const FeatureOptions& options,
                     GameIndex game, CodeIndex code, Date day, std::span<const double> prices);

// `prices` must be positive and strictly increasing (std::invalid_argument otherwise). With
// `monotone` false, expected = raw (for models of something other than demand).
std::vector<ResponsePoint> demand_response(const Model& model, const std::vector<FeatureColumn>& columns,
                                           const Dataset& data, const FeatureOptions& options, GameIndex game,
                                           CodeIndex code, Date day, std::span<const double> prices,
                                           bool monotone = true);

// The non-increasing sequence closest to `values` in least squares (pool adjacent violators).
std::vector<double> nonincreasing_fit(std::span<const double> values);

}  // namespace seatsync
