#pragma once
// Small pieces of a poll's bookkeeping: its date in the venue's zone, and seconds for messages.
#include <string>

#include "seatsync/dataset.hpp"

namespace seatsync::market {

// The calendar date of a UTC timestamp in the dataset's time zone (params.timezone), as every
// other timestamp of the dataset is dated; without a zone, the UTC date.
Date local_observed_date(const Dataset& data, const std::string& observed_at_utc);

// 1.25 → "1.2 s".
std::string seconds_text(double seconds);

}  // namespace seatsync::market
