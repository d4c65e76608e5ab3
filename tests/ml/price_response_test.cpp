// The boosted demand model must respond to price the way demand does: fall as the price rises
// (XGBoost monotone constraints), and its elasticity is scored against the simulator's true
// one. It used to predict a flat 1.98 tickets from $135 to $324 while the truth fell 20x
// (issue 10).
#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/features.hpp"
#include "seatsync/model_training.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync {
namespace {

const SimulatedMarket& market() {
  static const SimulatedMarket m = [] {
    SimulationConfig config;
    config.seasons = 2;
    config.games_per_season = 16;
    return simulate_market(config);
  }();
  return m;
}

DatasetTrainingOptions demand_options() {
  DatasetTrainingOptions o;
  o.kind = ModelKind::demand;
  o.params.gbdt.rounds = 150;
  o.params.gbdt.learning_rate = 0.1;
  o.truth = &market().truth;
  return o;
}

// Never destroyed: freeing an XGBoost booster after main returns crashes in XGBoost 1.7.4 (its
// thread-local prediction cache is already gone), so a model with static storage must leak.
const DatasetTrainingReport& trained() {
  static const auto* report = new DatasetTrainingReport(train_dataset_model(market().dataset, demand_options()));
  return *report;
}

TEST(PriceResponse, MonotoneConstraintsAreOnByDefault) {
  ModelParams used;
  auto o = demand_options();
  o.params.gbdt.rounds = 5;
  train_dataset_model(market().dataset, o, &used);
  ASSERT_FALSE(used.gbdt.monotone.empty());
  EXPECT_EQ(used.gbdt.monotone.front(), (std::pair<std::string, int>{"price", -1}));
  EXPECT_EQ(used.gbdt.monotone.size(), used.forest.monotone.size());
}

// Every test row, offered at 12 prices from 0.5x to 3x its own: the predictions never rise
// (Debian's XGBoost 1.7.4 can let a constrained tree step up by a hair: a tolerance of 0.5%).
TEST(PriceResponse, PredictionsAreNonIncreasingInPrice) {
  const auto& report = trained();
  FeatureOptions every_day;
  every_day.no_sale_fraction = 1.0;
  every_day.as_of = report.last_day + 1;
  const Table rows = build_feature_table(market().dataset, every_day);
  const auto price = static_cast<Eigen::Index>(*find_column(rows.columns, "price"));
  std::size_t checked = 0, rises = 0;
  for (Eigen::Index r = 0; r < rows.x.rows(); r += 97) {
    Table grid;
    grid.columns = rows.columns;
    grid.x.resize(12, rows.x.cols());
    for (Eigen::Index k = 0; k < 12; ++k) {
      grid.x.row(k) = rows.x.row(r);
      reprice_feature_row({grid.x.row(k).data(), static_cast<std::size_t>(grid.x.cols())},
                          rows.x(r, price) * (0.5 + 2.5 * double(k) / 11.0));
    }
    const auto q = report.model->predict(grid);
    for (std::size_t k = 1; k < q.size(); ++k) rises += q[k] > q[k - 1] * 1.005f;
    ++checked;
  }
  ASSERT_GT(checked, 500u);
  EXPECT_EQ(rises, 0u) << "of " << checked << " rows x 11 steps";
}

// The elasticity between 0.8x and 1.25x each test row's price, against the truth's, by tier and
// bucket. The bound is what the model reaches, not what one would want: it falls with price
// (a flat or rising curve fails), but far less than the truth (here about -0.3 against -2.0,
// MAE 1.72 where a price-blind model scores 2.01): the history's prices follow demand, so
// sales alone cannot separate the two (docs/ml.md, "Monotone in price").
TEST(PriceResponse, ElasticityAgainstTheTruth) {
  const auto& e = trained().truth->elasticity;
  ASSERT_GT(e.rows, 1000u);
  EXPECT_LT(e.truth, -1.0);  // the simulated demand is elastic
  EXPECT_LT(e.model, -0.1) << "true " << e.truth;
  EXPECT_LT(e.mae, 0.95 * e.mae_price_blind) << "true " << e.truth << ", model " << e.model;
  ASSERT_FALSE(e.cells.empty());
  std::size_t rows = 0;
  for (const auto& c : e.cells) rows += c.rows;
  EXPECT_EQ(rows, e.rows);
  const auto meta = trained().metadata(ModelParams{});
  EXPECT_EQ(meta["truth_metrics"]["elasticity"]["cells"].size(), e.cells.size());
}

}  // namespace
}  // namespace seatsync
