#pragma once
// The two modes of `seatsync train`: any CSV (train_csv.cpp) or a season dataset (train_dataset.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli.hpp"

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
  // both
  std::string algo = "gbdt", format = "table";
  std::optional<int> rounds;  // unset: 500 boosting rounds (a cap), 100 forest trees
  std::uint64_t seed = 42;
};

void run_train_csv(const TrainOptions& opt);
void run_train_dataset(const TrainOptions& opt);

}  // namespace seatsync::cli
