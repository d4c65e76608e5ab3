#pragma once
// The Demand Matrix (thesis 4.3.1, Algorithm 2): for one game tier and one price-code group
// (or one price code), cell (time bucket i, quantity j) is the average, over past games that
// sold exactly j tickets in bucket i, of that game's average per-ticket order price.
#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"

namespace seatsync {

struct DemandMatrix {
  int tier = 0;             // 0 = pooled over every tier
  std::string group;        // the price-code group
  std::string code;         // empty for a group matrix; the code for an individual matrix
  std::vector<std::string> bucket_names;  // rows, furthest from the game first

  // Rows = buckets, column j-1 = quantity j (1 … max_quantity). NaN where no game sold
  // exactly j tickets in that bucket.
  Eigen::MatrixXd price;
  Eigen::MatrixXi games;   // games behind each cell
  Eigen::MatrixXi orders;  // orders behind each cell

  std::size_t buckets() const { return static_cast<std::size_t>(price.rows()); }
  int max_quantity() const { return static_cast<int>(price.cols()); }
  bool observed(std::size_t bucket, int quantity) const { return games(bucket, quantity - 1) > 0; }
  std::size_t observed_cells() const;
};

enum class QuantityAxis {
  largest_seen,  // columns run to the largest quantity any game sold in a bucket
  capacity,      // columns run to the group's (or code's) capacity
};

struct MatrixBuildOptions {
  // Only sales dated before as_of are used, and a bucket that as_of has not yet closed for a
  // game is left out (its count would understate what the bucket sells). Without as_of the
  // day after the last sale in the data plays that role.
  std::optional<Date> as_of;
  // When set, only games with include_game[g] true are used (e.g. a training split).
  std::vector<bool> include_game;
  QuantityAxis axis = QuantityAxis::largest_seen;
};

// One matrix per (tier in params.tiers, group), tiers ascending then groups in dataset order.
std::vector<DemandMatrix> build_group_matrices(const Dataset& data, const MatrixBuildOptions& options = {});
// One matrix per (tier, price code), tiers ascending then codes in dataset order.
std::vector<DemandMatrix> build_code_matrices(const Dataset& data, const MatrixBuildOptions& options = {});
// Matrices pooled over every tier (tier = 0), one per group or per code, in dataset order:
// the fallback for thin tier matrices.
std::vector<DemandMatrix> build_pooled_group_matrices(const Dataset& data, const MatrixBuildOptions& options = {});
std::vector<DemandMatrix> build_pooled_code_matrices(const Dataset& data, const MatrixBuildOptions& options = {});

}  // namespace seatsync
