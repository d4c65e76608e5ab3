#include <algorithm>

#include "seatsync/model_registry.hpp"

namespace seatsync {

namespace {
using Ranked = std::vector<std::pair<std::string, double>>;

// {"feature": value}: the shape of XGBoost's per-feature score maps.
void collect_from_object(const nlohmann::json& importance, Ranked& out) {
  for (const auto& [feature, value] : importance.items())
    if (value.is_number()) out.emplace_back(feature, value.get<double>());
}

// [{"feature": name, "importance": value}, ...] or [[name, value], ...]; other items are skipped.
void collect_from_array(const nlohmann::json& importance, Ranked& out) {
  for (const auto& item : importance) {
    if (item.is_object() && item.contains("feature") && item["feature"].is_string() && item.contains("importance") &&
        item["importance"].is_number())
      out.emplace_back(item["feature"].get<std::string>(), item["importance"].get<double>());
    else if (item.is_array() && item.size() == 2 && item[0].is_string() && item[1].is_number())
      out.emplace_back(item[0].get<std::string>(), item[1].get<double>());
  }
}
}  // namespace

std::vector<std::pair<std::string, double>> top_importance(const nlohmann::json& metadata, std::size_t n) {
  Ranked out;
  if (!metadata.is_object() || !metadata.contains("importance")) return out;
  const auto& importance = metadata["importance"];
  if (importance.is_object()) collect_from_object(importance, out);
  if (importance.is_array()) collect_from_array(importance, out);
  // Stable so that equal importances keep the order the trainer reported.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace seatsync
