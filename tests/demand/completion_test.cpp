// The guarantees of complete() for every method, and the known answers of ours.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "seatsync/completion.hpp"

using namespace seatsync;

namespace {

// A matrix with the given prices observed (NaN = missing), one game per observed cell.
DemandMatrix make_matrix(const Eigen::MatrixXd& prices) {
  DemandMatrix m;
  m.tier = 1;
  m.group = "G";
  for (Eigen::Index r = 0; r < prices.rows(); ++r) m.bucket_names.push_back("b" + std::to_string(r));
  m.price = prices;
  m.games = prices.unaryExpr([](double p) { return std::isnan(p) ? 0 : 1; }).cast<int>();
  m.orders = m.games;
  return m;
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

TEST(CompletionMonotone, RecoversAHiddenLogLinearDemandCurveExactly) {
  // price(i, q) = base_i * q^-0.3: exactly the rank-2 shape the method fits.
  const double base[3] = {200, 150, 120};
  Eigen::MatrixXd truth(3, 12);
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 12; ++c) truth(r, c) = base[r] * std::pow(c + 1.0, -0.3);
  Eigen::MatrixXd seen = Eigen::MatrixXd::Constant(3, 12, kNaN);
  for (auto [r, c] : std::vector<std::pair<int, int>>{{0, 1}, {0, 6}, {1, 0}, {1, 4}, {1, 10}, {2, 3}, {2, 8}})
    seen(r, c) = truth(r, c);
  auto done = complete(make_matrix(seen), CompletionMethod::monotone);
  EXPECT_TRUE(done.notes.empty());
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 12; ++c) EXPECT_NEAR(done.price(r, c), truth(r, c), 1e-9 * truth(r, c)) << r << "," << c;
}

TEST(CompletionMonotone, PriceNeverRisesWithQuantityEvenWhenTheDataDo) {
  // Observed prices that increase with quantity (a demand shock, not a demand curve).
  Eigen::MatrixXd seen = Eigen::MatrixXd::Constant(2, 6, kNaN);
  seen(0, 0) = 50;
  seen(0, 5) = 90;
  seen(1, 1) = 60;
  seen(1, 4) = 80;
  auto done = complete(make_matrix(seen), CompletionMethod::monotone);
  for (int r = 0; r < 2; ++r)
    for (int c = 1; c < 6; ++c) EXPECT_LE(done.price(r, c), done.price(r, c - 1) + 1e-12);
  // The flat fit keeps revenue: Σ q·p over the observed cells is reproduced.
  const double observed = 1 * 50 + 6 * 90 + 2 * 60 + 5 * 80;
  const double fitted = 1 * done.price(0, 0) + 6 * done.price(0, 5) + 2 * done.price(1, 1) + 5 * done.price(1, 4);
  EXPECT_NEAR(fitted, observed, 1e-9 * observed);
}

TEST(Completion, EmptyBucketBorrowsFromTheNearestBucketWithData) {
  Eigen::MatrixXd seen = Eigen::MatrixXd::Constant(3, 4, kNaN);
  seen(0, 0) = 100;
  seen(0, 3) = 100;
  seen(2, 1) = 50;
  seen(2, 2) = 50;
  auto done = complete(make_matrix(seen), CompletionMethod::monotone);
  // Ties go to the bucket closer to the game (the later row).
  for (int c = 0; c < 4; ++c) EXPECT_GT(done.price(1, c), 0);
  EXPECT_NEAR(done.price(1, 1) / done.price(2, 1), 1.0, 1e-9);
}

TEST(Completion, ThinMatrixFallsBackToThePooledMatrixScaledToItsLevelAndSaysSo) {
  Eigen::MatrixXd pooled_prices = Eigen::MatrixXd::Constant(2, 3, 100.0);
  auto pooled = complete(make_matrix(pooled_prices), CompletionMethod::hybrid);
  Eigen::MatrixXd thin = Eigen::MatrixXd::Constant(2, 3, kNaN);
  thin(1, 2) = 150;
  CompletionOptions o;
  o.min_observed_cells = 4;
  for (auto method : all_completion_methods()) {
    auto done = complete(make_matrix(thin), method, o, &pooled);
    ASSERT_EQ(done.notes.size(), 1u) << to_string(method);
    EXPECT_NE(done.notes[0].find("pooled over tiers"), std::string::npos);
    for (Eigen::Index i = 0; i < done.price.size(); ++i) EXPECT_NEAR(done.price.data()[i], 150.0, 1e-9);
  }
  EXPECT_THROW(complete(make_matrix(Eigen::MatrixXd::Constant(2, 3, kNaN)), CompletionMethod::nn), std::invalid_argument);
}

TEST(Completion, EveryMethodGivesFinitePositivePricesOnRandomSparseMatrices) {
  std::mt19937_64 rng(12345);
  std::uniform_real_distribution<double> u(0, 1);
  for (int trial = 0; trial < 200; ++trial) {
    const int rows = 1 + static_cast<int>(rng() % 8), cols = 1 + static_cast<int>(rng() % 40);
    const double density = 0.02 + 0.5 * u(rng);
    Eigen::MatrixXd seen = Eigen::MatrixXd::Constant(rows, cols, kNaN);
    for (int r = 0; r < rows; ++r)
      for (int c = 0; c < cols; ++c)
        if (u(rng) < density) seen(r, c) = std::exp(1 + 6 * u(rng));  // $2.7 … $1,100
    seen(rng() % rows, rng() % cols) = 40;  // at least one observed cell
    auto raw = make_matrix(seen);
    Eigen::MatrixXd pooled_prices = Eigen::MatrixXd::Constant(rows, cols, 60.0);
    auto pooled = complete(make_matrix(pooled_prices), CompletionMethod::svd);
    for (auto method : all_completion_methods())
      for (const CompletedMatrix* fallback : std::vector<const CompletedMatrix*>{nullptr, &pooled}) {
        auto done = complete(raw, method, {}, fallback);
        ASSERT_EQ(done.price.rows(), rows);
        ASSERT_EQ(done.price.cols(), cols);
        for (Eigen::Index i = 0; i < done.price.size(); ++i) {
          const double p = done.price.data()[i];
          ASSERT_TRUE(std::isfinite(p) && p > 0) << to_string(method) << " trial " << trial;
        }
        // nn keeps observed cells as they are.
        if (method == CompletionMethod::nn && done.notes.empty())
          for (Eigen::Index i = 0; i < seen.size(); ++i)
            if (!std::isnan(seen.data()[i])) EXPECT_DOUBLE_EQ(done.price.data()[i], seen.data()[i]);
        if (method == CompletionMethod::monotone && done.notes.empty())
          for (int r = 0; r < rows; ++r)
            for (int c = 1; c < cols; ++c) ASSERT_LE(done.price(r, c), done.price(r, c - 1) * (1 + 1e-12));
      }
  }
}

TEST(Completion, MethodNamesRoundTrip) {
  for (auto m : all_completion_methods()) EXPECT_EQ(parse_completion_method(to_string(m)), m);
  EXPECT_FALSE(parse_completion_method("magic"));
  CompletedMatrix c;
  c.price = Eigen::MatrixXd::Constant(2, 3, 7.0);
  c.price(1, 2) = 9.0;
  EXPECT_EQ(c.at(1, 3), 9.0);
  EXPECT_EQ(c.at(1, 99), 9.0);  // beyond the axis: the last column
}
