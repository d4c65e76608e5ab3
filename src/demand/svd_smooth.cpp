// The thesis's SVD completion (section 4.3.3): mean-fill, SVD, zero the smallest singular
// values, reconstruct. Equivalent to numpy's
//   A = where(isnan(X), nanmean(X), X); U, s, Vt = svd(A); s[-drop:] = 0; U[:, :len(s)] @ diag(s) @ Vt
// except that at least one singular value is always kept (see completion.hpp).
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "seatsync/completion.hpp"

namespace seatsync {
namespace {

// Rank-reduced reconstruction of a full matrix with rows >= cols: zero the `drop` smallest
// singular values (keeping at least the largest) and rebuild.
Eigen::MatrixXd low_rank(const Eigen::MatrixXd& a, int drop) {
  // BDCSVD handles large matrices well and switches to Jacobi sweeps on small problems,
  // where those are the more accurate choice.
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(a, Eigen::ComputeThinV);
  const Eigen::Index rank = a.cols();
  // Eigen orders singular values from largest to smallest, so keeping the leading `kept`
  // right singular vectors zeroes the `drop` smallest values. Capped so the largest always
  // survives: numpy would zero every singular value of a matrix with 3 or fewer rows or
  // columns at drop = 3.
  const Eigen::Index kept = rank - std::min<Eigen::Index>(drop, rank - 1);
  const auto v = svd.matrixV().leftCols(kept);
  return (a * v) * v.transpose();
}

}  // namespace

Eigen::MatrixXd svd_smooth(const Eigen::MatrixXd& x, int drop) {
  if (drop < 0) throw std::invalid_argument("svd_smooth: drop must not be negative");

  // One mean over every observed cell of the matrix (not per row or column): the thesis's
  // "matrix average".
  double sum = 0;
  Eigen::Index observed = 0;
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    const double v = x.data()[i];
    if (std::isnan(v)) continue;
    if (std::isinf(v)) throw std::invalid_argument("svd_smooth: the matrix contains an infinite value");
    sum += v;
    ++observed;
  }
  if (observed == 0) throw std::invalid_argument("svd_smooth: the matrix has no observed cell");
  const double mean = sum / static_cast<double>(observed);
  const Eigen::MatrixXd filled = x.unaryExpr([mean](double v) { return std::isnan(v) ? mean : v; });

  // Work on the tall orientation: the rank-k reconstruction U_k Σ_k V_kᵀ equals A V_k V_kᵀ
  // (because A V_k = U_k Σ_k), which needs only the small factor V (cols × cols), not the tall
  // U (1,800 × 8 for a transposed Demand Matrix); that halves the cost. A wide matrix is
  // handled through its transpose, whose SVD is the same with U and V swapped.
  if (filled.rows() < filled.cols()) return low_rank(filled.transpose(), drop).transpose();
  return low_rank(filled, drop);
}

}  // namespace seatsync
