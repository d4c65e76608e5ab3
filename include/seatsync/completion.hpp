#pragma once
// Demand Matrix completion (thesis 4.3.2-4.3.3). The thesis completes the *transposed* matrix
// (quantities as rows, buckets as columns), where its low-rank assumption is plausible; the
// DemandMatrix-level entry point does that transposition, the primitives below are generic.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/demand_matrix.hpp"

namespace seatsync {

// ---- Primitives on plain matrices: NaN marks a missing cell ---------------------------------

// KNN imputation with the behaviour of scikit-learn's KNNImputer(n_neighbors=k,
// weights="distance"): rows are samples, columns are features. For each missing cell (r, c),
// donors are rows with column c observed; distance is the nan-aware Euclidean distance
// sqrt(n_cols / n_common × Σ_common (x − y)²) over the columns both rows have, always on the
// input's observed values (never on cells imputed earlier); the k nearest donors (k capped at
// the number of donors; rows with no common column sort last and get weight 0) are averaged
// with weights 1/d (a donor at distance 0 takes all the weight, shared equally with other
// zero-distance donors among the k). A receiver with no common column with any donor gets
// the mean of column c's observed cells. Observed cells are kept.
// Where this deliberately differs from sklearn (checked against sklearn/impute/_knn.py,
// metrics/pairwise.py nan_euclidean_distances, neighbors/_base.py _get_weights):
//  - a column with no observed cell stays NaN (sklearn drops it from its output, or fills it
//    with 0 when keep_empty_features=True), so the shape is preserved;
//  - ties at the k-th distance go to the lower row index (numpy's argpartition leaves them
//    unspecified);
//  - distances are computed directly; sklearn expands ‖x‖² + ‖y‖² − 2x·y, so its distances
//    carry rounding error and rows equal on their common columns may come out a hair above
//    0 there (then they dominate the weights rather than take all of them).
// Throws std::invalid_argument for k < 1 or an infinite cell (sklearn raises ValueError).
Eigen::MatrixXd knn_impute(const Eigen::MatrixXd& x, int k = 5);

// The thesis's SVD completion: fill missing cells with the mean of the observed cells, take
// the SVD, zero the `drop` smallest singular values and reconstruct (every cell, observed ones
// included, becomes the reconstruction). At least the largest singular value is always kept
// (drop is capped at min(rows, cols) - 1), so a narrow matrix never collapses to zeros.
// Throws std::invalid_argument when no cell is observed, drop < 0 or a cell is infinite.
Eigen::MatrixXd svd_smooth(const Eigen::MatrixXd& x, int drop = 3);

}  // namespace seatsync

namespace seatsync {

// ---- Completing a Demand Matrix ---------------------------------------------------------------

enum class CompletionMethod {
  nn,        // thesis: KNN imputation (5 neighbours, distance weights) on the transpose
  svd,       // thesis: mean fill, SVD, drop the 3 smallest singular values, on the transpose
  hybrid,    // thesis: nn, then the svd smoothing
  monotone,  // ours: per-bucket log-linear curves in quantity fitted to observed cells only,
             // weighted by games, non-increasing, revenue-calibrated (rank 2 on the transpose)
};
std::optional<CompletionMethod> parse_completion_method(std::string_view name);
std::string_view to_string(CompletionMethod method);
// Every method, thesis first.
const std::vector<CompletionMethod>& all_completion_methods();

struct CompletionOptions {
  int knn_neighbors = 5;
  int svd_drop = 3;
  // A matrix with fewer observed cells is taken from its fallback (the group's matrix pooled
  // over tiers), scaled to the matrix's own price level.
  int min_observed_cells = 4;
  // monotone: how strongly a bucket's slope is pulled towards the slope pooled over buckets
  // (in units of weighted squared log-quantity spread; larger = more pooling).
  double ridge = 10.0;
};

struct CompletedMatrix {
  DemandMatrix observed;   // the raw matrix: counts, and NaN where nothing was observed
  Eigen::MatrixXd price;   // completed: finite and > 0 in every cell
  CompletionMethod method = CompletionMethod::hybrid;
  std::vector<std::string> notes;  // what fell back or was repaired, for the user

  // The completed price to sell `quantity` tickets in `bucket`; quantities beyond the
  // matrix's width take its last column.
  double at(std::size_t bucket, int quantity) const;
};

// Completes `matrix` with `method`. `fallback` (the pooled matrix of the same group, already
// completed) fills a matrix with too few observed cells and any cell the method left
// non-finite or non-positive; without it such cells take the observed mean, and notes say so.
CompletedMatrix complete(const DemandMatrix& matrix, CompletionMethod method, const CompletionOptions& options = {},
                         const CompletedMatrix* fallback = nullptr);

}  // namespace seatsync
