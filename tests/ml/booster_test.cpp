// The booster learns known functions, round-trips through JSON, and stops early on noise.
#include "seatsync/booster.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>

#include "seatsync/metrics.hpp"

using namespace seatsync;

namespace {

Table make_table(std::size_t rows, std::size_t cols, std::uint32_t seed) {
  Table t;
  for (std::size_t c = 0; c < cols; ++c) t.columns.push_back({"x" + std::to_string(c + 1), false, {}, ""});
  t.x.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.0f, 1.0f);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r)
    for (Eigen::Index c = 0; c < t.x.cols(); ++c) t.x(r, c) = u(rng);
  return t;
}

// y = 3·x1 − 2·x2, with a third, useless column.
Table linear(std::size_t rows, std::uint32_t seed) {
  Table t = make_table(rows, 3, seed);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) t.y.push_back(3 * t.x(r, 0) - 2 * t.x(r, 1));
  return t;
}

BoosterParams quick(BoostTask task = BoostTask::regression) {
  BoosterParams p;
  p.task = task;
  p.rounds = 300;
  p.learning_rate = 0.1;
  p.early_stopping_rounds = 20;
  p.threads = 2;
  return p;
}

}  // namespace

TEST(Booster, LearnsALinearFunction) {
  const Table train = linear(2000, 1), valid = linear(400, 2), test = linear(500, 3);
  const Booster b = Booster::train(train, valid, quick());
  const auto pred = b.predict(test);
  EXPECT_GT(r_squared(test.y, pred), 0.95);
  const auto gain = b.importance(ImportanceKind::gain);
  ASSERT_GE(gain.size(), 2u);
  EXPECT_EQ(gain[0].first, "x1");  // the steeper slope carries the most gain
  EXPECT_EQ(gain[1].first, "x2");
  for (auto kind : {ImportanceKind::weight, ImportanceKind::cover}) EXPECT_FALSE(b.importance(kind).empty());
}

TEST(Booster, LearnsABinaryProblem) {
  Table train = make_table(2000, 2, 4), test = make_table(500, 2, 5);
  for (Table* t : {&train, &test})
    for (Eigen::Index r = 0; r < t->x.rows(); ++r) t->y.push_back(t->x(r, 0) + t->x(r, 1) > 0 ? 1.0f : 0.0f);
  const Booster b = Booster::train(train, std::nullopt, quick(BoostTask::binary));
  const auto p = b.predict(test);
  EXPECT_GT(roc_auc(test.y, p), 0.9);
  for (float v : p) EXPECT_TRUE(v >= 0 && v <= 1);
}

TEST(Booster, LearnsPoissonCounts) {
  Table train = make_table(3000, 1, 6), test = make_table(500, 1, 7);
  std::mt19937 rng(8);
  for (Table* t : {&train, &test})
    for (Eigen::Index r = 0; r < t->x.rows(); ++r) {
      const double rate = std::exp(1.0 + t->x(r, 0));  // between e^0 and e^2
      t->y.push_back(static_cast<float>(std::poisson_distribution<int>(rate)(rng)));
    }
  const Booster b = Booster::train(train, std::nullopt, quick(BoostTask::poisson));
  Table probe = make_table(2, 1, 9);
  probe.x << -0.9f, 0.9f;
  const auto p = b.predict(probe);
  EXPECT_NEAR(p[0], std::exp(0.1), 0.5);
  EXPECT_NEAR(p[1], std::exp(1.9), 1.5);
}

TEST(Booster, UsesACategoricalColumn) {
  // The target depends only on the category, whose codes are deliberately not ordered by y.
  Table t;
  t.columns.push_back({"room", true, {"A", "B", "C", "D"}, ""});
  t.columns.push_back({"noise", false, {}, ""});
  const float level[] = {10, 40, 5, 25};
  std::mt19937 rng(10);
  std::uniform_real_distribution<float> u(0, 1);
  t.x.resize(800, 2);
  for (Eigen::Index r = 0; r < 800; ++r) {
    t.x(r, 0) = static_cast<float>(r % 4);
    t.x(r, 1) = u(rng);
    t.y.push_back(level[r % 4]);
  }
  auto params = quick();
  params.max_depth = 1;  // one split per tree: only a categorical split can separate {B, D} from {A, C}
  const Booster b = Booster::train(t, std::nullopt, params);
  const auto p = b.predict(t);
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(p[c], level[c], 0.5) << "category " << c;
  EXPECT_EQ(b.importance(ImportanceKind::gain).at(0).first, "room");
}

TEST(Booster, SaveLoadAndSingleRowMatchBatch) {
  const Table train = linear(1000, 11), test = linear(50, 12);
  const Booster b = Booster::train(train, std::nullopt, quick());
  const std::string bytes = b.save_to_bytes();
  EXPECT_EQ(bytes.front(), '{');  // JSON
  const Booster loaded = Booster::load_from_bytes(bytes);
  EXPECT_EQ(loaded.feature_count(), 3u);
  const auto before = b.predict(test), after = loaded.predict(test);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(before[i], after[i]);
    EXPECT_EQ(loaded.predict_row(test.x.row(static_cast<Eigen::Index>(i)).data()), before[i]);
  }
  EXPECT_EQ(loaded.importance(ImportanceKind::weight).size(), b.importance(ImportanceKind::weight).size());
}

TEST(Booster, ConcurrentSingleRowPredictionsAgree) {
  const Table train = linear(500, 13), test = linear(64, 14);
  const Booster b = Booster::train(train, std::nullopt, quick());
  const auto batch = b.predict(test);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&, k] {
      for (int rep = 0; rep < 20; ++rep)
        for (Eigen::Index r = 0; r < test.x.rows(); ++r)
          mismatches[k] += b.predict_row(test.x.row(r).data()) != batch[static_cast<std::size_t>(r)];
    });
  for (auto& t : threads) t.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(Booster, EarlyStoppingStopsBeforeTheCapOnNoise) {
  Table train = make_table(500, 3, 15), valid = make_table(200, 3, 16);
  std::mt19937 rng(17);
  std::normal_distribution<float> noise(0, 1);
  for (Table* t : {&train, &valid})
    for (Eigen::Index r = 0; r < t->x.rows(); ++r) t->y.push_back(noise(rng));
  auto params = quick();
  params.rounds = 1000;
  const Booster b = Booster::train(train, valid, params);
  EXPECT_LT(b.rounds_trained(), 1000);
  EXPECT_EQ(b.rounds_trained(), b.best_iteration() + 1 + params.early_stopping_rounds);
  // The kept model is trimmed to the best round.
  EXPECT_EQ(Booster::load_from_bytes(b.save_to_bytes()).rounds_trained(), b.best_iteration() + 1);
}

TEST(Booster, RandomForestMode) {
  const Table train = linear(2000, 18), test = linear(300, 19);
  auto params = quick();
  params.algo = BoostAlgo::rf;
  params.rounds = 20;
  params.max_depth = 8;
  const Booster b = Booster::train(train, std::nullopt, params);
  EXPECT_EQ(b.rounds_trained(), 1);
  EXPECT_GT(r_squared(test.y, b.predict(test)), 0.9);
}

TEST(Booster, RejectsBadInput) {
  Table t = linear(10, 20);
  t.y[3] = 0.5f;
  EXPECT_THROW(Booster::train(t, std::nullopt, quick(BoostTask::binary)), std::invalid_argument);
  t.y[3] = -1.0f;
  EXPECT_THROW(Booster::train(t, std::nullopt, quick(BoostTask::poisson)), std::invalid_argument);
  t.y.pop_back();
  EXPECT_THROW(Booster::train(t, std::nullopt, quick()), std::invalid_argument);
  EXPECT_THROW(parse_boost_task("ranking"), std::invalid_argument);
}
