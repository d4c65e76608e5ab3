// What the registry records beside a trained dataset model: enough to rebuild its inputs
// (feature list, categories), to judge it (held-out, baseline, cross-validation and truth
// scores) and to reproduce it (parameters, data range, rows).
#include <nlohmann/json.hpp>

#include "seatsync/ensemble.hpp"
#include "seatsync/model_training.hpp"

namespace seatsync {
namespace {

nlohmann::json metrics_json(const MetricList& list) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, value] : list) j[name] = value;
  return j;
}

nlohmann::json booster_params_json(const BoosterParams& p) {
  return {{"rounds", p.rounds}, {"learning_rate", p.learning_rate}, {"max_depth", p.max_depth},
          {"min_child_weight", p.min_child_weight}, {"subsample", p.subsample},
          {"colsample_bytree", p.colsample_bytree}, {"lambda", p.lambda},
          {"grow_policy", p.grow_policy == GrowPolicy::lossguide ? "lossguide" : "depthwise"},
          {"max_leaves", p.max_leaves}, {"early_stopping_rounds", p.early_stopping_rounds}, {"seed", p.seed},
          {"monotone", p.monotone}};
}

nlohmann::json importance_json(const std::vector<std::pair<std::string, double>>& scores) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& [name, value] : scores) j.push_back({{"feature", name}, {"importance", value}});
  return j;
}

}  // namespace

nlohmann::json DatasetTrainingReport::metadata(const ModelParams& params) const {
  nlohmann::json j;
  j["model"] = to_string(kind);
  j["algo"] = to_string(model->algo());
  j["task"] = to_string(model->task());
  for (const auto& c : columns) {
    nlohmann::json col{{"name", c.name}, {"type", c.categorical ? "categorical" : "numeric"}};
    if (c.categorical) col["categories"] = c.categories;
    j["features"].push_back(std::move(col));
  }
  j["extra_holidays"] = nlohmann::json::array();
  for (Date d : extra_holidays) j["extra_holidays"].push_back(d.str());
  j["params"] = {{"gbdt", booster_params_json(params.gbdt)},
                 {"rf", booster_params_json(params.forest)},
                 {"linear", {{"l2", params.linear.l2}, {"log_columns", params.linear.log_columns}}},
                 {"early_stopping_fraction", params.early_stopping_fraction},
                 {"stack_folds", params.stack_folds},
                 {"meta_l2", params.meta_l2},
                 {"interval_z", params.interval_z}};
  j["data"] = {{"first_day", first_day.str()}, {"split_day", split_day.str()}, {"last_day", last_day.str()},
               {"rows_train", rows_train}, {"rows_test", rows_test},
               {"no_sale_fraction", no_sale_fraction}};
  j["row_count"] = rows_train;
  j["metrics"] = metrics_json(test);  // held out, on the rows after split_day
  j["baseline_metrics"] = metrics_json(baseline);
  j["baseline"] = "mean training target per price code x time bucket, on the same test rows";
  for (const auto& fold : cv_folds) j["cv_metrics"].push_back(metrics_json(fold));
  if (truth)
    j["truth_metrics"] = {{"rows", truth->rows},
                          {"mae_model", truth->mae_model},
                          {"rmse_model", truth->rmse_model},
                          {"mae_baseline", truth->mae_baseline},
                          {"rmse_baseline", truth->rmse_baseline},
                          {"mae_observed", truth->mae_observed},
                          {"mean_expected", truth->mean_expected},
                          {"total_expected", truth->total_expected},
                          {"total_predicted", truth->total_predicted}};
  if (truth && truth->interval_coverage) j["truth_metrics"]["interval_coverage"] = *truth->interval_coverage;
  if (truth) {
    const auto& e = truth->elasticity;
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : e.cells)
      cells.push_back({{"tier", c.tier}, {"bucket", c.bucket}, {"rows", c.rows}, {"truth", c.truth},
                       {"model", c.model}, {"mae", c.mae}});
    j["truth_metrics"]["elasticity"] = {{"arc", {e.low, e.high}}, {"rows", e.rows}, {"truth", e.truth},
                                        {"model", e.model}, {"mae", e.mae},
                                        {"mae_price_blind", e.mae_price_blind}, {"cells", cells}};
  }
  if (interval_coverage) j["interval_coverage"] = *interval_coverage;
  j["importance"] = importance_json(model->importance(ImportanceKind::gain));
  j["importance_weight"] = importance_json(model->importance(ImportanceKind::weight));
  j["importance_cover"] = importance_json(model->importance(ImportanceKind::cover));
  if (const auto* ensemble = dynamic_cast<const StackedEnsemble*>(model.get()))
    j["member_weights"] = metrics_json(ensemble->member_weights());
  j["seconds"] = seconds;
  return j;
}

FeatureOptions feature_options_from_metadata(const nlohmann::json& metadata) {
  FeatureOptions options;
  if (!metadata.contains("extra_holidays")) return options;
  for (const auto& text : metadata["extra_holidays"]) {
    const auto day = Date::parse(text.get<std::string>());
    if (!day) throw std::runtime_error("the model's metadata has a bad holiday '" + text.get<std::string>() + "'");
    options.extra_holidays.push_back(*day);
  }
  return options;
}

std::vector<FeatureColumn> columns_from_metadata(const nlohmann::json& metadata) {
  if (!metadata.contains("features") || !metadata["features"].is_array())
    throw std::runtime_error("the model's metadata has no feature list");
  std::vector<FeatureColumn> columns;
  for (const auto& f : metadata["features"]) {
    FeatureColumn c;
    c.name = f.at("name").get<std::string>();
    c.categorical = f.at("type").get<std::string>() == "categorical";
    if (c.categorical) c.categories = f.at("categories").get<std::vector<std::string>>();
    columns.push_back(std::move(c));
  }
  return columns;
}

}  // namespace seatsync
