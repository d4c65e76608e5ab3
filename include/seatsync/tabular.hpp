#pragma once
// A table of model features: what the feature builder produces, what the generic CSV reader
// produces, and what the boosters train and predict on. Missing values are NaN; categorical
// columns hold category codes 0 … n−1 (as floats, XGBoost's convention) with their labels.
#include <Eigen/Core>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace seatsync {

struct FeatureColumn {
  std::string name;
  bool categorical = false;
  std::vector<std::string> categories;  // labels of codes 0 … n−1 (categorical only)
  std::string description;              // one line, for docs/features.md and `models show`
};

// Index of the column named `name`, if any.
std::optional<std::size_t> find_column(const std::vector<FeatureColumn>& columns, std::string_view name);

using FeatureMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct Table {
  std::vector<FeatureColumn> columns;
  FeatureMatrix x;            // rows × columns
  std::vector<float> y;       // target (empty when unknown, e.g. for prediction)
  std::vector<double> time;   // per row, days since 1970-01-01 (for time-ordered splits); may be empty
  std::vector<float> weight;  // per-row sample weight (e.g. 1 / sampling rate); empty = all 1

  std::size_t rows() const { return static_cast<std::size_t>(x.rows()); }
  // Rows whose mask entry is true, columns and labels kept.
  Table select_rows(const std::vector<bool>& mask) const;
};

}  // namespace seatsync
