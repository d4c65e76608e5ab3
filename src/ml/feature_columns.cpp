// The shared column list, and the categories a dataset gives its categorical columns.
#include <algorithm>

#include "ml/feature_parts.hpp"

namespace seatsync {

const std::vector<FeatureColumn>& feature_columns() {
  static const std::vector<FeatureColumn> columns = [] {
    std::vector<FeatureColumn> out;
#define SEATSYNC_FEATURE_COLUMN(name, categorical, description) out.push_back({#name, categorical, {}, description});
    SEATSYNC_FEATURE_LIST(SEATSYNC_FEATURE_COLUMN)
#undef SEATSYNC_FEATURE_COLUMN
    return out;
  }();
  return columns;
}

std::vector<FeatureColumn> feature_columns_for(const Dataset& data) {
  auto columns = feature_columns();
  auto& opponents = columns[feature::opponent].categories;
  for (const auto& g : data.games)
    if (!g.opponent.empty() && std::find(opponents.begin(), opponents.end(), g.opponent) == opponents.end())
      opponents.push_back(g.opponent);
  columns[feature::price_group].categories = data.groups();
  for (const auto& c : data.codes) columns[feature::price_code].categories.push_back(c.code);
  return columns;
}

namespace feature {

CategoryCodes::CategoryCodes(const std::vector<FeatureColumn>& columns) {
  auto index = [&](Col col, std::unordered_map<std::string, int>& map) {
    const auto& labels = columns.at(static_cast<std::size_t>(col)).categories;
    for (std::size_t i = 0; i < labels.size(); ++i) map.emplace(labels[i], static_cast<int>(i));
  };
  index(Col::opponent, opponent);
  index(Col::price_group, group);
  index(Col::price_code, code);
}

float CategoryCodes::lookup(const std::unordered_map<std::string, int>& map, const std::string& label) {
  auto it = map.find(label);
  return it == map.end() ? missing : static_cast<float>(it->second);
}

}  // namespace feature
}  // namespace seatsync
