#pragma once
// Filling the Attendance Projection Sheet from the fitted planner.
#include <optional>
#include <vector>

#include "seatsync/planner.hpp"
#include "seatsync/projection_sheet.hpp"

namespace seatsync {

// The sheet for `game`: every tier × code's completed individual Demand Matrix and its support,
// the game's tier, and per code the starting price (prices[c] when given, else the code's
// average historical price).
ProjectionSheetInput projection_input(const Dataset& data, const Planner& planner, GameIndex game,
                                      const std::vector<std::optional<double>>& prices, int confidence_threshold);

}  // namespace seatsync
