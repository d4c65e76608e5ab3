#pragma once
// Training a demand, conversion or price model on a season dataset, the way `seatsync train
// --data` does: features → time-ordered split → (cross-validation) → fit → held-out metrics
// next to a naive baseline → and, for simulated data, the error against the true expected sales.
// See docs/ml.md ("Models of a season dataset").
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "seatsync/dataset.hpp"
#include "seatsync/features.hpp"
#include "seatsync/model.hpp"
#include "seatsync/truth.hpp"

namespace seatsync {

enum class ModelKind { demand, conversion, price };
const char* to_string(ModelKind kind);
ModelKind parse_model_kind(const std::string& text);  // std::invalid_argument otherwise
BoostTask task_of(ModelKind kind);                    // poisson, binary, regression
FeatureTarget target_of(ModelKind kind);

struct DatasetTrainingOptions {
  ModelKind kind = ModelKind::demand;
  ModelAlgo algo = ModelAlgo::gbdt;
  ModelParams params;            // params.task is set from `kind`
  std::optional<Date> as_of;     // as in FeatureOptions; unset = the day after the latest order
  double test_fraction = 0.2;    // the latest share of the training rows (by sale day) held out
  double no_sale_fraction = 0.2; // training rows only; kept no-sale rows weigh 1 / fraction
  int cv_folds = 0;              // > 0: expanding-window cross-validation before the final fit
  // Make demand and conversion trees (gbdt, rf, the ensemble's tree members) non-increasing in
  // our price: XGBoost's monotone_constraints on `price` and the four columns that rise with it
  // (price_change_1d, price_vs_comp_p50, price_vs_comp_p50_pct, comp_position). Without it the
  // trees learned a flat or rising curve (issue 10). Debian's XGBoost 1.7.4 does not enforce
  // the constraint strictly (fixed upstream in 1.7.6), so demand_response still pools
  // adjacent violators; docs/ml.md has the measured violations and cost.
  bool monotone_in_price = true;
  FeatureOptions features;       // holidays, weather, max_days_before (target, sampling set here)
  const MarketTruth* truth = nullptr;  // simulated data: also score against the true demand
};

// Named metric values in a fixed order: r2, mae, rmse, mape (regression and demand) or auc,
// logloss, accuracy, precision, recall, f1 (conversion).
using MetricList = std::vector<std::pair<std::string, double>>;
MetricList score_predictions(BoostTask task, const std::vector<float>& y, const std::vector<float>& pred);

// The price response against the truth: per test row, the arc elasticity
// ln(q(high·p) / q(low·p)) / ln(high / low) around the row's price p, of the model's prediction
// and of the true expected demand. Rows whose seats left could not cover the day's demand at
// the lower price are left out (a sold-out day has no price response to compare).
struct ElasticityCell {
  int tier = 0;
  std::size_t bucket = 0;
  std::size_t rows = 0;
  double truth = 0, model = 0;  // mean elasticity over the cell's rows
  double mae = 0;               // mean |model − truth| over them
};
struct ElasticityScore {
  double low = 0.8, high = 1.25;   // the arc: prices low·p and high·p
  std::size_t rows = 0;
  double truth = 0, model = 0, mae = 0;  // over all rows, as in a cell
  double mae_price_blind = 0;      // what a model that ignores price scores: mean |truth|
  std::vector<ElasticityCell> cells;  // by (tier, bucket), ascending
};
ElasticityScore score_elasticity(const Dataset& data, const MarketTruth& truth, const Model& model, const Table& test,
                                 const std::vector<FeatureRowKey>& keys);

struct TruthScore {            // demand model vs the simulator's expected sales on test rows
  std::size_t rows = 0;        // test rows with a time bucket
  double mae_model = 0, rmse_model = 0;        // |prediction − expected sales|
  double mae_baseline = 0, rmse_baseline = 0;  // the naive baseline, same rows
  double mae_observed = 0;     // |observed tickets − expected sales|: the noise floor of one day
  double mean_expected = 0;    // mean expected tickets per row
  double total_expected = 0, total_predicted = 0;  // sums over the rows (bias)
  std::optional<double> interval_coverage;  // ensemble: share of rows whose expected sales lie in the band
  ElasticityScore elasticity;  // the price response (how demand falls with price), not just the level
};

struct DatasetTrainingReport {
  std::unique_ptr<Model> model;         // fitted on every row before the split
  std::vector<FeatureColumn> columns;   // the model's feature list, categories included
  std::vector<Date> extra_holidays;     // the calendar its holiday features were built with
  ModelKind kind = ModelKind::demand;
  Date first_day, split_day, last_day;  // training rows: [first_day, split_day); test: [split_day, last_day]
  std::size_t rows_train = 0, rows_test = 0;
  double no_sale_fraction = 1.0;        // the share of no-sale days the training rows kept
  MetricList test, baseline;            // held out, same rows
  std::vector<MetricList> cv_folds;     // per fold, when cross-validated
  std::optional<TruthScore> truth;
  std::optional<double> interval_coverage;  // ensemble: share of test rows whose target lies in the band
  double seconds = 0;
  // The registry metadata: everything above but the model, plus parameters and importance.
  nlohmann::json metadata(const ModelParams& params) const;
};

// The feature list metadata() recorded (names, types, categories); std::runtime_error if absent.
std::vector<FeatureColumn> columns_from_metadata(const nlohmann::json& metadata);
// What serving needs to build rows exactly as training did (today: the extra holidays).
FeatureOptions feature_options_from_metadata(const nlohmann::json& metadata);

// `used`, when given, receives the parameters as trained (task and constraints filled in).
DatasetTrainingReport train_dataset_model(const Dataset& data, const DatasetTrainingOptions& options,
                                          ModelParams* used = nullptr);

// The naive baseline: the weighted mean target of the training rows per (price code, time
// bucket), falling back to the overall mean for cells never seen.
class CellMeanBaseline {
 public:
  explicit CellMeanBaseline(const Table& train);
  std::vector<float> predict(const Table& table) const;

 private:
  std::size_t code_col_, bucket_col_;
  double overall_ = 0;
  std::map<std::pair<int, int>, double> means_;
};

}  // namespace seatsync
