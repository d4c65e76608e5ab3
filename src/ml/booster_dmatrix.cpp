#include <cmath>
#include <limits>
#include <vector>

#include "ml/booster_xgb.hpp"

namespace seatsync::xgb {

OwnedDMatrix::OwnedDMatrix(const Table& table) {
  const auto rows = static_cast<bst_ulong>(table.x.rows());
  const auto cols = static_cast<bst_ulong>(table.x.cols());
  check(XGDMatrixCreateFromMat(table.x.data(), rows, cols, std::numeric_limits<float>::quiet_NaN(), &handle_),
        "XGDMatrixCreateFromMat");
  if (!table.y.empty())
    check(XGDMatrixSetFloatInfo(handle_, "label", table.y.data(), rows), "XGDMatrixSetFloatInfo(label)");
  if (!table.weight.empty())
    check(XGDMatrixSetFloatInfo(handle_, "weight", table.weight.data(), rows), "XGDMatrixSetFloatInfo(weight)");
  // Names make importance() and the saved model readable; "c" turns on native categorical
  // splits (codes 0 … n−1), which need tree_method=hist.
  std::vector<const char*> names, types;
  for (const auto& c : table.columns) {
    names.push_back(c.name.c_str());
    types.push_back(c.categorical ? "c" : "q");
  }
  if (!names.empty()) {
    check(XGDMatrixSetStrFeatureInfo(handle_, "feature_name", names.data(), cols), "feature_name");
    check(XGDMatrixSetStrFeatureInfo(handle_, "feature_type", types.data(), cols), "feature_type");
  }
}

}  // namespace seatsync::xgb
