#pragma once
// Filling the Attendance Projection Sheet from the fitted planner.
#include <optional>
#include <vector>

#include "seatsync/planner.hpp"
#include "seatsync/projection_sheet.hpp"

namespace seatsync {

// One price code on the sheet.
struct ProjectionCode {
  CodeIndex code = 0;
  int seats_left = 0;
  std::optional<double> current_price;  // the price in force (default: the code's average historical price)
  std::optional<double> price;          // the Price input's start (default: the current price)
  std::vector<double> bucket_prices;    // optional, per bucket: a price for it (NaN: follow Price)
};

// The sheet for `game` as of `as_of`: for every tier the data have sales for and every given
// code, the planner's demand (ArrivalDemandModel) in each bucket — only the part still ahead
// of the current bucket, none in buckets past — with the historical orders behind it.
ProjectionSheetInput projection_input(const Dataset& data, const Planner& planner, GameIndex game, Date as_of,
                                      const std::vector<ProjectionCode>& codes, int confidence_threshold);

}  // namespace seatsync
