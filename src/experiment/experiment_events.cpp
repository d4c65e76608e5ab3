// The rules every backend applies to an experiment's events before it writes any.
#include <cmath>

#include "seatsync/date.hpp"
#include "seatsync/experiment_store.hpp"

namespace seatsync {

std::vector<ExperimentEvent> checked_events(const Experiment& e, std::vector<ExperimentEvent> events) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto& ev = events[i];
    const std::string f = "events[" + std::to_string(i) + "]";
    auto bad = [&](const char* field, const std::string& message) {
      throw std::invalid_argument(f + "." + field + ": " + message);
    };
    if (ev.event_id.empty()) bad("event_id", "is required (events are counted once per id)");
    if (ev.type != "quote" && ev.type != "purchase") bad("type", "must be quote or purchase");
    if (ev.unit.empty()) bad("unit", "is required (the " + std::string(to_string(e.unit)) + " the event belongs to)");
    if (ev.at.empty() || !parse_timestamp(ev.at)) bad("at", "'" + ev.at + "' is not an ISO 8601 date-time");
    if (ev.arm.empty()) ev.arm = assign_arm(e, ev.unit).name;
    else if (!e.find_arm(ev.arm)) bad("arm", "'" + ev.arm + "' is not an arm of experiment " + e.id);
    if (!(std::isfinite(ev.price) && ev.price >= 0)) bad("price", "must be a finite number >= 0");
    if (ev.type == "purchase") {
      if (ev.quantity < 1) bad("quantity", "a purchase needs quantity >= 1");
      if (!(std::isfinite(ev.revenue) && ev.revenue >= 0)) bad("revenue", "must be a finite number >= 0");
    } else if (ev.quantity != 0 || ev.revenue != 0) {
      bad("type", "a quote carries no quantity or revenue (send a purchase event)");
    }
  }
  return events;
}

}  // namespace seatsync
