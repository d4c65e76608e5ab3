// The linear model recovers known coefficients (OLS, ridge, log-log poisson, logistic), treats
// weights, missing values and categories as documented, and round-trips exactly through JSON.
#include "seatsync/linear_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>

using namespace seatsync;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

Table empty_table(std::size_t rows, const std::vector<std::string>& names) {
  Table t;
  for (const auto& n : names) t.columns.push_back({n, false, {}, ""});
  t.x.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(names.size()));
  return t;
}

LinearParams params(BoostTask task, double l2 = 1.0) {
  LinearParams p;
  p.task = task;
  p.l2 = l2;
  return p;
}

float row_prediction(const LinearModel& m, std::vector<float> row) { return m.predict_row(row.data()); }

}  // namespace

TEST(LinearModel, RecoversOlsCoefficients) {
  // Columns on very different scales: standardisation must not change the answer.
  Table t = empty_table(500, {"x1", "x2", "x3"});
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    t.x(r, 0) = 2 * u(rng) - 1;
    t.x(r, 1) = 100 + 100 * u(rng);
    t.x(r, 2) = 0.01f * u(rng);
    t.y.push_back(static_cast<float>(1.5 + 2.0 * t.x(r, 0) - 0.03 * t.x(r, 1) + 40.0 * t.x(r, 2)));
  }
  const LinearModel m = LinearModel::train(t, params(BoostTask::regression, 0.0));
  EXPECT_NEAR(m.coefficient("x1"), 2.0, 1e-4);
  EXPECT_NEAR(m.coefficient("x2"), -0.03, 1e-6);
  EXPECT_NEAR(m.coefficient("x3"), 40.0, 1e-2);
  const auto p = m.predict(t);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_NEAR(p[i], t.y[i], 1e-4);
  // Ranked by standardised effect: 2 · 2/√12, 0.03 · 100/√12, 40 · 0.01/√12.
  const auto rank = m.importance();
  ASSERT_EQ(rank.size(), 3u);
  EXPECT_EQ(rank[0].first, "x1");
  EXPECT_EQ(rank[1].first, "x2");
  EXPECT_NEAR(rank[1].second, 0.03 * 100 / std::sqrt(12.0), 0.05);
  EXPECT_EQ(rank[2].first, "x3");
}

TEST(LinearModel, RidgeShrinksTowardZero) {
  Table t = empty_table(1000, {"x", "z"});
  std::mt19937_64 rng(2);
  std::normal_distribution<float> n(0.0f, 1.0f);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    t.x(r, 0) = n(rng);
    t.x(r, 1) = n(rng);
    t.y.push_back(5 + 3 * t.x(r, 0) - t.x(r, 1) + n(rng));
  }
  // One standardised column, unit weights: b(l2) = b(0) · n / (n + l2) exactly.
  Table one = t;
  one.columns.resize(1);
  one.x.conservativeResize(Eigen::NoChange, 1);
  const double b0 = LinearModel::train(one, params(BoostTask::regression, 0.0)).design()[0].coefficient;
  const double b1000 = LinearModel::train(one, params(BoostTask::regression, 1000.0)).design()[0].coefficient;
  EXPECT_NEAR(b1000 / b0, 0.5, 1e-9);

  double previous = std::numeric_limits<double>::infinity();
  for (double l2 : {0.0, 10.0, 100.0, 1e3, 1e4, 1e5}) {
    const double c = std::abs(LinearModel::train(t, params(BoostTask::regression, l2)).coefficient("x"));
    EXPECT_LT(c, previous) << "l2 " << l2;
    previous = c;
  }
  // Overwhelming penalty: every prediction is the (unpenalised) mean.
  const LinearModel flat = LinearModel::train(t, params(BoostTask::regression, 1e12));
  double mean = 0;
  for (float y : t.y) mean += y / 1000.0;
  EXPECT_NEAR(std::abs(flat.coefficient("x")), 0.0, 1e-6);
  EXPECT_NEAR(flat.predict(t)[7], mean, 1e-4);
}

TEST(LinearModel, PoissonLogLogRecoversElasticity) {
  Table t = empty_table(20000, {"price", "weekend"});
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    const double price = 10 * std::pow(10.0, u(rng));  // 10 … 100, uniform in log
    const int weekend = u(rng) < 2.0 / 7.0;
    t.x(r, 0) = static_cast<float>(price);
    t.x(r, 1) = static_cast<float>(weekend);
    const double rate = 300 * std::pow(static_cast<double>(t.x(r, 0)), -1.7) * std::exp(0.3 * weekend);
    t.y.push_back(static_cast<float>(std::poisson_distribution<int>(rate)(rng)));
  }
  LinearParams p = params(BoostTask::poisson);
  p.log_columns = {"price"};
  const LinearModel m = LinearModel::train(t, p);
  EXPECT_NEAR(m.coefficient("price"), -1.7, 0.05);
  EXPECT_NEAR(m.coefficient("weekend"), 0.3, 0.05);
  EXPECT_EQ(m.importance().front().first, "log(price)");
  // Expected counts at two prices differ by the elasticity.
  const double ratio = row_prediction(m, {20, 0}) / row_prediction(m, {40, 0});
  EXPECT_NEAR(std::log(ratio) / std::log(2.0), -m.coefficient("price"), 1e-4);
}

TEST(LinearModel, LogisticRecoversCoefficients) {
  Table t = empty_table(20000, {"x1", "x2"});
  std::mt19937_64 rng(4);
  std::normal_distribution<double> n(0.0, 1.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    t.x(r, 0) = static_cast<float>(n(rng));
    t.x(r, 1) = static_cast<float>(n(rng));
    const double eta = -0.5 + 1.2 * t.x(r, 0) - 0.8 * t.x(r, 1);
    t.y.push_back(u(rng) < 1 / (1 + std::exp(-eta)) ? 1.0f : 0.0f);
  }
  const LinearModel m = LinearModel::train(t, params(BoostTask::binary));
  EXPECT_NEAR(m.coefficient("x1"), 1.2, 0.1);
  EXPECT_NEAR(m.coefficient("x2"), -0.8, 0.1);
  for (float p : m.predict(t)) EXPECT_TRUE(p > 0 && p < 1);
}

TEST(LinearModel, ConvergesFromFarAwayAndOnSeparableData) {
  // Counts spanning e^-2 … e^6: the first Newton steps from the intercept-only start overshoot.
  Table t = empty_table(5000, {"x"});
  std::mt19937_64 rng(10);
  std::uniform_real_distribution<double> u(0.0, 2.0);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    t.x(r, 0) = static_cast<float>(u(rng));
    t.y.push_back(static_cast<float>(std::poisson_distribution<int>(std::exp(-2 + 4 * t.x(r, 0)))(rng)));
  }
  EXPECT_NEAR(LinearModel::train(t, params(BoostTask::poisson)).coefficient("x"), 4.0, 0.02);
  // Perfectly separable classes: only the penalty (and the η clamp) keeps the fit finite.
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) t.y[static_cast<std::size_t>(r)] = t.x(r, 0) > 1 ? 1.0f : 0.0f;
  for (double l2 : {1.0, 0.0}) {
    const LinearModel m = LinearModel::train(t, params(BoostTask::binary, l2));
    EXPECT_GT(m.coefficient("x"), 10.0);
    const auto p = m.predict(t);
    for (std::size_t i = 0; i < p.size(); ++i) ASSERT_TRUE(std::isfinite(p[i]));
    EXPECT_LT(row_prediction(m, {0.5f}), 0.01);
    EXPECT_GT(row_prediction(m, {1.5f}), 0.99);
  }
}

TEST(LinearModel, DuplicatingRowsEqualsWeightTwo) {
  Table base = empty_table(400, {"x", "room"});
  base.columns[1] = {"room", true, {"A", "B", "C"}, ""};
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (Eigen::Index r = 0; r < base.x.rows(); ++r) {
    base.x(r, 0) = static_cast<float>(u(rng));
    base.x(r, 1) = static_cast<float>(r % 3);
    base.y.push_back(
        static_cast<float>(std::poisson_distribution<int>(std::exp(1 + base.x(r, 0) - 0.2 * (r % 3)))(rng)));
  }
  std::vector<bool> first(400, false);
  for (std::size_t r = 0; r < 100; ++r) first[r] = true;
  const Table extra = base.select_rows(first);
  Table duplicated = base;
  duplicated.x.conservativeResize(500, Eigen::NoChange);
  duplicated.x.bottomRows(100) = extra.x;
  duplicated.y.insert(duplicated.y.end(), extra.y.begin(), extra.y.end());
  Table weighted = base;
  weighted.weight.assign(400, 1.0f);
  for (std::size_t r = 0; r < 100; ++r) weighted.weight[r] = 2.0f;
  // Rows of weight 0 count for nothing, even when they hold values seen nowhere else.
  Table padded = weighted;
  padded.x.conservativeResize(402, Eigen::NoChange);
  padded.x.row(400) << kNaN, 2;
  padded.x.row(401) << 1000, kNaN;
  padded.y.insert(padded.y.end(), {50.0f, 0.0f});
  padded.weight.insert(padded.weight.end(), {0.0f, 0.0f});

  const auto p = params(BoostTask::poisson);
  const LinearModel a = LinearModel::train(duplicated, p), b = LinearModel::train(weighted, p),
                    c = LinearModel::train(padded, p);
  ASSERT_EQ(a.design().size(), b.design().size());
  ASSERT_EQ(a.design().size(), c.design().size());
  EXPECT_NEAR(a.intercept(), b.intercept(), 1e-9);
  EXPECT_NEAR(a.intercept(), c.intercept(), 1e-9);
  for (std::size_t d = 0; d < a.design().size(); ++d) {
    EXPECT_NEAR(a.design()[d].coefficient, b.design()[d].coefficient, 1e-9);
    EXPECT_NEAR(a.design()[d].coefficient, c.design()[d].coefficient, 1e-9);
  }
  EXPECT_NEAR(a.coefficient("x"), b.coefficient("x"), 1e-9);
}

TEST(LinearModel, MissingValuesUseTheIndicator) {
  // y = 1 + 2x + 0.5·ln(price), where a missing x adds 6 instead and a missing (or <= 0)
  // price adds 1: exactly linear in the design with both indicators.
  Table t = empty_table(2000, {"x", "price"});
  std::mt19937_64 rng(6);
  std::uniform_real_distribution<float> u(0.0f, 1.0f);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    t.x(r, 0) = r % 5 == 0 ? kNaN : u(rng);
    t.x(r, 1) = r % 7 == 0 ? (r % 2 ? 0.0f : -3.0f) : 1 + 9 * u(rng);
    const double fx = std::isnan(t.x(r, 0)) ? 6.0 : 2.0 * t.x(r, 0);
    const double fp = t.x(r, 1) > 0 ? 0.5 * std::log(static_cast<double>(t.x(r, 1))) : 1.0;
    t.y.push_back(static_cast<float>(1 + fx + fp));
  }
  LinearParams p = params(BoostTask::regression, 0.0);
  p.log_columns = {"price"};
  const LinearModel m = LinearModel::train(t, p);
  EXPECT_NEAR(m.coefficient("x"), 2.0, 1e-4);
  EXPECT_NEAR(m.coefficient("price"), 0.5, 1e-4);
  EXPECT_NEAR(row_prediction(m, {kNaN, 1.0f}), 7.0, 1e-4);
  EXPECT_NEAR(row_prediction(m, {std::numeric_limits<float>::infinity(), 1.0f}), 7.0, 1e-4);
  EXPECT_NEAR(row_prediction(m, {0.5f, kNaN}), 3.0, 1e-4);
  EXPECT_NEAR(row_prediction(m, {0.5f, -1.0f}), 3.0, 1e-4);
  bool x_indicator = false, price_indicator = false;
  for (const auto& [name, value] : m.importance()) {
    x_indicator |= name == "x missing" && value > 0.1;
    price_indicator |= name == "price missing" && value > 0.01;
  }
  EXPECT_TRUE(x_indicator);
  EXPECT_TRUE(price_indicator);
  // Predictions are finite for any features, in every task.
  for (BoostTask task : {BoostTask::binary, BoostTask::poisson}) {
    Table c = t;
    for (auto& y : c.y) y = y > 4 ? 1.0f : 0.0f;
    LinearParams q = params(task);
    q.log_columns = {"price"};
    const LinearModel g = LinearModel::train(c, q);
    EXPECT_TRUE(std::isfinite(row_prediction(g, {kNaN, kNaN})));
    EXPECT_TRUE(std::isfinite(row_prediction(g, {-std::numeric_limits<float>::infinity(), 0.0f})));
  }
}

TEST(LinearModel, CategoricalGivesPerCategoryMeans) {
  Table t;
  t.columns.push_back({"room", true, {"A", "B", "C"}, ""});
  t.x.resize(900, 1);
  std::mt19937_64 rng(7);
  std::normal_distribution<float> n(0.0f, 1.0f);
  const float level[] = {10, 40, 5};
  double sum[3] = {0, 0, 0};
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    const int code = static_cast<int>(r % 3);
    t.x(r, 0) = static_cast<float>(code);
    t.y.push_back(level[code] + n(rng));
    sum[code] += t.y.back();
  }
  for (std::size_t cap : {std::size_t{64}, std::size_t{2}}) {
    LinearParams p = params(BoostTask::regression, 0.0);
    p.max_categories = cap;
    const LinearModel m = LinearModel::train(t, p);
    EXPECT_EQ(m.design().size(), std::min<std::size_t>(cap, 3));
    for (int code = 0; code < 3; ++code)
      EXPECT_NEAR(row_prediction(m, {static_cast<float>(code)}), sum[code] / 300, 1e-4) << "code " << code;
    for (float odd : {kNaN, 7.0f, -1.0f, 0.5f}) EXPECT_TRUE(std::isfinite(row_prediction(m, {odd})));
    if (cap == 2) EXPECT_EQ(row_prediction(m, {kNaN}), row_prediction(m, {2.0f}));  // C is beyond the cap
    EXPECT_EQ(m.design()[0].name, "room=A");
    EXPECT_THROW(m.coefficient("room"), std::invalid_argument);
    EXPECT_THROW(m.coefficient("nope"), std::invalid_argument);
  }
}

TEST(LinearModel, ConstantColumnIsDropped) {
  Table t = empty_table(100, {"x", "constant"});
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    t.x(r, 0) = static_cast<float>(r);
    t.x(r, 1) = 0.1f;
    t.y.push_back(static_cast<float>(r % 10));
  }
  const LinearModel m = LinearModel::train(t, params(BoostTask::regression));
  EXPECT_EQ(m.design().size(), 1u);
  EXPECT_EQ(m.coefficient("constant"), 0.0);
}

TEST(LinearModel, SaveLoadRoundTripIsExact) {
  Table t = empty_table(3000, {"price", "days", "room"});
  t.columns[2] = {"room", true, {"A", "B"}, ""};
  std::mt19937_64 rng(8);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    t.x(r, 0) = static_cast<float>(20 + 80 * u(rng));
    t.x(r, 1) = r % 11 == 0 ? kNaN : static_cast<float>(60 * u(rng));
    t.x(r, 2) = static_cast<float>(r % 2);
    const double rate = 50 * std::pow(static_cast<double>(t.x(r, 0)), -1.1) * std::exp(0.01 * (r % 60) + 0.4 * (r % 2));
    t.y.push_back(static_cast<float>(std::poisson_distribution<int>(rate)(rng)));
  }
  LinearParams p = params(BoostTask::poisson);
  p.log_columns = {"price"};
  const LinearModel m = LinearModel::train(t, p);
  const std::string bytes = m.save_to_bytes();
  const auto j = nlohmann::json::parse(bytes);
  EXPECT_EQ(j.at("format"), "seatsync-linear");
  EXPECT_EQ(j.at("version"), 1);
  EXPECT_EQ(j.at("task"), "poisson");
  EXPECT_EQ(j.at("design").size(), j.at("coefficients").size());
  EXPECT_EQ(j.at("design").size(), 5u);  // log(price), days, days missing, room=A, room=B

  const LinearModel loaded = LinearModel::load_from_bytes(bytes);
  EXPECT_EQ(loaded.task(), BoostTask::poisson);
  EXPECT_EQ(loaded.feature_count(), 3u);
  EXPECT_EQ(loaded.save_to_bytes(), bytes);
  EXPECT_EQ(loaded.coefficient("price"), m.coefficient("price"));
  EXPECT_EQ(loaded.importance(), m.importance());
  const auto before = m.predict(t), after = loaded.predict(t);
  ASSERT_EQ(before.size(), after.size());
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(before[i], after[i]);
    EXPECT_EQ(loaded.predict_row(t.x.row(static_cast<Eigen::Index>(i)).data()), before[i]);
  }
}

TEST(LinearModel, ThreadCountDoesNotChangeTheFit) {
  Table t = empty_table(150000, {"a", "b", "c"});  // several chunks of rows
  std::mt19937_64 rng(9);
  std::normal_distribution<float> n(0.0f, 1.0f);
  for (Eigen::Index r = 0; r < t.x.rows(); ++r) {
    for (Eigen::Index c = 0; c < 3; ++c) t.x(r, c) = n(rng);
    t.y.push_back(t.x(r, 0) - t.x(r, 1) + n(rng) > 0 ? 1.0f : 0.0f);
  }
  LinearParams p = params(BoostTask::binary);
  p.threads = 1;
  const std::string one = LinearModel::train(t, p).save_to_bytes();
  p.threads = 3;
  EXPECT_EQ(LinearModel::train(t, p).save_to_bytes(), one);
}

TEST(LinearModel, RejectsBadInput) {
  Table t = empty_table(10, {"x", "room"});
  t.columns[1].categorical = true;
  for (Eigen::Index r = 0; r < 10; ++r) {
    t.x(r, 0) = static_cast<float>(r);
    t.x(r, 1) = static_cast<float>(r % 2);
    t.y.push_back(static_cast<float>(r % 2));
  }
  const auto regression = params(BoostTask::regression);
  EXPECT_NO_THROW(LinearModel::train(t, params(BoostTask::binary)));
  EXPECT_THROW(LinearModel::train(empty_table(0, {"x"}), regression), std::invalid_argument);
  LinearParams bad_log = regression;
  bad_log.log_columns = {"nope"};
  EXPECT_THROW(LinearModel::train(t, bad_log), std::invalid_argument);
  bad_log.log_columns = {"room"};
  EXPECT_THROW(LinearModel::train(t, bad_log), std::invalid_argument);
  Table bad = t;
  bad.y[3] = kNaN;
  EXPECT_THROW(LinearModel::train(bad, regression), std::invalid_argument);
  bad.y[3] = 2.0f;
  EXPECT_THROW(LinearModel::train(bad, params(BoostTask::binary)), std::invalid_argument);
  bad.y[3] = -1.0f;
  EXPECT_THROW(LinearModel::train(bad, params(BoostTask::poisson)), std::invalid_argument);
  bad = t;
  bad.y.pop_back();
  EXPECT_THROW(LinearModel::train(bad, regression), std::invalid_argument);
  bad = t;
  bad.weight.assign(10, 0.0f);
  EXPECT_THROW(LinearModel::train(bad, regression), std::invalid_argument);
  bad.weight.assign(10, 1.0f);
  bad.weight[2] = -1.0f;
  EXPECT_THROW(LinearModel::train(bad, regression), std::invalid_argument);
  EXPECT_THROW(LinearModel::train(t, params(BoostTask::regression, -1.0)), std::invalid_argument);
  const LinearModel m = LinearModel::train(t, regression);
  EXPECT_THROW(m.predict(empty_table(2, {"x"})), std::invalid_argument);
}

TEST(LinearModel, LoadRejectsGarbage) {
  for (const char* bytes :
       {"", "not json", "[1,2]", "{}", R"({"format":"xgboost"})", R"({"format":"seatsync-linear","version":2})",
        R"({"format":"seatsync-linear","version":1})"})
    EXPECT_THROW(LinearModel::load_from_bytes(bytes), std::runtime_error) << bytes;
  // A well-formed model whose design points at a column that is not there.
  Table t = empty_table(20, {"x"});
  for (Eigen::Index r = 0; r < 20; ++r) {
    t.x(r, 0) = static_cast<float>(r);
    t.y.push_back(static_cast<float>(r));
  }
  auto j = nlohmann::json::parse(LinearModel::train(t, params(BoostTask::regression)).save_to_bytes());
  j["design"][0]["column"] = 5;
  EXPECT_THROW(LinearModel::load_from_bytes(j.dump()), std::runtime_error);
  j["design"][0]["column"] = 0;
  j["design"][0]["kind"] = "quadratic";
  EXPECT_THROW(LinearModel::load_from_bytes(j.dump()), std::runtime_error);
}
