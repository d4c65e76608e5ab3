// knn_impute: sklearn KNNImputer(weights="distance") semantics, checked on hand-computed
// examples and, on random matrices, against a literal transcription of sklearn's algorithm.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

#include "seatsync/completion.hpp"
#include "test_support.hpp"

using namespace seatsync;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();


// The worked example. Columns a, b, c; n_cols = 3.
//        a    b    c
//   R0 [ 1,   2,   ·  ]
//   R1 [ 2,   ·,   4  ]
//   R2 [ ·,   4,   8  ]
//   R3 [ 2,   7,   ·  ]
// nan-Euclidean distances, d = sqrt(3 / n_common × Σ_common (x − y)²):
//   d(R0,R1): common {a}:   (1−2)² = 1        → √(3·1)      = √3
//   d(R0,R2): common {b}:   (2−4)² = 4        → √(3·4)      = 2√3
//   d(R0,R3): common {a,b}: 1 + 25 = 26       → √(3/2·26)   = √39
//   d(R1,R2): common {c}:   (4−8)² = 16       → √(3·16)     = 4√3
//   d(R1,R3): common {a}:   (2−2)² = 0        → 0
//   d(R2,R3): common {b}:   (4−7)² = 9        → √(3·9)      = 3√3
Eigen::MatrixXd worked_example() {
  return test::matrix_of({{1, 2, NaN}, {2, NaN, 4}, {NaN, 4, 8}, {2, 7, NaN}});
}

void expect_same_observed(const Eigen::MatrixXd& in, const Eigen::MatrixXd& out) {
  ASSERT_EQ(in.rows(), out.rows());
  ASSERT_EQ(in.cols(), out.cols());
  for (Eigen::Index r = 0; r < in.rows(); ++r)
    for (Eigen::Index c = 0; c < in.cols(); ++c)
      if (!std::isnan(in(r, c))) {
        EXPECT_EQ(out(r, c), in(r, c)) << "observed cell (" << r << "," << c << ") changed";
      }
}

}  // namespace

TEST(KnnImpute, WorkedExampleTwoNeighbours) {
  const Eigen::MatrixXd x = worked_example();
  const Eigen::MatrixXd out = knn_impute(x, 2);
  expect_same_observed(x, out);
  // R0.c: donors of c are R1 (c=4, d=√3) and R2 (c=8, d=2√3); both taken.
  //   weights 1/√3 : 1/(2√3) = 2 : 1  → (2·4 + 1·8) / 3 = 16/3.
  EXPECT_NEAR(out(0, 2), 16.0 / 3.0, 1e-12);
  // R1.b: donors R0 (b=2, d=√3), R2 (b=4, d=4√3), R3 (b=7, d=0). Nearest two: R3, R0.
  //   R3 is at distance 0, so it takes all the weight → 7.
  EXPECT_DOUBLE_EQ(out(1, 1), 7.0);
  // R2.a: donors R0 (a=1, d=2√3), R1 (a=2, d=4√3), R3 (a=2, d=3√3): 3 donors, k = 2 keeps
  //   R0 and R3 (R1 left out). weights 1/2 : 1/3 = 3 : 2 → (3·1 + 2·2) / 5 = 7/5.
  //   (Had R0's imputed c = 16/3 been used, d(R2,R0) would be over {b,c}:
  //   √(3/2·(4 + 64/9)) ≈ 4.08 instead of 2√3 ≈ 3.46, and the answer would move.)
  EXPECT_NEAR(out(2, 0), 7.0 / 5.0, 1e-12);
  // R3.c: donors R1 (c=4, d=0), R2 (c=8, d=3√3) → R1 takes all the weight → 4.
  EXPECT_DOUBLE_EQ(out(3, 2), 4.0);
}

TEST(KnnImpute, WorkedExampleOneNeighbourPicksTheNearest) {
  const Eigen::MatrixXd out = knn_impute(worked_example(), 1);
  EXPECT_DOUBLE_EQ(out(0, 2), 4.0);  // R0.c: nearest donor R1 (√3 < 2√3)
  EXPECT_DOUBLE_EQ(out(1, 1), 7.0);  // R1.b: nearest donor R3 (0)
  EXPECT_DOUBLE_EQ(out(2, 0), 1.0);  // R2.a: nearest donor R0 (2√3 < 3√3 < 4√3)
  EXPECT_DOUBLE_EQ(out(3, 2), 4.0);  // R3.c: nearest donor R1 (0)
}

TEST(KnnImpute, WorkedExampleKIsCappedAtTheDonors) {
  // k = 5 > donors: every donor is a neighbour.
  const Eigen::MatrixXd out = knn_impute(worked_example(), 5);
  EXPECT_NEAR(out(0, 2), 16.0 / 3.0, 1e-12);  // both donors, as with k = 2
  EXPECT_DOUBLE_EQ(out(1, 1), 7.0);           // R3 still at distance 0
  // R2.a with all three donors: weights 1/(2√3) : 1/(4√3) : 1/(3√3) = 1/2 : 1/4 : 1/3
  //   = 6 : 3 : 4 → (6·1 + 3·2 + 4·2) / 13 = 20/13.
  EXPECT_NEAR(out(2, 0), 20.0 / 13.0, 1e-12);
  EXPECT_DOUBLE_EQ(out(3, 2), 4.0);
  // A k far beyond the row count behaves the same.
  EXPECT_TRUE(knn_impute(worked_example(), 1000).isApprox(out, 1e-15));
}

TEST(KnnImpute, EmptyRowNanDistanceDonorAndEmptyColumn) {
  //        a    b    c
  //   R0 [ 1,   ·,   · ]
  //   R1 [ 3,   5,   · ]
  //   R2 [ ·,   ·,   · ]   no observed cell
  //   R3 [ ·,   9,   · ]
  //   column c: no observed cell at all
  const Eigen::MatrixXd x = test::matrix_of({{1, NaN, NaN}, {3, 5, NaN}, {NaN, NaN, NaN}, {NaN, 9, NaN}});
  const Eigen::MatrixXd out = knn_impute(x, 2);
  expect_same_observed(x, out);
  // R0.b: donors R1 (b=5; common {a}: (1−3)² = 4 → √12) and R3 (b=9; no common column →
  //   NaN). k = 2 takes both, R3 sorted last with weight 0 → 5.
  EXPECT_DOUBLE_EQ(out(0, 1), 5.0);
  // R3.a: donors R0 (a=1; no common column → NaN) and R1 (a=3; common {b}: (9−5)² = 16 →
  //   √48) → 3.
  EXPECT_DOUBLE_EQ(out(3, 0), 3.0);
  // R2 has no common column with anyone → column means: a = (1+3)/2 = 2, b = (5+9)/2 = 7.
  EXPECT_DOUBLE_EQ(out(2, 0), 2.0);
  EXPECT_DOUBLE_EQ(out(2, 1), 7.0);
  // The all-missing column stays NaN in every row.
  for (Eigen::Index r = 0; r < 4; ++r) EXPECT_TRUE(std::isnan(out(r, 2))) << "row " << r;
}

TEST(KnnImpute, ReceiverWithNoCommonColumnGetsTheColumnMean) {
  //        a    b    c
  //   R0 [ 1,   ·,  10 ]
  //   R1 [ ·,   5,   · ]
  //   R2 [ 3,   ·,  20 ]
  //   R3 [ ·,   9,   · ]
  // Rows observe either {a, c} or {b}: every receiver/donor pair shares no column, so every
  // distance is NaN and each missing cell takes its column's mean: a = 2, b = 7, c = 15.
  const Eigen::MatrixXd x = test::matrix_of({{1, NaN, 10}, {NaN, 5, NaN}, {3, NaN, 20}, {NaN, 9, NaN}});
  const Eigen::MatrixXd out = knn_impute(x, 5);
  expect_same_observed(x, out);
  EXPECT_DOUBLE_EQ(out(0, 1), 7.0);
  EXPECT_DOUBLE_EQ(out(2, 1), 7.0);
  EXPECT_DOUBLE_EQ(out(1, 0), 2.0);
  EXPECT_DOUBLE_EQ(out(3, 0), 2.0);
  EXPECT_DOUBLE_EQ(out(1, 2), 15.0);
  EXPECT_DOUBLE_EQ(out(3, 2), 15.0);
}

TEST(KnnImpute, ZeroDistanceDonorsShareTheWeightEqually) {
  //   R0 [ 1,  · ]
  //   R1 [ 1,  4 ]   d(R0,R1) = 0
  //   R2 [ 1,  8 ]   d(R0,R2) = 0
  //   R3 [ 5, 100]   d(R0,R3) = √(2/1·16) = √32
  const Eigen::MatrixXd x = test::matrix_of({{1, NaN}, {1, 4}, {1, 8}, {5, 100}});
  // k = 3: R1 and R2 share all the weight, R3 gets none → (4 + 8) / 2 = 6.
  EXPECT_DOUBLE_EQ(knn_impute(x, 3)(0, 1), 6.0);
  // k = 1: R1 and R2 tie at the first place; the lower row index wins (sklearn leaves the
  // order of ties to numpy's argpartition) → 4.
  EXPECT_DOUBLE_EQ(knn_impute(x, 1)(0, 1), 4.0);
}

TEST(KnnImpute, NothingMissingOrNothingAtAll) {
  const Eigen::MatrixXd full = test::matrix_of({{1, 2}, {3, 4}});
  EXPECT_EQ(knn_impute(full, 5), full);
  EXPECT_EQ(knn_impute(Eigen::MatrixXd(0, 0)).size(), 0);
  EXPECT_EQ(knn_impute(Eigen::MatrixXd(0, 3)).cols(), 3);
  EXPECT_EQ(knn_impute(Eigen::MatrixXd(3, 0)).rows(), 3);
  const Eigen::MatrixXd empty = Eigen::MatrixXd::Constant(3, 2, NaN);
  EXPECT_TRUE(knn_impute(empty).array().isNaN().all());
}

TEST(KnnImpute, RejectsBadArguments) {
  EXPECT_THROW(knn_impute(worked_example(), 0), std::invalid_argument);
  EXPECT_THROW(knn_impute(worked_example(), -1), std::invalid_argument);
  Eigen::MatrixXd x = worked_example();
  x(0, 0) = std::numeric_limits<double>::infinity();
  EXPECT_THROW(knn_impute(x), std::invalid_argument);
}

// ---- Properties on random matrices ---------------------------------------------------------

namespace {

// sklearn's algorithm transcribed as literally as possible, with no shortcut: full distance
// matrix on the input, every donor considered (undefined distances included, sorted last),
// k capped at the donors, _get_weights' rules, then the weighted mean.
Eigen::MatrixXd reference_knn(const Eigen::MatrixXd& x, int k) {
  const Eigen::Index n = x.rows(), p = x.cols();
  Eigen::MatrixXd dist(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) {
      double sq = 0;
      int common = 0;
      for (Eigen::Index c = 0; c < p; ++c)
        if (!std::isnan(x(i, c)) && !std::isnan(x(j, c))) {
          sq += (x(i, c) - x(j, c)) * (x(i, c) - x(j, c));
          ++common;
        }
      dist(i, j) = common ? std::sqrt(sq / common * static_cast<double>(p)) : NaN;
    }
  Eigen::MatrixXd out = x;
  for (Eigen::Index c = 0; c < p; ++c) {
    std::vector<Eigen::Index> donors;
    double sum = 0;
    for (Eigen::Index j = 0; j < n; ++j)
      if (!std::isnan(x(j, c))) {
        donors.push_back(j);
        sum += x(j, c);
      }
    if (donors.empty()) continue;
    const double mean = sum / static_cast<double>(donors.size());
    for (Eigen::Index r = 0; r < n; ++r) {
      if (!std::isnan(x(r, c))) continue;
      std::vector<Eigen::Index> order = donors;
      std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
        const double da = dist(r, a), db = dist(r, b);
        if (std::isnan(da) || std::isnan(db)) return !std::isnan(da) && std::isnan(db);
        return da < db;
      });
      if (std::all_of(order.begin(), order.end(), [&](Eigen::Index j) { return std::isnan(dist(r, j)); })) {
        out(r, c) = mean;
        continue;
      }
      order.resize(std::min<std::size_t>(static_cast<std::size_t>(k), order.size()));
      std::vector<double> w;
      bool any_zero = false;
      for (Eigen::Index j : order) any_zero = any_zero || dist(r, j) == 0.0;
      for (Eigen::Index j : order) {
        const double d = dist(r, j);
        w.push_back(std::isnan(d) ? 0.0 : any_zero ? (d == 0.0 ? 1.0 : 0.0) : 1.0 / d);
      }
      double num = 0, den = 0;
      for (std::size_t q = 0; q < order.size(); ++q) {
        num += w[q] * x(order[q], c);
        den += w[q];
      }
      out(r, c) = num / den;
    }
  }
  return out;
}

// rows × cols, each cell observed with probability `density`; values either continuous
// prices or small integers (which produce zero distances and ties).
Eigen::MatrixXd random_matrix(std::mt19937& rng, Eigen::Index rows, Eigen::Index cols, double density, bool integers) {
  std::bernoulli_distribution seen(density);
  std::uniform_real_distribution<double> price(20.0, 200.0);
  std::uniform_int_distribution<int> small(1, 4);
  Eigen::MatrixXd m(rows, cols);
  for (Eigen::Index r = 0; r < rows; ++r)
    for (Eigen::Index c = 0; c < cols; ++c)
      m(r, c) = seen(rng) ? (integers ? small(rng) : price(rng)) : NaN;
  return m;
}

}  // namespace

TEST(KnnImpute, RandomMatricesKeepShapeBoundsAndMatchTheReference) {
  std::mt19937 rng(20240611);
  int cells_checked = 0;
  for (int trial = 0; trial < 120; ++trial) {
    const Eigen::Index rows = 1 + trial % 37, cols = 1 + trial % 8;
    const double density = 0.05 + 0.9 * ((trial * 7) % 10) / 10.0;
    const bool integers = trial % 3 == 0;
    const int k = std::array{1, 2, 3, 5, 50}[trial % 5];
    const Eigen::MatrixXd x = random_matrix(rng, rows, cols, density, integers);
    const Eigen::MatrixXd out = knn_impute(x, k);
    SCOPED_TRACE(testing::Message() << "trial " << trial << " (" << rows << "x" << cols << ", k=" << k << ")");
    expect_same_observed(x, out);
    for (Eigen::Index c = 0; c < cols; ++c) {
      double lo = std::numeric_limits<double>::infinity(), hi = -lo;
      for (Eigen::Index r = 0; r < rows; ++r)
        if (!std::isnan(x(r, c))) lo = std::min(lo, x(r, c)), hi = std::max(hi, x(r, c));
      const bool column_observed = lo <= hi;
      for (Eigen::Index r = 0; r < rows; ++r) {
        if (!column_observed) {
          EXPECT_TRUE(std::isnan(out(r, c)));
          continue;
        }
        ASSERT_TRUE(std::isfinite(out(r, c))) << "(" << r << "," << c << ")";
        // A weighted mean of observed values (or their mean) stays within their range.
        EXPECT_GE(out(r, c), lo - 1e-9 * std::abs(lo));
        EXPECT_LE(out(r, c), hi + 1e-9 * std::abs(hi));
      }
    }
    const Eigen::MatrixXd ref = reference_knn(x, k);
    for (Eigen::Index r = 0; r < rows; ++r)
      for (Eigen::Index c = 0; c < cols; ++c) {
        if (std::isnan(ref(r, c))) {
          EXPECT_TRUE(std::isnan(out(r, c)));
          continue;
        }
        EXPECT_NEAR(out(r, c), ref(r, c), 1e-9 * std::max(1.0, std::abs(ref(r, c)))) << "(" << r << "," << c << ")";
        if (std::isnan(x(r, c))) ++cells_checked;
      }
  }
  EXPECT_GT(cells_checked, 1000);  // the comparison is not vacuous
}

TEST(KnnImpute, TallSparseMatrixLikeATransposedDemandMatrix) {
  // 1,800 × 8 with ~100 observed cells: most rows are empty and take the column means.
  std::mt19937 rng(7);
  const Eigen::MatrixXd x = random_matrix(rng, 1800, 8, 100.0 / (1800 * 8), false);
  const Eigen::MatrixXd out = knn_impute(x);
  expect_same_observed(x, out);
  EXPECT_TRUE(out.allFinite());
  EXPECT_TRUE(out.isApprox(reference_knn(x, 5), 1e-12));
}
