// Rebuilding a model's training rows and collecting the rows that arrived after it.
#include "monitor/monitor_rows.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

#include "seatsync/features.hpp"

namespace seatsync::monitor {
namespace {

Date metadata_day(const nlohmann::json& metadata, const char* key) {
  const auto* data = metadata.contains("data") ? &metadata["data"] : nullptr;
  const auto day = data && data->contains(key) && (*data)[key].is_string() ? Date::parse((*data)[key].get<std::string>())
                                                                            : std::nullopt;
  if (!day) throw std::runtime_error(std::string("the model's metadata has no data.") + key + " (not saved by `seatsync train --data`?)");
  return *day;
}

// The table's categorical codes re-expressed in the model's categories, matched by label.
void recode_to_model(Table& t, const std::vector<FeatureColumn>& model_columns) {
  if (model_columns.size() != t.columns.size())
    throw std::runtime_error("the model has " + std::to_string(model_columns.size()) + " features, today's feature list " +
                             std::to_string(t.columns.size()) + ": retrain it");
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (model_columns[c].name != t.columns[c].name)
      throw std::runtime_error("the model's feature " + std::to_string(c) + " is '" + model_columns[c].name +
                               "', today's is '" + t.columns[c].name + "': retrain it");
    if (!t.columns[c].categorical) continue;
    std::unordered_map<std::string, float> code;
    for (std::size_t k = 0; k < model_columns[c].categories.size(); ++k) code.emplace(model_columns[c].categories[k], float(k));
    const auto& labels = t.columns[c].categories;
    for (Eigen::Index i = 0; i < t.x.rows(); ++i) {
      float& v = t.x(i, Eigen::Index(c));
      if (std::isnan(v)) continue;
      const auto k = static_cast<std::size_t>(v);
      const auto it = k < labels.size() ? code.find(labels[k]) : code.end();
      v = it == code.end() ? std::numeric_limits<float>::quiet_NaN() : it->second;
    }
  }
  t.columns = model_columns;
}

std::vector<bool> days_in(const Table& t, double from, double to, bool need_target) {
  std::vector<bool> keep(t.rows());
  for (std::size_t i = 0; i < t.rows(); ++i)
    keep[i] = t.time[i] >= from && t.time[i] < to && (!need_target || std::isfinite(t.y[i]));
  return keep;
}

}  // namespace

Table every_day_rows(const Dataset& data, const nlohmann::json& metadata, ModelKind kind, Date from, std::optional<Date> to,
                     std::vector<FeatureRowKey>* keys) {
  FeatureOptions options = feature_options_from_metadata(metadata);
  options.target = target_of(kind);
  options.no_sale_fraction = 1.0;
  options.include_game.resize(data.games.size());
  for (GameIndex g = 0; g < data.games.size(); ++g) options.include_game[g] = data.games[g].date >= from;
  std::vector<FeatureRowKey> all_keys;
  const Table all = build_feature_table(data, options, &all_keys);
  const auto keep =
      days_in(all, from.days(), to ? (*to + 1).days() : std::numeric_limits<double>::infinity(), kind == ModelKind::price);
  if (keys) {
    keys->clear();
    for (std::size_t i = 0; i < keep.size(); ++i)
      if (keep[i]) keys->push_back(all_keys[i]);
  }
  Table rows = all.select_rows(keep);
  recode_to_model(rows, columns_from_metadata(metadata));
  return rows;
}

MonitorRows monitor_rows(const Dataset& data, const nlohmann::json& metadata, ModelKind kind, Date trained_through) {
  const Date first = metadata_day(metadata, "first_day"), split = metadata_day(metadata, "split_day");
  const auto columns = columns_from_metadata(metadata);
  const double fraction = metadata["data"].value("no_sale_fraction", 0.2);
  const bool price = kind == ModelKind::price;

  FeatureOptions base = feature_options_from_metadata(metadata);
  base.target = target_of(kind);
  MonitorRows rows;

  // As training built them: orders before the day after its data ends, no-sale days sampled.
  FeatureOptions reference = base;
  reference.as_of = trained_through + 1;
  reference.no_sale_fraction = fraction;
  reference.include_game.resize(data.games.size());
  for (GameIndex g = 0; g < data.games.size(); ++g) reference.include_game[g] = data.games[g].date >= first;
  Table ref = build_feature_table(data, reference);
  rows.reference = ref.select_rows(days_in(ref, first.days(), split.days(), price));
  if (!price) {
    rows.reference.weight.resize(rows.reference.rows());
    for (std::size_t i = 0; i < rows.reference.rows(); ++i)
      rows.reference.weight[i] = rows.reference.y[i] > 0 ? 1.0f : float(1.0 / fraction);
  }

  rows.recent = every_day_rows(data, metadata, kind, trained_through + 1, std::nullopt);
  double counted = 0;
  for (float y : rows.recent.y) counted += price || y > 0 ? 1.0 : fraction;
  rows.recent_as_training_counts = static_cast<std::size_t>(std::lround(counted));

  recode_to_model(rows.reference, columns);
  return rows;
}

}  // namespace seatsync::monitor
