// Our completion method. The thesis's methods only ever see a cell's own column of buckets, so a
// quantity no training game sold exactly falls back to an average; yet neighbouring quantities
// carry nearly the same information. Here each bucket row is a smooth, non-increasing curve in
// quantity, fitted to the observed cells only and weighted by the games behind them:
//
//     log price(i, j) = a_i + b_i · log j,   b_i <= 0,
//
// i.e. the transposed matrix (quantities × buckets) is completed as the rank-2 product of the
// basis [1, log j] with per-bucket coefficients. The slopes are ridge-shrunk towards the slope
// pooled over buckets (data per bucket are thin), an empty bucket borrows its intercept from
// the nearest bucket with data, and the log-scale fit is rescaled so that it reproduces the
// observed revenue (tickets × price) of the training cells: prices, not log prices, are then
// right on average where the money is.
#include <algorithm>
#include <cmath>
#include <limits>

#include "monotone_completion.hpp"

namespace seatsync {
namespace {

struct RowMoments {
  double w = 0, x = 0, y = 0, xx = 0, xy = 0;  // weighted sums
  void add(double weight, double xi, double yi) {
    w += weight;
    x += weight * xi;
    y += weight * yi;
    xx += weight * xi * xi;
    xy += weight * xi * yi;
  }
  double mean_x() const { return x / w; }
  double mean_y() const { return y / w; }
  double sxx() const { return xx - x * x / w; }  // centred
  double sxy() const { return xy - x * y / w; }
};

}  // namespace

Eigen::MatrixXd complete_monotone(const DemandMatrix& m, const CompletionOptions& options) {
  const auto rows = m.price.rows(), cols = m.price.cols();
  std::vector<RowMoments> row(static_cast<std::size_t>(rows));
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index c = 0; c < cols; ++c)
      if (m.games(i, c) > 0) row[i].add(m.games(i, c), std::log(static_cast<double>(c + 1)), std::log(m.price(i, c)));

  // Slope pooled over buckets, each bucket centred on its own means.
  double pooled_sxx = 0, pooled_sxy = 0;
  for (const auto& r : row)
    if (r.w > 0) {
      pooled_sxx += r.sxx();
      pooled_sxy += r.sxy();
    }
  const double pooled_slope = pooled_sxx > 1e-12 ? std::min(0.0, pooled_sxy / pooled_sxx) : 0.0;

  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> a(static_cast<std::size_t>(rows), nan), b(static_cast<std::size_t>(rows), pooled_slope);
  for (std::size_t i = 0; i < row.size(); ++i) {
    const auto& r = row[i];
    if (r.w <= 0) continue;
    // Ridge towards the pooled slope: with few or collinear points the pooled slope wins.
    b[i] = std::min(0.0, (r.sxy() + options.ridge * pooled_slope) / (r.sxx() + options.ridge));
    a[i] = r.mean_y() - b[i] * r.mean_x();
  }
  // An empty bucket borrows the intercept of the nearest bucket with data (ties: the later one,
  // closer to the game, where sales are denser).
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!std::isnan(a[i])) continue;
    for (std::size_t d = 1; d < a.size(); ++d) {
      if (i + d < a.size() && row[i + d].w > 0) { a[i] = a[i + d]; break; }
      if (i >= d && row[i - d].w > 0) { a[i] = a[i - d]; break; }
    }
  }

  // De-bias the log-scale fit so that, over the observed cells, the fitted revenue (tickets ×
  // price, weighted by the games behind each cell) equals the observed revenue.
  double observed_revenue = 0, fitted_revenue = 0;
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index c = 0; c < cols; ++c)
      if (m.games(i, c) > 0) {
        const double tickets_weight = static_cast<double>(m.games(i, c)) * static_cast<double>(c + 1);
        observed_revenue += tickets_weight * m.price(i, c);
        fitted_revenue += tickets_weight * std::exp(a[i] + b[i] * std::log(static_cast<double>(c + 1)));
      }
  const double smear = fitted_revenue > 0 ? observed_revenue / fitted_revenue : 1.0;

  Eigen::MatrixXd out(rows, cols);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (Eigen::Index c = 0; c < cols; ++c)
      out(i, c) = smear * std::exp(a[i] + b[i] * std::log(static_cast<double>(c + 1)));
  return out;
}

}  // namespace seatsync
