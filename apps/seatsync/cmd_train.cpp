// seatsync train: fit a gradient-boosted model on any CSV and report held-out metrics next to
// a naive baseline, so a user can see at once whether the model learned anything.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>

#include "cli.hpp"
#include "seatsync/booster.hpp"
#include "seatsync/metrics.hpp"
#include "seatsync/tabular_csv.hpp"

namespace seatsync::cli {

namespace {

struct TrainOptions {
  std::string csv, target, task = "regression", algo = "gbdt", format = "table";
  std::string time_column, split_before;
  std::vector<std::string> categorical, drop;
  int rounds = 500;
  std::uint64_t seed = 42;
};

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

// The last 10% of the training rows (by time; at random without one) watch for overfitting.
std::vector<bool> early_stopping_mask(const Table& train, std::uint64_t seed) {
  std::vector<std::size_t> order(train.rows());
  std::iota(order.begin(), order.end(), 0);
  if (train.time.empty())
    std::shuffle(order.begin(), order.end(), std::mt19937_64(seed + 1));
  else
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return train.time[a] < train.time[b]; });
  std::vector<bool> mask(train.rows(), false);
  const std::size_t n = train.rows() / 10;
  for (std::size_t k = order.size() - n; k < order.size(); ++k) mask[order[k]] = true;
  return mask;
}

std::vector<bool> negate(std::vector<bool> mask) {
  mask.flip();
  return mask;
}

struct Scores {
  std::vector<std::pair<std::string, double>> values;  // in output order
};

Scores score(BoostTask task, const std::vector<float>& y, const std::vector<float>& pred) {
  if (task == BoostTask::binary) {
    const auto m = binary_metrics(y, pred);
    return {{{"auc", m.auc}, {"logloss", m.logloss}, {"accuracy", m.accuracy},
             {"precision", m.precision}, {"recall", m.recall}, {"f1", m.f1}}};
  }
  const auto m = regression_metrics(y, pred);
  return {{{"r2", m.r2}, {"mae", m.mae}, {"rmse", m.rmse}, {"mape", m.mape}}};
}

void run_train(const TrainOptions& opt) {
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

  BoosterParams params;
  params.task = task;
  params.algo = parse_boost_algo(opt.algo);
  params.rounds = opt.rounds;
  params.seed = opt.seed;
  // Too few rows to spare a tenth (or a forest, which has no rounds to stop): use them all.
  const bool can_watch = params.algo == BoostAlgo::gbdt && train.rows() >= 20;
  const auto watch = can_watch ? early_stopping_mask(train, opt.seed) : std::vector<bool>(train.rows(), false);
  const std::size_t watched = static_cast<std::size_t>(std::count(watch.begin(), watch.end(), true));
  const Booster model = can_watch ? Booster::train(train.select_rows(negate(watch)), train.select_rows(watch), params)
                                  : Booster::train(train, std::nullopt, params);
  const auto pred = model.predict(test);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  // Baseline: the training mean (for binary, the base rate) predicted for every test row.
  const float mean = std::accumulate(train.y.begin(), train.y.end(), 0.0) / double(train.rows());
  const Scores ours = score(task, test.y, pred), naive = score(task, test.y, std::vector<float>(test.rows(), mean));

  if (opt.format == "json") {
    nlohmann::json j;
    for (const auto& [k, v] : ours.values) j[k] = v;
    j["rows_train"] = train.rows();
    j["rows_test"] = test.rows();
    j["seconds"] = seconds;
    std::cout << j.dump(2) << '\n';
    return;
  }
  std::printf("%s %s on %zu rows (%zu of them for early stopping), kept %d of %d rounds; tested on %zu rows (%.2f s)\n",
              to_string(params.algo), to_string(task), train.rows(), watched,
              model.best_iteration() + 1, model.rounds_trained(), test.rows(), seconds);
  std::printf("%-10s %12s %12s\n", "metric", "model", "baseline");
  for (std::size_t i = 0; i < ours.values.size(); ++i)
    std::printf("%-10s %12.4f %12.4f\n", ours.values[i].first.c_str(), ours.values[i].second, naive.values[i].second);
  std::printf("baseline: the training %s (%.4f) for every row\n", task == BoostTask::binary ? "base rate" : "mean",
              mean);
  const auto gain = model.importance(ImportanceKind::gain);
  std::printf("top features by gain:");
  for (std::size_t i = 0; i < std::min<std::size_t>(10, gain.size()); ++i)
    std::printf("%s %s (%.3g)", i ? "," : "", gain[i].first.c_str(), gain[i].second);
  std::printf("\n");
}

}  // namespace

void add_train_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<TrainOptions>();
  auto* cmd = app.add_subcommand("train", "Train a gradient-boosted model on a CSV file and report held-out metrics");
  cmd->add_option("--csv", opt->csv, "Input CSV (header row; every column but target/time/dropped is a feature)")
      ->required();
  cmd->add_option("--target", opt->target, "Column to predict")->required();
  cmd->add_option("--task", opt->task, "Objective")
      ->check(CLI::IsMember({"regression", "binary", "poisson"}))
      ->capture_default_str();
  cmd->add_option("--time-column", opt->time_column, "Date column (YYYY-MM-DD or date-time) for a time split");
  cmd->add_option("--split-before", opt->split_before, "Rows before this date (YYYY-MM-DD) train, the rest test");
  cmd->add_option("--categorical", opt->categorical, "Columns to treat as categorical (comma-separated)")
      ->delimiter(',');
  cmd->add_option("--drop", opt->drop, "Columns to ignore, e.g. leakage (comma-separated)")->delimiter(',');
  cmd->add_option("--format", opt->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_option("--algo", opt->algo, "gbdt (boosting) or rf (random forest)")
      ->check(CLI::IsMember({"gbdt", "rf"}))
      ->capture_default_str();
  cmd->add_option("--rounds", opt->rounds, "Boosting rounds (cap; early stopping usually ends sooner) or rf trees")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->add_option("--seed", opt->seed, "Seed for the random split and the model")->capture_default_str();
  commands.push_back({cmd, [opt] { run_train(*opt); }});
}

}  // namespace seatsync::cli
