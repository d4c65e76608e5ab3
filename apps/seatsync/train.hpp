#pragma once
// The two modes of `seatsync train`: any CSV (train_csv.cpp) or a season dataset (train_dataset.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"
#include "seatsync/model.hpp"

namespace seatsync::cli {

struct TrainOptions {
  // --csv mode
  std::string csv, target, task = "regression";
  std::string time_column, split_before;
  std::vector<std::string> categorical, drop;
  // dataset mode
  DataSource source;
  std::string model, registry = "models", scope = "season", truth, as_of;
  int cv = 0;
  double test_fraction = 0.2, no_sale_fraction = 0.2;
  bool save = true;
  bool monotone_price = true;  // demand/conversion trees non-increasing in our price
  // both
  std::string algo = "gbdt", format = "table";
  std::optional<int> rounds;  // unset: 500 boosting rounds (a cap), 100 forest trees
  std::optional<double> learning_rate, min_child_weight, subsample, colsample;
  std::optional<int> max_depth;
  std::optional<int> stack_folds;
  std::uint64_t seed = 42;
};

// --rounds: the forest's trees with --algo rf, otherwise the boosting rounds (the ensemble's
// boosted member included; its forest keeps the default size).
// The tree options likewise go to the forest with --algo rf and to the boosted model otherwise.
inline void apply_tree_options(const TrainOptions& opt, ModelParams& params) {
  BoosterParams& p = opt.algo == "rf" ? params.forest : params.gbdt;
  if (opt.rounds) p.rounds = *opt.rounds;
  if (opt.learning_rate) p.learning_rate = *opt.learning_rate;
  if (opt.max_depth) p.max_depth = *opt.max_depth;
  if (opt.min_child_weight) p.min_child_weight = *opt.min_child_weight;
  if (opt.subsample) p.subsample = *opt.subsample;
  if (opt.colsample) p.colsample_bytree = *opt.colsample;
  if (opt.stack_folds) params.stack_folds = *opt.stack_folds;
}

void run_train_csv(const TrainOptions& opt);
void run_train_dataset(const TrainOptions& opt);

}  // namespace seatsync::cli
