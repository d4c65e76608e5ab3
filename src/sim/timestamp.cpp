#include "sim/timestamp.hpp"

#include <cstdio>

namespace seatsync::sim {

std::string timestamp(Date day, int minute) {
  char time[16];
  std::snprintf(time, sizeof time, "T%02d:%02d:00", minute / 60 % 24, minute % 60);
  return day.str() + time;
}

}  // namespace seatsync::sim
