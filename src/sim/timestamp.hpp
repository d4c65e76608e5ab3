#pragma once
// Sale and observation times as the contract writes them: ISO date-times in venue local time.
#include <string>

#include "seatsync/date.hpp"

namespace seatsync::sim {

// "YYYY-MM-DDTHH:MM:00" for `minute` (0..1439) of `day`.
std::string timestamp(Date day, int minute);

}  // namespace seatsync::sim
