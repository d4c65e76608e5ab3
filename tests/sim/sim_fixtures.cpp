#include "sim_fixtures.hpp"

#include <map>
#include <memory>

namespace seatsync::test {

const SimulatedMarket& default_market(Scenario scenario) {
  static std::map<Scenario, std::unique_ptr<SimulatedMarket>> cache;
  auto& slot = cache[scenario];
  if (!slot) {
    SimulationConfig config;
    config.scenario = scenario;
    slot = std::make_unique<SimulatedMarket>(simulate_market(config));
  }
  return *slot;
}

std::vector<int> tickets_sold(const Dataset& data) {
  std::vector<int> sold(data.games.size() * data.codes.size(), 0);
  for (const Transaction& t : data.transactions) sold[t.game * data.codes.size() + t.code] += t.quantity;
  return sold;
}

}  // namespace seatsync::test
