// The Model interface over the booster and the linear model, and the fitting procedure every
// algorithm shares (ensemble.cpp holds the stacking ensemble).
#include "seatsync/model.hpp"

#include <algorithm>
#include <numeric>
#include <random>
#include <stdexcept>

#include "seatsync/ensemble.hpp"

namespace seatsync {

const char* to_string(ModelAlgo algo) {
  switch (algo) {
    case ModelAlgo::gbdt: return "gbdt";
    case ModelAlgo::rf: return "rf";
    case ModelAlgo::linear: return "linear";
    case ModelAlgo::ensemble: return "ensemble";
  }
  return "?";
}

ModelAlgo parse_model_algo(const std::string& text) {
  for (ModelAlgo a : {ModelAlgo::gbdt, ModelAlgo::rf, ModelAlgo::linear, ModelAlgo::ensemble})
    if (text == to_string(a)) return a;
  throw std::invalid_argument("unknown algorithm '" + text + "' (expected gbdt, rf, linear or ensemble)");
}

namespace {

class BoostedModel final : public Model {
 public:
  BoostedModel(Booster booster, ModelAlgo algo) : booster_(std::move(booster)), algo_(algo) {}
  ModelAlgo algo() const override { return algo_; }
  BoostTask task() const override { return booster_.task(); }
  std::size_t feature_count() const override { return booster_.feature_count(); }
  std::vector<float> predict(const Table& table) const override { return booster_.predict(table); }
  float predict_row(const float* row) const override { return booster_.predict_row(row); }
  std::string save_to_bytes() const override { return booster_.save_to_bytes(); }
  std::vector<std::pair<std::string, double>> importance(ImportanceKind kind) const override {
    return booster_.importance(kind);
  }

 private:
  Booster booster_;
  ModelAlgo algo_;
};

class LinearWrapped final : public Model {
 public:
  explicit LinearWrapped(LinearModel model) : model_(std::move(model)) {}
  ModelAlgo algo() const override { return ModelAlgo::linear; }
  BoostTask task() const override { return model_.task(); }
  std::size_t feature_count() const override { return model_.feature_count(); }
  std::vector<float> predict(const Table& table) const override { return model_.predict(table); }
  float predict_row(const float* row) const override { return model_.predict_row(row); }
  std::string save_to_bytes() const override { return model_.save_to_bytes(); }
  std::vector<std::pair<std::string, double>> importance(ImportanceKind) const override { return model_.importance(); }

 private:
  LinearModel model_;
};

}  // namespace

std::vector<bool> latest_rows_mask(const Table& table, double fraction) {
  const std::size_t n = table.rows(), take = static_cast<std::size_t>(static_cast<double>(n) * fraction);
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  if (table.time.empty())
    std::shuffle(order.begin(), order.end(), std::mt19937_64(n));
  else
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return table.time[a] < table.time[b]; });
  std::vector<bool> mask(n, false);
  for (std::size_t k = n - take; k < n; ++k) mask[order[k]] = true;
  return mask;
}

std::unique_ptr<Model> fit_model(ModelAlgo algo, const Table& train, const ModelParams& params) {
  switch (algo) {
    case ModelAlgo::gbdt: {
      BoosterParams p = params.gbdt;
      p.task = params.task;
      p.algo = BoostAlgo::gbdt;
      const auto watch = latest_rows_mask(train, params.early_stopping_fraction);
      const auto watched = static_cast<std::size_t>(std::count(watch.begin(), watch.end(), true));
      // Too few rows to spare: boost for the full number of rounds on everything.
      if (p.early_stopping_rounds <= 0 || watched < 10 || watched == train.rows())
        return std::make_unique<BoostedModel>(Booster::train(train, std::nullopt, p), algo);
      std::vector<bool> fit_rows = watch;
      fit_rows.flip();
      return std::make_unique<BoostedModel>(Booster::train(train.select_rows(fit_rows), train.select_rows(watch), p), algo);
    }
    case ModelAlgo::rf: {
      BoosterParams p = params.forest;
      p.task = params.task;
      p.algo = BoostAlgo::rf;
      return std::make_unique<BoostedModel>(Booster::train(train, std::nullopt, p), algo);
    }
    case ModelAlgo::linear: {
      LinearParams p = params.linear;
      p.task = params.task;
      return std::make_unique<LinearWrapped>(LinearModel::train(train, p));
    }
    case ModelAlgo::ensemble: return StackedEnsemble::fit(train, params);
  }
  throw std::invalid_argument("unknown algorithm");
}

std::unique_ptr<Model> load_model(ModelAlgo algo, const std::string& bytes) {
  switch (algo) {
    case ModelAlgo::gbdt:
    case ModelAlgo::rf: return std::make_unique<BoostedModel>(Booster::load_from_bytes(bytes), algo);
    case ModelAlgo::linear: return std::make_unique<LinearWrapped>(LinearModel::load_from_bytes(bytes));
    case ModelAlgo::ensemble: return StackedEnsemble::load(bytes);
  }
  throw std::invalid_argument("unknown algorithm");
}

}  // namespace seatsync
