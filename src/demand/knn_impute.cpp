// KNN imputation with scikit-learn KNNImputer(n_neighbors=k, weights="distance") semantics
// (see completion.hpp for the contract).
//
// The Demand Matrices this runs on are tall and sparse (up to ~2,000 quantity rows × 8 bucket
// columns, often only ~100 observed cells), so the work is organised around the rows that
// have an observed cell ("active" rows):
//  - a row with no observed cell has NaN distance to every donor, so each of its cells takes
//    the column mean without any distance being computed;
//  - for an active receiver, its distances to all active rows are computed in one vectorised
//    pass over a compact copy of the active rows (an empty row is never a donor), then each
//    missing column picks its neighbours among that column's donors.
#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

#include "seatsync/completion.hpp"

namespace seatsync {
namespace {

using Index = Eigen::Index;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The observed part of the input, built once before anything is imputed. All distances and
// donor values are read from here, never from the output being filled: sklearn computes
// every distance on the input, so one receiver's imputed cells never move another
// receiver's neighbours.
struct ActiveRows {
  std::vector<Index> row;                      // input row of each active row, ascending
  Eigen::ArrayXXd value;                       // active × cols: observed value, 0 where missing
  Eigen::ArrayXXd present;                     // active × cols: 1 where observed, 0 where missing
  std::vector<std::vector<Index>> observed;    // per active row: its observed columns
  std::vector<std::vector<Index>> donors;      // per column: active rows observing it, ascending
  std::vector<double> column_mean;             // per column: mean of its observed cells, or NaN
};

ActiveRows collect_active_rows(const Eigen::MatrixXd& x) {
  ActiveRows a;
  const Index cols = x.cols();
  std::vector<Index> position(static_cast<std::size_t>(x.rows()), -1);
  for (Index r = 0; r < x.rows(); ++r)
    for (Index c = 0; c < cols; ++c) {
      const double v = x(r, c);
      if (std::isnan(v)) continue;
      // sklearn's input validation (force_all_finite="allow-nan") rejects infinities too.
      if (std::isinf(v)) throw std::invalid_argument("knn_impute: the matrix contains an infinite value");
      if (position[static_cast<std::size_t>(r)] < 0) {
        position[static_cast<std::size_t>(r)] = static_cast<Index>(a.row.size());
        a.row.push_back(r);
      }
    }

  const auto n = static_cast<Index>(a.row.size());
  a.value = Eigen::ArrayXXd::Zero(n, cols);
  a.present = Eigen::ArrayXXd::Zero(n, cols);
  a.observed.resize(static_cast<std::size_t>(n));
  a.donors.resize(static_cast<std::size_t>(cols));
  a.column_mean.assign(static_cast<std::size_t>(cols), kNaN);
  for (Index c = 0; c < cols; ++c) {
    double sum = 0;
    for (Index i = 0; i < n; ++i) {
      const double v = x(a.row[static_cast<std::size_t>(i)], c);
      if (std::isnan(v)) continue;
      a.value(i, c) = v;
      a.present(i, c) = 1.0;
      a.observed[static_cast<std::size_t>(i)].push_back(c);
      a.donors[static_cast<std::size_t>(c)].push_back(i);
      sum += v;
    }
    const auto count = a.donors[static_cast<std::size_t>(c)].size();
    if (count > 0) a.column_mean[static_cast<std::size_t>(c)] = sum / static_cast<double>(count);
  }
  return a;
}

// sklearn's nan_euclidean distance from active row i to every active row: the squared
// differences over the columns both rows observe, scaled by n_cols / n_common,
// square-rooted; NaN where they share no column. Evaluated directly rather than through
// sklearn's ‖x‖² + ‖y‖² − 2x·y expansion, so rows that agree on their common columns are
// at distance exactly 0. One column of the compact arrays at a time, so it vectorises.
void distances_from(const ActiveRows& a, Index i, Eigen::ArrayXd& squares, Eigen::ArrayXd& common,
                    Eigen::ArrayXd& distance) {
  squares.setZero();
  common.setZero();
  for (const Index c : a.observed[static_cast<std::size_t>(i)]) {
    // present × (value − v) is the difference where the other row observes c and 0 where it
    // does not (its value there is stored as 0).
    squares += (a.present.col(c) * (a.value.col(c) - a.value(i, c))).square();
    common += a.present.col(c);
  }
  // Same order of operations as sklearn: divide by the common count, then scale.
  const auto cols = static_cast<double>(a.value.cols());
  distance = (common > 0).select((squares / common * cols).sqrt(), kNaN);
}

struct Candidate {
  double distance;
  Index row;
  // Nearest first; among equal distances the lower row index. (numpy's argpartition, which
  // sklearn uses, leaves the order of ties unspecified; a fixed rule keeps results
  // reproducible and only matters when tied donors straddle the k-th place.)
  bool operator<(const Candidate& other) const {
    return distance != other.distance ? distance < other.distance : row < other.row;
  }
};

// The k nearest donors of column c among those at a defined distance from the receiver.
// sklearn takes the k nearest of ALL donors (k capped at their number) with NaN distances
// sorted last; those get weight 0, so leaving them out changes nothing: the neighbours are
// the min(k, |defined|) nearest defined donors. Kept in a max-heap (farthest on top) while
// scanning, so most donors are turned away by a single comparison.
void nearest_donors(const ActiveRows& a, Index c, const Eigen::ArrayXd& distance, std::size_t k,
                    std::vector<Candidate>& best) {
  best.clear();
  for (const Index j : a.donors[static_cast<std::size_t>(c)]) {
    const double d = distance(j);
    if (std::isnan(d)) continue;
    const Candidate candidate{d, a.row[static_cast<std::size_t>(j)]};
    if (best.size() < k) {
      best.push_back(candidate);
      std::push_heap(best.begin(), best.end());
    } else if (candidate < best.front()) {
      std::pop_heap(best.begin(), best.end());
      best.back() = candidate;
      std::push_heap(best.begin(), best.end());
    }
  }
}

// sklearn's _get_weights("distance") and weighted average over the neighbours (at least
// one): weights 1/d, except that when a neighbour is at distance 0 the zero-distance
// neighbours share all the weight and the others get none.
double weighted_mean(const Eigen::MatrixXd& x, Index c, std::span<const Candidate> neighbours) {
  const bool exact_match =
      std::any_of(neighbours.begin(), neighbours.end(), [](const Candidate& d) { return d.distance == 0.0; });
  if (exact_match) {
    double sum = 0;
    std::size_t n = 0;
    for (const Candidate& d : neighbours)
      if (d.distance == 0.0) {
        sum += x(d.row, c);
        ++n;
      }
    return sum / static_cast<double>(n);
  }
  double weighted = 0, total = 0;
  for (const Candidate& d : neighbours) {
    const double w = 1.0 / d.distance;
    weighted += w * x(d.row, c);
    total += w;
  }
  // Only reachable if every distance overflowed to +inf (values near 1e154): sklearn would
  // divide by zero there; an unweighted mean of the neighbours is the sensible limit.
  if (total == 0.0) {
    double sum = 0;
    for (const Candidate& d : neighbours) sum += x(d.row, c);
    return sum / static_cast<double>(neighbours.size());
  }
  return weighted / total;
}

}  // namespace

Eigen::MatrixXd knn_impute(const Eigen::MatrixXd& x, int k) {
  if (k < 1) throw std::invalid_argument("knn_impute: k must be at least 1");
  const ActiveRows a = collect_active_rows(x);
  Eigen::MatrixXd out = x;

  // Every missing cell starts at its column's mean (NaN for a column with no observation):
  // sklearn's answer for a receiver that shares no column with any donor. That covers every
  // row with no observed cell, which therefore needs no distance at all; receivers that do
  // have neighbours overwrite it below.
  for (Index c = 0; c < x.cols(); ++c)
    for (Index r = 0; r < x.rows(); ++r)
      if (std::isnan(x(r, c))) out(r, c) = a.column_mean[static_cast<std::size_t>(c)];

  const auto n = static_cast<Index>(a.row.size());
  Eigen::ArrayXd squares(n), common(n), distance(n);
  std::vector<Candidate> neighbours;
  for (Index i = 0; i < n; ++i) {
    if (static_cast<Index>(a.observed[static_cast<std::size_t>(i)].size()) == x.cols()) continue;  // complete row
    distances_from(a, i, squares, common, distance);
    const Index r = a.row[static_cast<std::size_t>(i)];
    for (Index c = 0; c < x.cols(); ++c) {
      // Observed cells are kept; a column with no donor stays NaN (set above; sklearn skips it).
      if (a.present(i, c) != 0.0) continue;
      nearest_donors(a, c, distance, static_cast<std::size_t>(k), neighbours);
      // No donor shares a column with r: the column mean set above stays, as in sklearn.
      if (neighbours.empty()) continue;
      out(r, c) = weighted_mean(x, c, neighbours);
    }
  }
  return out;
}

}  // namespace seatsync
