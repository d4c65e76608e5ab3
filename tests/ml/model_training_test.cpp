// Training on a season dataset: the split, the baseline, the truth score and the metadata.
#include "seatsync/model_training.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "seatsync/demand_response.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync {
namespace {

const SimulatedMarket& small_market() {
  static const SimulatedMarket market = [] {
    SimulationConfig config;
    config.seasons = 1;
    config.games_per_season = 12;
    return simulate_market(config);
  }();
  return market;
}

DatasetTrainingOptions quick(ModelKind kind, ModelAlgo algo) {
  DatasetTrainingOptions o;
  o.kind = kind;
  o.algo = algo;
  o.params.gbdt.rounds = 40;
  o.params.gbdt.learning_rate = 0.2;
  o.params.forest.rounds = 10;
  return o;
}

TEST(CellMeanBaseline, WeightedMeanPerCodeAndBucket) {
  Table t;
  t.columns = {{"price_code", true, {"A", "B"}, ""}, {"bucket_index", false, {}, ""}};
  t.x.resize(4, 2);
  t.x << 0, 1, 0, 1, 1, 1, 1, 2;
  t.y = {2, 4, 10, 7};
  t.weight = {1, 3, 1, 1};
  const CellMeanBaseline baseline(t);
  Table q;
  q.columns = t.columns;
  q.x.resize(3, 2);
  q.x << 0, 1, 1, 2, 0, 5;  // the last cell was never seen: overall weighted mean
  const auto p = baseline.predict(q);
  EXPECT_FLOAT_EQ(p[0], 3.5f);                         // (2·1 + 4·3) / 4
  EXPECT_FLOAT_EQ(p[1], 7.0f);
  EXPECT_FLOAT_EQ(p[2], (2 + 12 + 10 + 7) / 6.0f);
}

TEST(DatasetTraining, DemandModelIsSplitInTimeAndScoredAgainstTheTruth) {
  const auto& market = small_market();
  auto options = quick(ModelKind::demand, ModelAlgo::gbdt);
  options.truth = &market.truth;
  options.cv_folds = 2;
  options.features.extra_holidays = {*Date::parse("2025-12-24")};
  ModelParams used;
  const auto report = train_dataset_model(market.dataset, options, &used);
  EXPECT_EQ(used.task, BoostTask::poisson);
  EXPECT_EQ(report.model->task(), BoostTask::poisson);
  EXPECT_LT(report.first_day, report.split_day);
  EXPECT_LE(report.split_day, report.last_day);
  EXPECT_GT(report.rows_train, 1000u);
  EXPECT_GT(report.rows_test, 1000u);
  EXPECT_EQ(report.cv_folds.size(), 2u);
  ASSERT_EQ(report.test.size(), 4u);
  EXPECT_EQ(report.test[0].first, "r2");
  EXPECT_GT(report.test[0].second, 0.0);
  ASSERT_TRUE(report.truth.has_value());
  const auto& t = *report.truth;
  EXPECT_GT(t.rows, 1000u);
  // A day's observed sales scatter around the expectation; a useful model is much closer to it.
  EXPECT_LT(t.mae_model, 0.5 * t.mae_observed);
  EXPECT_NEAR(t.total_predicted / t.total_expected, 1.0, 0.25);

  const auto meta = report.metadata(used);
  for (const char* key : {"model", "algo", "task", "features", "params", "data", "metrics", "baseline_metrics",
                          "cv_metrics", "truth_metrics", "importance", "importance_weight", "importance_cover", "row_count"})
    EXPECT_TRUE(meta.contains(key)) << key;
  EXPECT_EQ(meta["features"].size(), feature_columns().size());
  const auto serving = feature_options_from_metadata(meta);
  ASSERT_EQ(serving.extra_holidays.size(), 1u);
  EXPECT_EQ(serving.extra_holidays[0].str(), "2025-12-24");
  const auto columns = columns_from_metadata(meta);
  ASSERT_EQ(columns.size(), report.columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(columns[i].name, report.columns[i].name);
    EXPECT_EQ(columns[i].categories, report.columns[i].categories);
  }
}

TEST(DatasetTraining, ConversionAndPriceModels) {
  const auto& market = small_market();
  const auto conversion = train_dataset_model(market.dataset, quick(ModelKind::conversion, ModelAlgo::gbdt));
  EXPECT_EQ(conversion.test[0].first, "auc");
  EXPECT_GT(conversion.test[0].second, 0.7);
  EXPECT_FALSE(conversion.truth.has_value());
  const auto price = train_dataset_model(market.dataset, quick(ModelKind::price, ModelAlgo::linear));
  EXPECT_EQ(price.model->algo(), ModelAlgo::linear);
  EXPECT_GT(price.test[0].second, 0.5);  // price paid follows the code and the days before
}

TEST(DatasetTraining, BadOptions) {
  auto options = quick(ModelKind::demand, ModelAlgo::gbdt);
  options.no_sale_fraction = 0;
  EXPECT_THROW(train_dataset_model(small_market().dataset, options), std::invalid_argument);
  options = quick(ModelKind::demand, ModelAlgo::gbdt);
  options.as_of = Date::parse("2000-01-01");
  EXPECT_THROW(train_dataset_model(small_market().dataset, options), std::invalid_argument);
  EXPECT_THROW(parse_model_kind("revenue"), std::invalid_argument);
  MarketTruth other = small_market().truth;
  other.games.pop_back();
  options = quick(ModelKind::demand, ModelAlgo::gbdt);
  options.truth = &other;
  EXPECT_THROW(train_dataset_model(small_market().dataset, options), std::invalid_argument);
}

TEST(NonincreasingFit, PoolsAdjacentViolators) {
  EXPECT_EQ(nonincreasing_fit(std::vector<double>{3, 1, 2}), (std::vector<double>{3, 1.5, 1.5}));
  EXPECT_EQ(nonincreasing_fit(std::vector<double>{1, 2, 3}), (std::vector<double>{2, 2, 2}));
  EXPECT_EQ(nonincreasing_fit(std::vector<double>{5, 4, 4, 1}), (std::vector<double>{5, 4, 4, 1}));
  EXPECT_TRUE(nonincreasing_fit(std::vector<double>{}).empty());
}

TEST(DemandResponse, CurveFromALogLogModel) {
  const auto& market = small_market();
  const auto report = train_dataset_model(market.dataset, quick(ModelKind::demand, ModelAlgo::linear));
  const GameIndex game = 3;
  const Date day = market.dataset.games[game].date - 10;
  const std::vector<double> prices{50, 75, 100, 150, 200};
  const auto curve = demand_response(*report.model, report.columns, market.dataset, {}, game, 0, day, prices);
  ASSERT_EQ(curve.size(), prices.size());
  EXPECT_DOUBLE_EQ(curve[0].relative, 1.0);
  for (std::size_t i = 0; i < curve.size(); ++i) {
    EXPECT_EQ(curve[i].price, prices[i]);
    EXPECT_GT(curve[i].expected, 0.0);
    if (i > 0) EXPECT_LE(curve[i].expected, curve[i - 1].expected);
    EXPECT_LT(curve[i].elasticity, 0.0);  // demand falls with price
  }
  EXPECT_THROW(demand_response(*report.model, report.columns, market.dataset, {}, game, 0, day,
                               std::vector<double>{100, 50}),
               std::invalid_argument);
  EXPECT_THROW(demand_response(*report.model, report.columns, market.dataset, {}, game, 0, day,
                               std::vector<double>{0, 50}),
               std::invalid_argument);
}

}  // namespace
}  // namespace seatsync
