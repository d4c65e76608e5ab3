#pragma once
// Whether inventory.csv's seats left are recent enough to plan on: a plan made days after the
// count believes seats are still free that have since been sold.
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"

namespace seatsync {

// Counts more than this many days older than "today" (--as-of) draw a warning: the morning's
// run is expected to use last night's count, so one day is normal and two are not.
inline constexpr int kStaleInventoryDays = 1;

// Warnings, one line each, about the inventory rows of games on or after `as_of` whose
// observed_at is more than kStaleInventoryDays before `as_of`, or after it (a count from the
// future of the plan). Rows without observed_at are not judged. Empty when all is well.
std::vector<std::string> inventory_age_warnings(const Dataset& data, Date as_of);

}  // namespace seatsync
