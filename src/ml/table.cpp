#include "seatsync/tabular.hpp"

namespace seatsync {

std::optional<std::size_t> find_column(const std::vector<FeatureColumn>& columns, std::string_view name) {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return std::nullopt;
}

Table Table::select_rows(const std::vector<bool>& mask) const {
  Table out;
  out.columns = columns;
  Eigen::Index n = 0;
  for (bool keep : mask) n += keep;
  out.x.resize(n, x.cols());
  Eigen::Index r = 0;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    if (!mask[static_cast<std::size_t>(i)]) continue;
    out.x.row(r++) = x.row(i);
    if (!y.empty()) out.y.push_back(y[static_cast<std::size_t>(i)]);
    if (!time.empty()) out.time.push_back(time[static_cast<std::size_t>(i)]);
    if (!weight.empty()) out.weight.push_back(weight[static_cast<std::size_t>(i)]);
  }
  return out;
}

}  // namespace seatsync
