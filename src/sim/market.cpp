// simulate_market: the analyst prices every (game, code, bucket) and the truth's customers
// buy, bucket after bucket, exactly as a closed-loop backtest of the analyst rule would.
#include <algorithm>
#include <limits>
#include <optional>

#include "seatsync/simulator.hpp"
#include "sim/listings.hpp"
#include "sim/market_design.hpp"
#include "sim/timestamp.hpp"

namespace seatsync {
namespace {

// Sells one (game, code) through its buckets up to `cutoff` (exclusive), appending orders.
// Returns the inventory row as of the cutoff.
InventoryRow sell_code(const MarketTruth& truth, GameIndex game, CodeIndex code, Date cutoff,
                       std::vector<Transaction>& out) {
  const GameTruth& g = truth.games[game];
  InventoryRow row{game, code, truth.codes[code].capacity, 0.0, {}, {}};  // the simulator writes no count time
  const bool cut_short = cutoff <= g.date;
  const std::optional<BucketIndex> cutoff_bucket =
      cut_short ? bucket_at(truth, g.date - cutoff) : std::nullopt;
  for (BucketIndex b = 0; b < truth.buckets.size(); ++b) {
    const int opens = std::min(truth.buckets[b].days_to, truth.sales_window_days);
    if (selling_days(truth, b) == 0) continue;
    // A bucket opening on the cutoff day has started: its price is the one in force then.
    if (g.date - opens > cutoff) break;
    // The analyst sets the bucket's price at its start, from the seats unsold then.
    const double price = analyst_price(truth, game, code, b, row.remaining);
    if (cutoff_bucket == b) row.current_price = price;
    std::vector<Customer> customers = draw_customers(truth, game, code, b);
    const auto arrived = std::find_if(customers.begin(), customers.end(),
                                      [&](const Customer& c) { return c.date(g.date) >= cutoff; });
    customers.erase(arrived, customers.end());
    for (const Sale& s : serve_customers(customers, price, row.remaining)) {
      const Customer& c = customers[s.customer];
      Transaction t;
      t.game = game;
      t.code = code;
      t.sold_date = c.date(g.date);
      t.sold_at = sim::timestamp(t.sold_date, c.minute);
      t.quantity = s.quantity;
      t.price = price;
      out.push_back(std::move(t));
      row.remaining -= s.quantity;
    }
  }
  // as_of lies before every bucket (sales not open yet): the first bucket's price applies.
  if (cut_short && !cutoff_bucket && !truth.buckets.empty())
    row.current_price = analyst_price(truth, game, code, 0, row.remaining);
  return row;
}

void fill_catalogue(const MarketTruth& truth, Dataset& data) {
  for (const GameTruth& g : truth.games) data.games.push_back({g.id, g.date, g.tier, g.opponent});
  for (const CodeTruth& c : truth.codes) data.codes.push_back({c.code, c.group, c.capacity, c.floor_price});
  data.reindex();
}

}  // namespace

SimulatedMarket simulate_market(const SimulationConfig& config, const ProgressFn& progress) {
  SimulatedMarket market;
  Dataset& data = market.dataset;
  data.params = Params::defaults();
  data.params_toml.clear();
  market.truth = sim::build_truth(config, data.params.buckets);
  const MarketTruth& truth = market.truth;
  fill_catalogue(truth, data);

  const Date never = Date::from_days(std::numeric_limits<std::int32_t>::max());
  for (GameIndex g = 0; g < truth.games.size(); ++g) {
    report(progress, "simulate", g, truth.games.size());
    const bool upcoming = is_upcoming(truth, g);
    for (CodeIndex c = 0; c < truth.codes.size(); ++c) {
      const InventoryRow row = sell_code(truth, g, c, upcoming ? truth.as_of : never, data.transactions);
      if (upcoming) data.inventory.push_back(row);
    }
    for (Listing& l : sim::draw_listings(truth, g)) data.listings.push_back(std::move(l));
  }
  report(progress, "simulate", truth.games.size(), truth.games.size());

  // A ticketing export lists orders by time; ties keep game and code order.
  std::stable_sort(data.transactions.begin(), data.transactions.end(),
                   [](const Transaction& a, const Transaction& b) {
                     if (a.sold_date != b.sold_date) return a.sold_date < b.sold_date;
                     return a.sold_at < b.sold_at;
                   });
  return market;
}

}  // namespace seatsync
