// seatsync train: a demand, conversion or price model of a season dataset (saved to the model
// registry), or a model of any CSV file (metrics only).
#include <memory>
#include <stdexcept>

#include "train.hpp"

namespace seatsync::cli {

namespace {

void run_train(const TrainOptions& opt) {
  const bool dataset = opt.source.data_dir || opt.source.db;
  if (dataset == !opt.csv.empty())
    throw std::invalid_argument("give either --data DIR / --db FILE (a season dataset) or --csv FILE (any table)");
  if (dataset) {
    if (opt.model.empty()) throw std::invalid_argument("--model demand|conversion|price is required with --data/--db");
    if (!opt.target.empty()) throw std::invalid_argument("--target goes with --csv; a dataset model's target follows --model");
    run_train_dataset(opt);
    return;
  }
  if (opt.target.empty()) throw std::invalid_argument("--target COLUMN is required with --csv");
  if (!opt.model.empty()) throw std::invalid_argument("--model goes with --data/--db; use --task with --csv");
  if (opt.algo == "ensemble" && opt.time_column.empty())
    throw std::invalid_argument("--algo ensemble needs --time-column (its folds are ordered in time)");
  run_train_csv(opt);
}

}  // namespace

void add_train_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<TrainOptions>();
  auto* cmd = app.add_subcommand(
      "train", "Train a demand, conversion or price model of a season dataset (--data/--db), or a model of any CSV (--csv)");
  add_source_options(*cmd, opt->source, {"--csv"});
  cmd->add_option("--model", opt->model, "Dataset model: tickets per day, P(any sale that day) or price paid")
      ->check(CLI::IsMember({"demand", "conversion", "price"}));
  cmd->add_option("--algo", opt->algo, "Boosting, random forest, regularised linear (log-log) or stacking ensemble")
      ->check(CLI::IsMember({"gbdt", "rf", "linear", "ensemble"}))
      ->capture_default_str();
  cmd->add_option("--cv", opt->cv, "Expanding-window cross-validation folds before the final fit (0 = none)")
      ->check(CLI::Range(0, 20))
      ->capture_default_str();
  cmd->add_option("--registry", opt->registry, "Model registry directory the dataset model is saved to")
      ->capture_default_str();
  cmd->add_option("--scope", opt->scope, "Registry scope of the saved model ([A-Za-z0-9-])")->capture_default_str();
  cmd->add_flag("!--no-save", opt->save, "Report metrics without saving the model");
  cmd->add_flag("!--no-monotone-price", opt->monotone_price,
                "Let demand/conversion trees rise with our price (default: XGBoost monotone constraints keep them non-increasing)");
  cmd->add_option("--as-of", opt->as_of, "Use only orders and listings before this date (YYYY-MM-DD)");
  cmd->add_option("--test-fraction", opt->test_fraction, "Latest share of the rows (by sale day) held out for testing")
      ->check(CLI::Range(0.01, 0.9))
      ->capture_default_str();
  cmd->add_option("--no-sale-fraction", opt->no_sale_fraction,
                  "Share of days without a sale kept as training rows (weighted back up)")
      ->check(CLI::Range(0.001, 1.0))
      ->capture_default_str();
  cmd->add_option("--truth", opt->truth,
                  "The simulator's truth.json, to score a demand model against the true expected sales "
                  "(default: DIR/truth.json when it exists)");

  cmd->add_option("--csv", opt->csv, "Input CSV (header row; every column but target/time/dropped is a feature)");
  cmd->add_option("--target", opt->target, "CSV column to predict");
  cmd->add_option("--task", opt->task, "CSV objective")
      ->check(CLI::IsMember({"regression", "binary", "poisson"}))
      ->capture_default_str();
  cmd->add_option("--time-column", opt->time_column, "CSV date column (YYYY-MM-DD or date-time) for a time split");
  cmd->add_option("--split-before", opt->split_before, "CSV rows before this date (YYYY-MM-DD) train, the rest test");
  cmd->add_option("--categorical", opt->categorical, "CSV columns to treat as categorical (comma-separated)")
      ->delimiter(',');
  cmd->add_option("--drop", opt->drop, "CSV columns to ignore, e.g. leakage (comma-separated)")->delimiter(',');

  cmd->add_option("--format", opt->format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_option("--rounds", opt->rounds, "Boosting rounds (default 500, a cap: early stopping usually ends sooner) or rf trees (default 100)")
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--learning-rate", opt->learning_rate, "Boosting learning rate (default 0.05)")
      ->check(CLI::Range(1e-4, 1.0));
  cmd->add_option("--max-depth", opt->max_depth, "Tree depth (default 6; rf 12)")->check(CLI::Range(1, 32));
  cmd->add_option("--min-child-weight", opt->min_child_weight, "Least weight in a leaf (default 1; rf 5)")
      ->check(CLI::Range(0.0, 1e6));
  cmd->add_option("--subsample", opt->subsample, "Row sample per tree (default 1; rf 0.632)")->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--colsample", opt->colsample, "Column sample per tree (rf: per node; default 1; rf 0.8)")
      ->check(CLI::Range(0.01, 1.0));
  cmd->add_option("--stack-folds", opt->stack_folds, "Ensemble: expanding-window folds for out-of-fold predictions (default 3)")
      ->check(CLI::Range(1, 10));
  cmd->add_option("--seed", opt->seed, "Seed for the random split and the model")->capture_default_str();
  commands.push_back({cmd, [opt] { run_train(*opt); }});
}

}  // namespace seatsync::cli
