#include "seatsync/inventory_age.hpp"

#include <algorithm>

namespace seatsync {

std::vector<std::string> inventory_age_warnings(const Dataset& data, Date as_of) {
  std::size_t judged = 0, stale = 0, future = 0;
  Date oldest = as_of, latest = as_of;
  for (const auto& r : data.inventory) {
    if (!r.observed_date || r.game >= data.games.size() || data.games[r.game].date < as_of) continue;
    ++judged;
    const Date d = *r.observed_date;
    if (as_of - d > kStaleInventoryDays) {
      ++stale;
      oldest = std::min(oldest, d);
    } else if (d > as_of) {
      ++future;
      latest = std::max(latest, d);
    }
  }
  std::vector<std::string> out;
  const std::string of = " of " + std::to_string(judged) + " inventory rows for upcoming games";
  if (stale)
    out.push_back(std::to_string(stale) + of + " were counted more than " + std::to_string(kStaleInventoryDays) +
                  " day before --as-of " + as_of.str() + " (the oldest on " + oldest.str() + ", " +
                  std::to_string(as_of - oldest) + " days before): their seats left may be out of date");
  if (future)
    out.push_back(std::to_string(future) + of + " were counted after --as-of " + as_of.str() + " (the latest on " +
                  latest.str() + "): their seats left already reflect sales after it");
  return out;
}

}  // namespace seatsync
