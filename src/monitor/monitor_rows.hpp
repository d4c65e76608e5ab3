#pragma once
// The rows monitoring compares (internal to src/monitor): a model's training rows rebuilt as
// training built them, and the rows that arrived after its training range.
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "seatsync/dataset.hpp"
#include "seatsync/features.hpp"
#include "seatsync/model_monitor.hpp"
#include "seatsync/tabular.hpp"

namespace seatsync::monitor {

struct MonitorRows {
  Table reference;  // the training rows: before split_day, no-sale days sampled and weighted back up
  Table recent;     // every day after trained_through, outcome known
  std::size_t recent_as_training_counts = 0;  // sale days plus the sampled share of the others
};

// Both tables in the model's feature columns (categories recoded by label; a label the model
// never saw becomes NaN). std::runtime_error when the metadata lacks the data range or
// feature list, or the model's features are not today's feature list.
MonitorRows monitor_rows(const Dataset& data, const nlohmann::json& metadata, ModelKind kind, Date trained_through);

// Every day of [from, to] (to unset: up to the latest outcome known) with its outcome, of the
// games played by now, in the model's feature columns.
// `keys`, when given, receives each row's (game, code, day).
Table every_day_rows(const Dataset& data, const nlohmann::json& metadata, ModelKind kind, Date from, std::optional<Date> to,
                     std::vector<FeatureRowKey>* keys = nullptr);

// Per reference row: its sampling weight times the factor that gives the reference the recent
// rows' mix of strata — week before the game × game tier — so that drift is neither the lead time moving
// on nor this week's games being of another tier than the training mix.
std::vector<double> stratum_weights(const Table& reference, const Table& recent);

// PSI and KS of every drift feature (is_drift_feature), largest PSI first.
std::vector<FeatureDrift> feature_drift(const Table& reference, const Table& recent);

}  // namespace seatsync::monitor
