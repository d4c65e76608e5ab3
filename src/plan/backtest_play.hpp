#pragma once
// Playing one (game, code) against the truth's customers: the pieces the backtest's fixed
// policies (planned once) and seatsync's learning policies (re-fitted on every decision day)
// share.
#include <functional>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "seatsync/planner.hpp"
#include "seatsync/progress.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync {

// An upcoming (game, code) as the loop starts: its state at as_of, the bucket holding as_of
// and the share of that bucket still ahead.
struct BacktestRow {
  InventoryRow state;
  std::size_t first_bucket = 0;
  double first_share = 1.0;
};

// The upcoming games (played on or after as_of) by date, the first `max_games` (0 = all).
std::vector<GameIndex> upcoming_games_by_date(const Dataset& data, Date as_of, int max_games);

// The static policy's price: the average price per ticket of the row's tier and code over the
// sales before as_of (the price in force when there were none).
class HistoricalAveragePrice {
 public:
  HistoricalAveragePrice(const Dataset& data, Date as_of);
  double operator()(const InventoryRow& row) const;

 private:
  const Dataset& data_;
  std::map<std::pair<int, CodeIndex>, std::pair<double, double>> revenue_tickets_;
};

struct Play {
  double revenue = 0;
  int tickets = 0, seats_left = 0;
};

// One bucket of one row at `price`: the bucket's customers who arrive from `today` on (the
// earlier ones met the price in force before the loop began) buy iff WTP ≥ price and seats
// remain. Each sale is passed to `on_sale` with the customer.
void play_bucket(const MarketTruth& truth, const BacktestRow& row, std::size_t bucket, double price, Play& state,
                 const std::function<void(const Customer&, int quantity)>& on_sale = {});

// Plays the row from as_of to game day under a policy built once.
Play play_row(const MarketTruth& truth, const BacktestRow& row, const CodePolicy& policy);

// seatsync's planner as a learning policy: on every day on which some row's bucket opens, the
// demand is re-fitted from the history plus everything this policy has sold so far (as the
// daily run does live), and each row whose bucket opens prices it from its seats left and price
// in force. `refit = false` fits once, at as_of. Returns one Play per row.
// `on_price` (optional, called from worker threads) sees every price set with its decision: the
// row, the bucket, the price in force before it, and the constraints of the fit that set it.
using PriceObserver = std::function<void(std::size_t row, std::size_t bucket, double price,
                                         std::optional<double> previous, const PriceConstraints& constraints)>;
std::vector<Play> play_learning_planner(const SimulatedMarket& market, const std::vector<BacktestRow>& rows,
                                        const PlanParams& params, bool refit, std::string_view stage,
                                        const ProgressFn& progress, const PriceObserver& on_price = {});

}  // namespace seatsync
