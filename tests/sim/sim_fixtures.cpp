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

ScenarioStats scenario_stats(const SimulatedMarket& market) {
  const Dataset& d = market.dataset;
  const auto sold = tickets_sold(d);
  std::vector<int> sold_early(sold.size(), 0);
  for (const Transaction& tx : d.transactions)
    if (d.days_before(tx) > 0) sold_early[tx.game * d.codes.size() + tx.code] += tx.quantity;
  int capacity = 0;
  for (const PriceCode& c : d.codes) capacity += c.capacity;
  ScenarioStats s;
  int played = 0, pairs = 0;
  for (GameIndex g = 0; g < d.games.size(); ++g) {
    if (is_upcoming(market.truth, g)) continue;
    ++played;
    int game_sold = 0;
    for (CodeIndex c = 0; c < d.codes.size(); ++c, ++pairs) {
      game_sold += sold[g * d.codes.size() + c];
      s.sold_out_early += sold_early[g * d.codes.size() + c] == d.codes[c].capacity;
    }
    const double st = static_cast<double>(game_sold) / capacity;
    s.mean += st;
    s.share_70_95 += st >= 0.70 && st <= 0.95;
  }
  s.mean /= played;
  s.share_70_95 /= played;
  s.sold_out_early /= pairs;
  return s;
}

}  // namespace seatsync::test
