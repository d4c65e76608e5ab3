// seatsync train --csv: fit a model on any CSV and report held-out metrics next to a naive
// baseline, so a user can see at once whether the model learned anything.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "seatsync/model_training.hpp"
#include "seatsync/tabular_csv.hpp"
#include "train.hpp"

namespace seatsync::cli {

namespace {

// Rows before the split date train, the rest test; without a time column a seeded 80/20 split.
std::vector<bool> train_mask(const Table& table, const TrainOptions& opt) {
  std::vector<bool> mask(table.rows(), false);
  if (!opt.time_column.empty()) {
    const Date split = parse_date_option(opt.split_before, "--split-before");
    for (std::size_t i = 0; i < table.rows(); ++i) mask[i] = table.time[i] < split.days();
    return mask;
  }
  std::vector<std::size_t> order(table.rows());
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), std::mt19937_64(opt.seed));
  for (std::size_t k = 0; k < order.size() * 8 / 10; ++k) mask[order[k]] = true;
  return mask;
}

std::vector<bool> negate(std::vector<bool> mask) {
  mask.flip();
  return mask;
}

}  // namespace

void run_train_csv(const TrainOptions& opt) {
  if (opt.time_column.empty() != opt.split_before.empty())
    throw std::invalid_argument("--time-column and --split-before go together");
  const BoostTask task = parse_boost_task(opt.task);
  TabularCsvOptions read;
  read.time_column = opt.time_column;
  read.categorical = opt.categorical;
  read.drop = opt.drop;
  const Table table = read_tabular_csv(opt.csv, opt.target, read);

  const auto start = std::chrono::steady_clock::now();
  const auto mask = train_mask(table, opt);
  const Table train = table.select_rows(mask), test = table.select_rows(negate(mask));
  if (train.rows() == 0 || test.rows() == 0)
    throw std::invalid_argument("empty split: " + std::to_string(train.rows()) + " training and " +
                                std::to_string(test.rows()) + " test rows");

  ModelParams params;
  params.task = task;
  apply_tree_options(opt, params);
  params.gbdt.seed = params.forest.seed = opt.seed;
  const ModelAlgo algo = parse_model_algo(opt.algo);
  // gbdt stops early on the latest 10% of the training rows by time (at random without a time column).
  const auto model = fit_model(algo, train, params);
  const auto pred = model->predict(test);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Baseline: the training mean (for binary, the base rate) predicted for every test row.
  const float mean = std::accumulate(train.y.begin(), train.y.end(), 0.0) / double(train.rows());
  const MetricList ours = score_predictions(task, test.y, pred),
                   naive = score_predictions(task, test.y, std::vector<float>(test.rows(), mean));

  if (opt.format == "json") {
    nlohmann::json j;
    for (const auto& [k, v] : ours) j[k] = v;
    j["rows_train"] = train.rows();
    j["rows_test"] = test.rows();
    j["seconds"] = seconds;
    std::cout << j.dump(2) << '\n';
    return;
  }
  std::printf("%s %s trained on %zu rows, tested on %zu rows (%.2f s)\n", to_string(algo), to_string(task),
              train.rows(), test.rows(), seconds);
  std::printf("%-10s %12s %12s\n", "metric", "model", "baseline");
  for (std::size_t i = 0; i < ours.size(); ++i)
    std::printf("%-10s %12.4f %12.4f\n", ours[i].first.c_str(), ours[i].second, naive[i].second);
  std::printf("baseline: the training %s (%.4f) for every row\n", task == BoostTask::binary ? "base rate" : "mean",
              mean);
  const auto gain = model->importance(ImportanceKind::gain);
  std::printf(algo == ModelAlgo::linear ? "largest standardised coefficients:" : "top features by gain:");
  for (std::size_t i = 0; i < std::min<std::size_t>(10, gain.size()); ++i)
    std::printf("%s %s (%.3g)", i ? "," : "", gain[i].first.c_str(), gain[i].second);
  std::printf("\n");
}

}  // namespace seatsync::cli
