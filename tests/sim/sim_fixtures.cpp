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

void expect_same_dataset(const Dataset& a, const Dataset& b) {
  ASSERT_EQ(a.games.size(), b.games.size());
  for (std::size_t i = 0; i < a.games.size(); ++i) {
    const Game &x = a.games[i], &y = b.games[i];
    ASSERT_TRUE(x.id == y.id && x.date == y.date && x.tier == y.tier && x.opponent == y.opponent) << "game " << i;
  }
  ASSERT_EQ(a.codes.size(), b.codes.size());
  for (std::size_t i = 0; i < a.codes.size(); ++i) {
    const PriceCode &x = a.codes[i], &y = b.codes[i];
    ASSERT_TRUE(x.code == y.code && x.group == y.group && x.capacity == y.capacity &&
                x.floor_price == y.floor_price) << "code " << i;
  }
  ASSERT_EQ(a.transactions.size(), b.transactions.size());
  for (std::size_t i = 0; i < a.transactions.size(); ++i) {
    const Transaction &x = a.transactions[i], &y = b.transactions[i];
    ASSERT_TRUE(x.game == y.game && x.code == y.code && x.sold_at == y.sold_at && x.sold_date == y.sold_date &&
                x.quantity == y.quantity && x.price == y.price) << "transaction " << i;
  }
  ASSERT_EQ(a.inventory.size(), b.inventory.size());
  for (std::size_t i = 0; i < a.inventory.size(); ++i) {
    const InventoryRow &x = a.inventory[i], &y = b.inventory[i];
    ASSERT_TRUE(x.game == y.game && x.code == y.code && x.remaining == y.remaining &&
                x.current_price == y.current_price) << "inventory " << i;
  }
  ASSERT_EQ(a.listings.size(), b.listings.size());
  for (std::size_t i = 0; i < a.listings.size(); ++i) {
    const Listing &x = a.listings[i], &y = b.listings[i];
    ASSERT_TRUE(x.game == y.game && x.code == y.code && x.observed_at == y.observed_at &&
                x.observed_date == y.observed_date && x.price == y.price && x.quantity == y.quantity &&
                x.source == y.source) << "listing " << i;
  }
  EXPECT_EQ(a.params_toml, b.params_toml);
}

}  // namespace seatsync::test
