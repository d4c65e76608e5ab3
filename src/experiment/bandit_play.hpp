#pragma once
// One (game, code) played by a price bandit against the truth's customers: the same customers,
// in the same order, as the backtest's play_bucket serves, but priced as often as the bandit
// decides (every day, or once per bucket).
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "../plan/backtest_play.hpp"
#include "seatsync/price_bandit.hpp"

namespace seatsync {

struct BanditVariant {
  std::string name, description;
  BanditRule rule = BanditRule::thompson;
  bool informed = true;  // prior from the learned demand model; else Beta(1, 1) on every price
  bool daily = true;     // a decision every day; else one at each bucket's opening
  bool knows_truth = false;  // told the true demand (a diagnostic: what the rule loses without learning)
};

// What the bandit is told about a row before the loop: the learned demand model's forecast
// from the row's first bucket on (the part of the first bucket still ahead).
struct RowForecast {
  std::vector<double> arrivals;               // [bucket − first]: expected arriving orders
  std::vector<std::vector<double>> purchase;  // [bucket − first][arm]: P(an arrival buys) at each menu price
  double mean_order_size = 1.0;
};

struct BanditSettings {
  double prior_arrivals = 4.0;  // BanditSeasonOptions
  double carry_over = 0.5;
  double attendance_weight = 0.0;
};

struct BanditPlay {
  Play play;
  std::vector<double> bucket_revenue;  // [bucket − first]
  std::size_t decisions = 0, off_menu = 0;
};

// Sees every price set: the price and the price in force before it.
using BanditPriceObserver = std::function<void(double price, std::optional<double> in_force)>;

BanditPlay play_bandit_row(const MarketTruth& truth, const BacktestRow& row, const std::vector<double>& menu,
                           const PriceConstraints& constraints, const RowForecast& forecast,
                           const BanditVariant& variant, const BanditSettings& settings, std::mt19937_64& rng,
                           const BanditPriceObserver& on_price = {});

}  // namespace seatsync
