// Scenario names as users type them, and the market each one simulates.
#include <sstream>
#include <stdexcept>
#include <string>

#include "seatsync/simulator.hpp"

namespace seatsync {
namespace {

struct ScenarioName {
  Scenario scenario;
  const char* name;
};

// In enum order: scenario_names() lists them so.
constexpr ScenarioName kNames[] = {
    {Scenario::balanced, "balanced"}, {Scenario::sellout, "sellout"}, {Scenario::soft, "soft"},
    {Scenario::shift, "shift"},       {Scenario::wtp2, "wtp2"},       {Scenario::wtp3, "wtp3"},
    {Scenario::segments, "segments"},
};

void check_range(double value, double lo, double hi, const char* name) {
  if (value >= lo && value <= hi) return;  // NaN fails both
  std::ostringstream message;
  message << name << " must be between " << lo << " and " << hi << ", got " << value;
  throw std::invalid_argument(message.str());
}

}  // namespace

std::optional<Scenario> parse_scenario(std::string_view name) {
  for (const ScenarioName& n : kNames)
    if (name == n.name) return n.scenario;
  return std::nullopt;
}

std::string_view to_string(Scenario scenario) {
  for (const ScenarioName& n : kNames)
    if (n.scenario == scenario) return n.name;
  return "unknown";
}

const std::vector<std::string>& scenario_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const ScenarioName& n : kNames) out.emplace_back(n.name);
    return out;
  }();
  return names;
}

MarketOptions scenario_options(Scenario scenario) {
  MarketOptions o;
  switch (scenario) {
    case Scenario::balanced: return o;
    case Scenario::sellout: o.demand_scale = 1.9; return o;
    case Scenario::soft: o.demand_scale = 0.55; return o;
    case Scenario::shift:  // the team got better this season: more fans, paying more
      o.shift_arrivals = 1.3;
      o.shift_wtp = 1.2;
      o.tier_time_effects = true;
      return o;
    case Scenario::wtp2: o.wtp_scale = 2.0; return o;
    case Scenario::wtp3: o.wtp_scale = 3.0; return o;
    case Scenario::segments:
      o.wtp_segments = true;
      o.tier_time_effects = true;
      return o;
  }
  throw std::invalid_argument("unknown scenario");
}

void check_market_options(const MarketOptions& o) {
  check_range(o.demand_scale, kMinMarketScale, kMaxMarketScale, "demand_scale");
  check_range(o.wtp_scale, kMinMarketScale, kMaxMarketScale, "wtp_scale");
  check_range(o.shift_arrivals, kMinMarketShift, kMaxMarketShift, "shift_arrivals");
  check_range(o.shift_wtp, kMinMarketShift, kMaxMarketShift, "shift_wtp");
}

MarketOptions market_options(const SimulationConfig& config) {
  return config.market ? *config.market : scenario_options(config.scenario);
}

}  // namespace seatsync
