// The Model interface: every algorithm trains, predicts the same through predict and
// predict_row, and survives a save/load round trip bit for bit; the stacking ensemble's parts.
#include "seatsync/model.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include <xgboost/c_api.h>

#include "seatsync/ensemble.hpp"
#include "seatsync/metrics.hpp"
#include "seatsync/model_registry.hpp"
#include "test_support.hpp"

namespace seatsync {
namespace {

// y = 3 + 2·x0 − x1 + 1.5 if the category is "b", plus noise; one row per day, in time order.
Table synthetic(BoostTask task, std::size_t n, std::uint64_t seed) {
  Table t;
  t.columns = {{"x0", false, {}, ""}, {"x1", false, {}, ""}, {"cat", true, {"a", "b"}, ""}};
  t.x.resize(static_cast<Eigen::Index>(n), 3);
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0, 0.3);
  std::uniform_real_distribution<double> u(-1, 1);
  for (std::size_t i = 0; i < n; ++i) {
    const double x0 = u(rng), x1 = u(rng), cat = i % 2;
    t.x.row(static_cast<Eigen::Index>(i)) << float(x0), float(x1), float(cat);
    const double eta = 0.5 + 1.0 * x0 - 0.5 * x1 + 0.7 * cat;
    if (task == BoostTask::binary) {
      t.y.push_back(std::uniform_real_distribution<double>(0, 1)(rng) < 1 / (1 + std::exp(-eta)) ? 1.0f : 0.0f);
    } else if (task == BoostTask::poisson) {
      t.y.push_back(float(std::poisson_distribution<int>(std::exp(eta))(rng)));
    } else {
      t.y.push_back(float(3 + 2 * x0 - x1 + 1.5 * cat + noise(rng)));
    }
    t.time.push_back(double(i / 10));
  }
  return t;
}

ModelParams small_params(BoostTask task) {
  ModelParams p;
  p.task = task;
  p.gbdt.rounds = 60;
  p.gbdt.learning_rate = 0.2;
  p.gbdt.threads = 1;
  p.forest.rounds = 20;
  p.forest.threads = 1;
  return p;
}

TEST(Model, EveryAlgorithmLearnsAndRoundTrips) {
  const Table train = synthetic(BoostTask::regression, 1500, 1), test = synthetic(BoostTask::regression, 400, 2);
  for (ModelAlgo algo : {ModelAlgo::gbdt, ModelAlgo::rf, ModelAlgo::linear, ModelAlgo::ensemble}) {
    SCOPED_TRACE(to_string(algo));
    const auto model = fit_model(algo, train, small_params(BoostTask::regression));
    EXPECT_EQ(model->algo(), algo);
    EXPECT_EQ(model->task(), BoostTask::regression);
    EXPECT_EQ(model->feature_count(), 3u);
    const auto pred = model->predict(test);
    EXPECT_GT(r_squared(test.y, pred), 0.8);
    const auto loaded = load_model(algo, model->save_to_bytes());
    EXPECT_EQ(loaded->task(), BoostTask::regression);
    const auto again = loaded->predict(test);
    ASSERT_EQ(again.size(), pred.size());
    for (std::size_t i = 0; i < pred.size(); ++i) {
      ASSERT_EQ(again[i], pred[i]) << "row " << i;
      ASSERT_FLOAT_EQ(loaded->predict_row(test.x.row(static_cast<Eigen::Index>(i)).data()), pred[i]) << "row " << i;
    }
    EXPECT_FALSE(model->importance(ImportanceKind::gain).empty());
  }
}

TEST(Model, TasksStayInTheirRange) {
  for (BoostTask task : {BoostTask::binary, BoostTask::poisson}) {
    const Table train = synthetic(task, 1200, 3), test = synthetic(task, 300, 4);
    for (ModelAlgo algo : {ModelAlgo::gbdt, ModelAlgo::rf, ModelAlgo::linear, ModelAlgo::ensemble}) {
      SCOPED_TRACE(std::string(to_string(task)) + " " + to_string(algo));
      const auto model = fit_model(algo, train, small_params(task));
      EXPECT_EQ(load_model(algo, model->save_to_bytes())->task(), task);
      for (float p : model->predict(test)) {
        ASSERT_TRUE(std::isfinite(p));
        ASSERT_GE(p, 0.0f);
        if (task == BoostTask::binary) ASSERT_LE(p, 1.0f);
      }
    }
  }
}

// A one-round forest under the Poisson loss could not leave e^0.7 × its base score; forests
// average squared-error trees instead and stay unbiased for large counts.
TEST(Model, ForestOfLargeCountsIsUnbiased) {
  Table t = synthetic(BoostTask::regression, 2000, 9);
  for (auto& y : t.y) y = std::max(0.0f, 10.0f * y);  // counts around 30, far above the base score
  const auto forest = fit_model(ModelAlgo::rf, t, small_params(BoostTask::poisson));
  const auto pred = forest->predict(t);
  double mean_y = 0, mean_p = 0;
  for (std::size_t i = 0; i < t.rows(); ++i) mean_y += t.y[i], mean_p += pred[i];
  EXPECT_NEAR(mean_p / mean_y, 1.0, 0.02);
  EXPECT_GT(r_squared(t.y, pred), 0.8);
  const auto loaded = load_model(ModelAlgo::rf, forest->save_to_bytes());
  EXPECT_EQ(loaded->task(), BoostTask::poisson);
  EXPECT_EQ(loaded->predict(t), pred);
}

TEST(StackedEnsemble, MembersIntervalAndWeights) {
  const Table train = synthetic(BoostTask::regression, 1500, 5), test = synthetic(BoostTask::regression, 300, 6);
  auto params = small_params(BoostTask::regression);
  params.interval_z = 2.0;
  const auto ensemble = StackedEnsemble::fit(train, params);
  const auto detail = ensemble->predict_detail(test);
  ASSERT_EQ(detail.members.size(), 3u);
  EXPECT_EQ(detail.members[0].first, "gbdt");
  EXPECT_EQ(detail.members[2].first, "linear");
  for (std::size_t i = 0; i < test.rows(); ++i) {
    ASSERT_LE(detail.lower[i], detail.prediction[i]);
    ASSERT_GE(detail.upper[i], detail.prediction[i]);
    // The band is 2 × the members' sample standard deviation on each side.
    double mean = 0, ss = 0;
    for (const auto& m : detail.members) mean += m.second[i] / 3.0;
    for (const auto& m : detail.members) ss += (m.second[i] - mean) * (m.second[i] - mean);
    EXPECT_NEAR(detail.upper[i] - detail.prediction[i], 2.0 * std::sqrt(ss / 2.0), 1e-4);
  }
  // The data are linear: the meta-learner leans on the linear member most.
  const auto weights = ensemble->member_weights();
  ASSERT_EQ(weights.size(), 3u);
  EXPECT_EQ(weights[2].first, "linear");
  EXPECT_GT(weights[2].second, weights[1].second);
  double total = 0;
  for (const auto& [name, w] : weights) {
    EXPECT_GE(w, 0.0);
    total += w;
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  // The stack is at least as good as its weakest member on held-out rows.
  double worst = 0;
  for (const auto& m : detail.members) worst = std::max(worst, mean_absolute_error(test.y, m.second));
  EXPECT_LT(mean_absolute_error(test.y, detail.prediction), worst);
}

Table member_predictions(std::initializer_list<std::initializer_list<float>> rows) {
  Table t;
  for (std::size_t m = 0; m < rows.begin()->size(); ++m) t.columns.push_back({"m" + std::to_string(m), false, {}, ""});
  t.x.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
  Eigen::Index r = 0;
  for (const auto& row : rows) {
    Eigen::Index c = 0;
    for (float v : row) t.x(r, c++) = v;
    ++r;
  }
  return t;
}

TEST(StackingWeights, KnownAnswers) {
  const std::vector<float> y{1, 2, 3, 4};
  const std::vector<bool> all(4, true);
  // The second member is exact: all the weight goes to it.
  auto w = stacking_weights(member_predictions({{0, 1, 5}, {5, 2, 0}, {1, 3, 9}, {9, 4, 2}}), y, {}, all, 0.0);
  EXPECT_NEAR(w[0], 0.0, 1e-9);
  EXPECT_NEAR(w[1], 1.0, 1e-9);
  // Two members off by +1 and −1: half each (the unconstrained optimum is also convex here).
  w = stacking_weights(member_predictions({{2, 0}, {3, 1}, {4, 2}, {5, 3}}), y, {}, all, 0.0);
  EXPECT_NEAR(w[0], 0.5, 1e-9);
  EXPECT_NEAR(w[1], 0.5, 1e-9);
  // Both too high: an unconstrained fit would take a negative weight; the convex one picks the closer.
  w = stacking_weights(member_predictions({{2, 3}, {3, 4}, {4, 5}, {5, 6}}), y, {}, all, 0.0);
  EXPECT_NEAR(w[0], 1.0, 1e-9);
  EXPECT_NEAR(w[1], 0.0, 1e-9);
  // A huge ridge pulls towards equal weights; rows not in `use` and zero weights count for nothing.
  w = stacking_weights(member_predictions({{2, 3}, {3, 4}, {4, 5}, {5, 6}}), y, {}, all, 1e9);
  EXPECT_NEAR(w[0], 0.5, 1e-6);
  w = stacking_weights(member_predictions({{1, 9}, {2, 9}, {9, 3}, {9, 4}}), y, {1, 1, 0, 0}, all, 0.0);
  EXPECT_NEAR(w[0], 1.0, 1e-9);
  w = stacking_weights(member_predictions({{1, 9}, {2, 9}, {9, 3}, {9, 4}}), y, {}, {false, false, true, true}, 0.0);
  EXPECT_NEAR(w[1], 1.0, 1e-9);
}

TEST(StackedEnsemble, RefusesGarbage) {
  EXPECT_THROW(StackedEnsemble::load("{}"), std::runtime_error);
  EXPECT_THROW(StackedEnsemble::load("not json"), std::runtime_error);
  EXPECT_THROW(StackedEnsemble::load(R"({"format":"seatsync-ensemble","task":"regression"})"), std::runtime_error);
}

TEST(Model, EarlyStoppingRowsAreTheLatest) {
  Table t = synthetic(BoostTask::regression, 100, 7);
  std::reverse(t.time.begin(), t.time.end());  // latest rows first
  const auto mask = latest_rows_mask(t, 0.1);
  EXPECT_EQ(std::count(mask.begin(), mask.end(), true), 10);
  for (std::size_t i = 0; i < 10; ++i) EXPECT_TRUE(mask[i]);
}

TEST(Model, ParseAlgo) {
  EXPECT_EQ(parse_model_algo("ensemble"), ModelAlgo::ensemble);
  EXPECT_THROW(parse_model_algo("lightgbm"), std::invalid_argument);
}

// The registry hands back exactly the model that was saved; the gbdt file is plain XGBoost JSON
// that XGBoost's own file loader (what Python's xgboost.Booster(model_file=...) calls) accepts.
TEST(Model, RegistryRoundTripGivesIdenticalPredictions) {
  test::TempDir dir;
  ModelRegistry registry(dir.path());
  const Table train = synthetic(BoostTask::poisson, 1500, 11), test = synthetic(BoostTask::poisson, 300, 12);
  for (ModelAlgo algo : {ModelAlgo::gbdt, ModelAlgo::linear, ModelAlgo::ensemble}) {
    SCOPED_TRACE(to_string(algo));
    const auto model = fit_model(algo, train, small_params(BoostTask::poisson));
    const auto entry = registry.save("test", to_string(algo), model->save_to_bytes(), {{"algo", to_string(algo)}});
    ModelRegistry fresh(dir.path());  // a new process: nothing cached
    const auto loaded = fresh.load("test", to_string(algo));
    const auto back = load_model(parse_model_algo(loaded.metadata["algo"]), *loaded.bytes);
    EXPECT_EQ(back->predict(test), model->predict(test));

    if (algo != ModelAlgo::gbdt) continue;
    BoosterHandle h = nullptr;
    ASSERT_EQ(XGBoosterCreate(nullptr, 0, &h), 0);
    EXPECT_EQ(XGBoosterLoadModel(h, entry.file.c_str()), 0) << XGBGetLastError();
    bst_ulong features = 0;
    EXPECT_EQ(XGBoosterGetNumFeature(h, &features), 0);
    EXPECT_EQ(features, 3u);
    XGBoosterFree(h);
  }
}

}  // namespace
}  // namespace seatsync
