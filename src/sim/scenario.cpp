// Scenario names as users type them.
#include "seatsync/simulator.hpp"

namespace seatsync {

std::optional<Scenario> parse_scenario(std::string_view name) {
  if (name == "balanced") return Scenario::balanced;
  if (name == "sellout") return Scenario::sellout;
  if (name == "soft") return Scenario::soft;
  return std::nullopt;
}

std::string_view to_string(Scenario scenario) {
  switch (scenario) {
    case Scenario::balanced: return "balanced";
    case Scenario::sellout: return "sellout";
    case Scenario::soft: return "soft";
  }
  return "unknown";
}

}  // namespace seatsync
