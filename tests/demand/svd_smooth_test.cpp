// svd_smooth: mean fill, SVD, zero the `drop` smallest singular values, reconstruct.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

#include "seatsync/completion.hpp"

using namespace seatsync;

namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

// Σ over the hidden cells of (estimate − truth)².
double hidden_error(const Eigen::MatrixXd& estimate, const Eigen::MatrixXd& truth, const Eigen::MatrixXd& with_holes) {
  double e = 0;
  for (Eigen::Index i = 0; i < truth.size(); ++i)
    if (std::isnan(with_holes.data()[i])) e += std::pow(estimate.data()[i] - truth.data()[i], 2);
  return e;
}

}  // namespace

TEST(SvdSmooth, RankOneWithoutHolesComesBackUnchanged) {
  // A = u vᵀ with u = (1, 2, 3), v = (2, −1, 0.5): singular values (‖u‖‖v‖, 0, 0), so
  // dropping the smallest one (or two) drops nothing but rounding.
  const Eigen::Vector3d u(1, 2, 3), v(2, -1, 0.5);
  const Eigen::MatrixXd a = u * v.transpose();
  EXPECT_TRUE(svd_smooth(a, 1).isApprox(a, 1e-12));
  EXPECT_TRUE(svd_smooth(a, 2).isApprox(a, 1e-12));
  EXPECT_TRUE(svd_smooth(a, 0).isApprox(a, 1e-12));
}

TEST(SvdSmooth, TwoByTwoHoleHasAClosedForm) {
  // Truth (1,2)ᵀ(1,2) = [[1, 2], [2, 4]]; hide the 4.
  // Mean fill: (1 + 2 + 2) / 3 = 5/3 → M = [[1, 2], [2, 5/3]], symmetric.
  // Eigenvalues: trace 8/3, det 5/3 − 4 = −7/3 → λ = (4 ± √37) / 3 → λ₁ ≈ 3.3609, λ₂ ≈ −0.6943.
  // Singular values are |λ|; the largest is λ₁ > 0, so the rank-1 reconstruction is λ₁ e eᵀ
  // with e ∝ (1, t), t = (λ₁ − 1) / 2 (from the first row of (M − λ₁I)e = 0), ‖e‖ = 1:
  //   λ₁/(1+t²) · [[1, t], [t, t²]] ≈ [[1.40419, 1.65760], [1.65760, 1.95673]].
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 2, NaN;
  const double l1 = (4.0 + std::sqrt(37.0)) / 3.0;
  const double t = (l1 - 1.0) / 2.0;
  const double s = l1 / (1.0 + t * t);
  Eigen::MatrixXd expected(2, 2);
  expected << s, s * t, s * t, s * t * t;
  const Eigen::MatrixXd out = svd_smooth(x, 1);
  EXPECT_TRUE(out.isApprox(expected, 1e-12)) << out;
  EXPECT_NEAR(out(1, 1), 1.956726, 1e-6);
  // The hidden cell moves from the mean 5/3 towards the truth 4 (error 2.33 → 2.04), and the
  // observed cells move too: this is smoothing, not interpolation.
  EXPECT_LT(std::abs(out(1, 1) - 4.0), std::abs(5.0 / 3.0 - 4.0));
  EXPECT_NEAR(out(0, 0), 1.404194, 1e-6);
}

TEST(SvdSmooth, RankOneWithHolesMovesTowardsTheTruth) {
  // Truth (1,2,3,4)ᵀ(1,2,3); hide 3 of the 12 cells.
  const Eigen::Vector4d u(1, 2, 3, 4);
  const Eigen::Vector3d v(1, 2, 3);
  const Eigen::MatrixXd truth = u * v.transpose();
  Eigen::MatrixXd x = truth;
  x(0, 2) = x(2, 0) = x(3, 1) = NaN;  // truths 3, 3, 8
  // Observed mean: (Σu·Σv − 3 − 3 − 8) / 9 = (60 − 14) / 9 = 46/9 ≈ 5.111.
  const double mean = 46.0 / 9.0;
  Eigen::MatrixXd filled = x;
  filled(0, 2) = filled(2, 0) = filled(3, 1) = mean;
  EXPECT_TRUE(svd_smooth(x, 0).isApprox(filled, 1e-12));  // drop 0: the mean fill itself
  // Mean fill misses the hidden cells by (3−46/9)² + (3−46/9)² + (8−46/9)² = 17.259…
  const double mean_fill_error = hidden_error(filled, truth, x);
  EXPECT_NEAR(mean_fill_error, 2 * std::pow(3 - mean, 2) + std::pow(8 - mean, 2), 1e-12);

  // Keeping only the largest singular value (3 columns − drop 2) is the rank-1 model the
  // truth follows. Cross-check it with plain power iteration on FᵀF, independent of any SVD:
  // rank-1 approximation = F v₁ v₁ᵀ.
  Eigen::Vector3d v1 = Eigen::Vector3d::Ones();
  const Eigen::Matrix3d gram = filled.transpose() * filled;
  for (int i = 0; i < 200; ++i) v1 = (gram * v1).normalized();
  const Eigen::MatrixXd rank1 = filled * v1 * v1.transpose();
  const Eigen::MatrixXd out = svd_smooth(x, 2);
  EXPECT_TRUE(out.isApprox(rank1, 1e-10));
  // The hidden cells get closer: squared error 17.26 → 7.27 (drop 1 keeps rank 2: 15.33).
  EXPECT_NEAR(hidden_error(out, truth, x), 7.273674, 1e-5);
  EXPECT_LT(hidden_error(out, truth, x), 0.5 * mean_fill_error);
  EXPECT_LT(hidden_error(svd_smooth(x, 1), truth, x), mean_fill_error);
}

TEST(SvdSmooth, DiagonalDropZeroesTheSmallestEntries) {
  // diag(1, −5, 3): singular values 5, 3, 1 (sign goes into U). Dropping the smallest one
  // zeroes the 1, dropping two zeroes the 3 as well; the −5 survives with its sign.
  Eigen::MatrixXd d = Eigen::MatrixXd::Zero(3, 3);
  d.diagonal() << 1, -5, 3;
  Eigen::MatrixXd drop1 = Eigen::MatrixXd::Zero(3, 3);
  drop1.diagonal() << 0, -5, 3;
  Eigen::MatrixXd drop2 = Eigen::MatrixXd::Zero(3, 3);
  drop2.diagonal() << 0, -5, 0;
  EXPECT_TRUE(svd_smooth(d, 0).isApprox(d, 1e-12));
  EXPECT_LT((svd_smooth(d, 1) - drop1).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((svd_smooth(d, 2) - drop2).cwiseAbs().maxCoeff(), 1e-12);
}

TEST(SvdSmooth, DropIsCappedSoTheLargestSingularValueSurvives) {
  Eigen::MatrixXd d = Eigen::MatrixXd::Zero(3, 3);
  d.diagonal() << 1, -5, 3;
  Eigen::MatrixXd largest = Eigen::MatrixXd::Zero(3, 3);
  largest(1, 1) = -5;
  for (int drop : {2, 3, 4, 100}) EXPECT_LT((svd_smooth(d, drop) - largest).cwiseAbs().maxCoeff(), 1e-12) << drop;

  // A 2 × 3 matrix at the default drop = 3: numpy would zero both singular values; here the
  // larger one (3, from the 3) is kept.
  Eigen::MatrixXd wide(2, 3);
  wide << 3, 0, 0, 0, 1, 0;
  Eigen::MatrixXd wide_kept = Eigen::MatrixXd::Zero(2, 3);
  wide_kept(0, 0) = 3;
  EXPECT_LT((svd_smooth(wide) - wide_kept).cwiseAbs().maxCoeff(), 1e-12);

  // A single row has one singular value: nothing can be dropped, so the result is the
  // mean fill: [1, ·, 3, ·] → mean 2 → [1, 2, 3, 2].
  Eigen::MatrixXd row(1, 4);
  row << 1, NaN, 3, NaN;
  Eigen::MatrixXd row_filled(1, 4);
  row_filled << 1, 2, 3, 2;
  EXPECT_TRUE(svd_smooth(row, 3).isApprox(row_filled, 1e-12));
}

TEST(SvdSmooth, RejectsMatricesWithoutObservationsAndBadArguments) {
  EXPECT_THROW(svd_smooth(Eigen::MatrixXd::Constant(3, 2, NaN)), std::invalid_argument);
  EXPECT_THROW(svd_smooth(Eigen::MatrixXd(0, 0)), std::invalid_argument);
  EXPECT_THROW(svd_smooth(Eigen::MatrixXd::Ones(2, 2), -1), std::invalid_argument);
  Eigen::MatrixXd x = Eigen::MatrixXd::Ones(2, 2);
  x(1, 0) = -std::numeric_limits<double>::infinity();
  EXPECT_THROW(svd_smooth(x), std::invalid_argument);
}

TEST(SvdSmooth, RandomMatricesMatchTheEckartYoungProjection) {
  // On random mean-filled matrices F, the result must be F projected onto the leading right
  // singular vectors, computed here from the eigenvectors of FᵀF (no SVD involved); it has
  // the kept rank, keeps the shape and is finite.
  std::mt19937 rng(99);
  std::uniform_real_distribution<double> price(20.0, 200.0);
  std::bernoulli_distribution seen(0.4);
  for (int trial = 0; trial < 40; ++trial) {
    const Eigen::Index rows = 1 + (trial * 13) % 60, cols = 1 + trial % 8;
    const int drop = trial % 5;
    Eigen::MatrixXd x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = seen(rng) ? price(rng) : NaN;
    x(0, 0) = price(rng);  // at least one observation
    SCOPED_TRACE(testing::Message() << "trial " << trial << " (" << rows << "x" << cols << ", drop " << drop << ")");

    const double mean = x.array().isNaN().select(0.0, x.array()).sum() / static_cast<double>((!x.array().isNaN()).count());
    const Eigen::MatrixXd filled = x.array().isNaN().select(mean, x.array()).matrix();
    const Eigen::MatrixXd out = svd_smooth(x, drop);
    ASSERT_EQ(out.rows(), rows);
    ASSERT_EQ(out.cols(), cols);
    ASSERT_TRUE(out.allFinite());

    const Eigen::Index rank = std::min(rows, cols);
    const Eigen::Index kept = rank - std::min<Eigen::Index>(drop, rank - 1);
    // Work on the smaller Gram matrix so its leading eigenvectors span the kept subspace.
    if (cols <= rows) {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(filled.transpose() * filled);
      const Eigen::MatrixXd v = eig.eigenvectors().rightCols(kept);  // ascending eigenvalues
      EXPECT_TRUE(out.isApprox(filled * v * v.transpose(), 1e-8));
    } else {
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(filled * filled.transpose());
      const Eigen::MatrixXd u = eig.eigenvectors().rightCols(kept);
      EXPECT_TRUE(out.isApprox(u * u.transpose() * filled, 1e-8));
    }
    Eigen::JacobiSVD<Eigen::MatrixXd> check(out);
    EXPECT_LE(check.setThreshold(1e-9).rank(), kept);
  }
}
