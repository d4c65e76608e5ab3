// Training a model of a season dataset: rows, split, cross-validation, fit, held-out scores.
#include "seatsync/model_training.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "seatsync/ensemble.hpp"
#include "seatsync/metrics.hpp"
#include "seatsync/time_series_cv.hpp"

namespace seatsync {

const char* to_string(ModelKind kind) {
  switch (kind) {
    case ModelKind::demand: return "demand";
    case ModelKind::conversion: return "conversion";
    case ModelKind::price: return "price";
  }
  return "?";
}

ModelKind parse_model_kind(const std::string& text) {
  for (ModelKind k : {ModelKind::demand, ModelKind::conversion, ModelKind::price})
    if (text == to_string(k)) return k;
  throw std::invalid_argument("unknown model '" + text + "' (expected demand, conversion or price)");
}

BoostTask task_of(ModelKind kind) {
  return kind == ModelKind::demand ? BoostTask::poisson : kind == ModelKind::conversion ? BoostTask::binary
                                                                                        : BoostTask::regression;
}

FeatureTarget target_of(ModelKind kind) {
  return kind == ModelKind::demand ? FeatureTarget::demand : kind == ModelKind::conversion ? FeatureTarget::conversion
                                                                                           : FeatureTarget::price;
}

MetricList score_predictions(BoostTask task, const std::vector<float>& y, const std::vector<float>& pred) {
  if (task == BoostTask::binary) {
    const auto m = binary_metrics(y, pred);
    return {{"auc", m.auc}, {"logloss", m.logloss}, {"accuracy", m.accuracy},
            {"precision", m.precision}, {"recall", m.recall}, {"f1", m.f1}};
  }
  const auto m = regression_metrics(y, pred);
  return {{"r2", m.r2}, {"mae", m.mae}, {"rmse", m.rmse}, {"mape", m.mape}};
}

namespace {

std::size_t column_index(const std::vector<FeatureColumn>& columns, const std::string& name) {
  if (const auto index = find_column(columns, name)) return *index;
  throw std::invalid_argument("the feature table has no column '" + name + "'");
}

float cell_value(const Table& t, std::size_t row, std::size_t col) {
  return t.x(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(col));
}

// Price models learn from sale days only: a day without orders has no price paid.
std::vector<bool> rows_with_target(const Table& t) {
  std::vector<bool> keep(t.rows());
  for (std::size_t i = 0; i < t.rows(); ++i) keep[i] = std::isfinite(t.y[i]);
  return keep;
}

std::vector<bool> time_mask(const Table& t, double split, bool later) {
  std::vector<bool> mask(t.rows());
  for (std::size_t i = 0; i < t.rows(); ++i) mask[i] = (t.time[i] >= split) == later;
  return mask;
}

TruthScore score_against_truth(const Dataset& data, const MarketTruth& truth, const Table& test,
                               const std::vector<FeatureRowKey>& keys, const std::vector<float>& pred,
                               const std::vector<float>& baseline, const EnsemblePrediction* band) {
  const std::size_t price = column_index(test.columns, "price"), remaining = column_index(test.columns, "remaining_share");
  TruthScore s;
  double se_model = 0, se_baseline = 0;
  std::size_t covered = 0;
  for (std::size_t i = 0; i < test.rows(); ++i) {
    const double p = cell_value(test, i, price);
    const auto bucket = bucket_at(truth, data.games[keys[i].game].date - keys[i].day);
    if (!std::isfinite(p) || !bucket) continue;
    // Expected tickets sold that day: demand per selling day, capped by the seats left (an
    // approximation of E[min(demand, seats)] that only matters in the last days of a sell-out).
    const double seats = cell_value(test, i, remaining) * data.codes[keys[i].code].capacity;
    const double demand = expected_tickets_demanded(truth, keys[i].game, keys[i].code, *bucket, p) /
                          std::max(1, selling_days(truth, *bucket));
    const double expected = std::min(demand, std::max(seats, 0.0));
    ++s.rows;
    s.mae_model += std::abs(pred[i] - expected);
    se_model += (pred[i] - expected) * (pred[i] - expected);
    s.mae_baseline += std::abs(baseline[i] - expected);
    se_baseline += (baseline[i] - expected) * (baseline[i] - expected);
    s.mae_observed += std::abs(test.y[i] - expected);
    s.total_expected += expected;
    s.total_predicted += pred[i];
    if (band) covered += band->lower[i] <= expected && expected <= band->upper[i];
  }
  if (s.rows == 0) return s;
  const double n = double(s.rows);
  s.mae_model /= n;
  s.mae_baseline /= n;
  s.mae_observed /= n;
  s.rmse_model = std::sqrt(se_model / n);
  s.rmse_baseline = std::sqrt(se_baseline / n);
  s.mean_expected = s.total_expected / n;
  if (band) s.interval_coverage = double(covered) / n;
  return s;
}

// The sampled rows before the split (weighted back up), and the split: the first sale day of
// the latest test_fraction of the rows.
Table training_rows(const Dataset& data, const FeatureOptions& features, const DatasetTrainingOptions& options,
                    double& split) {
  Table all = build_feature_table(data, features);
  if (options.kind == ModelKind::price) all = all.select_rows(rows_with_target(all));
  if (all.rows() < 2) throw std::invalid_argument("too few rows to train on (" + std::to_string(all.rows()) + ")");
  if (options.kind != ModelKind::price && options.no_sale_fraction < 1.0) {
    all.weight.resize(all.rows());
    for (std::size_t i = 0; i < all.rows(); ++i) all.weight[i] = all.y[i] > 0 ? 1.0f : float(1.0 / options.no_sale_fraction);
  }
  split = time_quantile_split(all.time, options.test_fraction);
  Table train = all.select_rows(time_mask(all, split, false));
  if (train.rows() == 0) throw std::invalid_argument("every row falls on the latest sale days: nothing left to train on");
  return train;
}

// Every day of the later period, sale or not, so the scores describe the days the model will
// really be asked about (training rows are sampled). `keys` receives each row's (game, code, day).
Table test_rows(const Dataset& data, const FeatureOptions& features, ModelKind kind, double split,
                std::vector<FeatureRowKey>& keys) {
  FeatureOptions every_day = features;
  every_day.no_sale_fraction = 1.0;
  every_day.include_game.assign(data.games.size(), false);
  for (GameIndex g = 0; g < data.games.size(); ++g)
    every_day.include_game[g] = data.games[g].date.days() >= split &&
                                (features.include_game.empty() || (g < features.include_game.size() && features.include_game[g]));
  std::vector<FeatureRowKey> all_keys;
  const Table all = build_feature_table(data, every_day, &all_keys);
  std::vector<bool> later = time_mask(all, split, true);
  if (kind == ModelKind::price) {
    const auto has_target = rows_with_target(all);
    for (std::size_t i = 0; i < later.size(); ++i) later[i] = later[i] && has_target[i];
  }
  keys.clear();
  for (std::size_t i = 0; i < all_keys.size(); ++i)
    if (later[i]) keys.push_back(all_keys[i]);
  Table test = all.select_rows(later);
  if (test.rows() == 0) throw std::invalid_argument("no test rows on or after the split day");
  return test;
}

}  // namespace

CellMeanBaseline::CellMeanBaseline(const Table& train)
    : code_col_(column_index(train.columns, "price_code")), bucket_col_(column_index(train.columns, "bucket_index")) {
  std::map<std::pair<int, int>, std::pair<double, double>> sums;  // cell -> (Σ w·y, Σ w)
  double total = 0, weight = 0;
  for (std::size_t i = 0; i < train.rows(); ++i) {
    const double w = train.weight.empty() ? 1.0 : train.weight[i];
    const float code = cell_value(train, i, code_col_), bucket = cell_value(train, i, bucket_col_);
    total += w * train.y[i];
    weight += w;
    if (std::isnan(code) || std::isnan(bucket)) continue;
    auto& cell = sums[{static_cast<int>(code), static_cast<int>(bucket)}];
    cell.first += w * train.y[i];
    cell.second += w;
  }
  overall_ = weight > 0 ? total / weight : 0.0;
  for (const auto& [cell, s] : sums) means_[cell] = s.first / s.second;
}

std::vector<float> CellMeanBaseline::predict(const Table& table) const {
  std::vector<float> out(table.rows());
  for (std::size_t i = 0; i < table.rows(); ++i) {
    const float code = cell_value(table, i, code_col_), bucket = cell_value(table, i, bucket_col_);
    auto it = std::isnan(code) || std::isnan(bucket) ? means_.end()
                                                     : means_.find({static_cast<int>(code), static_cast<int>(bucket)});
    out[i] = static_cast<float>(it == means_.end() ? overall_ : it->second);
  }
  return out;
}

DatasetTrainingReport train_dataset_model(const Dataset& data, const DatasetTrainingOptions& options,
                                          ModelParams* used) {
  const auto start = std::chrono::steady_clock::now();
  if (!(options.no_sale_fraction > 0.0 && options.no_sale_fraction <= 1.0))
    throw std::invalid_argument("the no-sale sampling fraction must be in (0, 1]");
  // Checked before any work: a mismatched truth would otherwise fail after the whole fit.
  if (options.truth && (options.truth->games.size() != data.games.size() || options.truth->codes.size() != data.codes.size()))
    throw std::invalid_argument("the truth does not describe this dataset (different games or price codes)");
  DatasetTrainingReport report;
  report.kind = options.kind;
  ModelParams params = options.params;
  params.task = task_of(options.kind);
  // The linear demand model is log-log in our price: its price coefficient is the elasticity.
  if (options.kind != ModelKind::price && params.linear.log_columns.empty()) params.linear.log_columns = {"price"};
  if (options.monotone_in_price && options.kind != ModelKind::price)
    for (BoosterParams* p : {&params.gbdt, &params.forest})
      for (const char* column : {"price", "price_vs_comp_p50", "price_vs_comp_p50_pct", "price_change_1d", "comp_position"})
        p->monotone.emplace_back(column, -1);

  FeatureOptions features = options.features;
  features.as_of = options.as_of;
  features.target = target_of(options.kind);
  features.no_sale_fraction = options.no_sale_fraction;
  double split = 0;
  const Table train = training_rows(data, features, options, split);
  report.columns = train.columns;
  report.extra_holidays = features.extra_holidays;
  report.first_day = Date::from_days(static_cast<std::int32_t>(*std::min_element(train.time.begin(), train.time.end())));
  report.split_day = Date::from_days(static_cast<std::int32_t>(split));
  std::vector<FeatureRowKey> test_keys;
  const Table test = test_rows(data, features, options.kind, split, test_keys);
  report.last_day = Date::from_days(static_cast<std::int32_t>(*std::max_element(test.time.begin(), test.time.end())));
  report.rows_train = train.rows();
  report.rows_test = test.rows();
  report.no_sale_fraction = options.kind == ModelKind::price ? 1.0 : options.no_sale_fraction;
  spdlog::info("train: {} training rows ({} to {}), {} test rows ({} to {})", train.rows(), report.first_day.str(),
               (report.split_day - 1).str(), test.rows(), report.split_day.str(), report.last_day.str());

  if (options.cv_folds > 0) {
    const auto folds = expanding_window_folds(train.time, options.cv_folds);
    for (std::size_t f = 0; f < folds.size(); ++f) {
      const Table valid = train.select_rows(folds[f].valid);
      const auto pred = fit_model(options.algo, train.select_rows(folds[f].train), params)->predict(valid);
      report.cv_folds.push_back(score_predictions(params.task, valid.y, pred));
      spdlog::info("train: cross-validation fold {} of {} done", f + 1, folds.size());
    }
  }

  report.model = fit_model(options.algo, train, params);
  std::optional<EnsemblePrediction> band;
  if (const auto* ensemble = dynamic_cast<const StackedEnsemble*>(report.model.get())) {
    band = ensemble->predict_detail(test);
    std::size_t covered = 0;
    for (std::size_t i = 0; i < test.rows(); ++i) covered += band->lower[i] <= test.y[i] && test.y[i] <= band->upper[i];
    report.interval_coverage = double(covered) / double(test.rows());
  }
  const auto pred = band ? band->prediction : report.model->predict(test);
  const auto baseline = CellMeanBaseline(train).predict(test);
  report.test = score_predictions(params.task, test.y, pred);
  report.baseline = score_predictions(params.task, test.y, baseline);
  if (options.truth && options.kind == ModelKind::demand) {
    report.truth = score_against_truth(data, *options.truth, test, test_keys, pred, baseline, band ? &*band : nullptr);
    report.truth->elasticity = score_elasticity(data, *options.truth, *report.model, test, test_keys);
  }
  if (used) *used = params;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

}  // namespace seatsync
