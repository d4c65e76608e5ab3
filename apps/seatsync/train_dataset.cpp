// seatsync train --data/--db: a demand, conversion or price model of a season dataset, scored
// on the latest days against a naive baseline (and against the simulator's truth when there is
// one), then saved to the model registry with its metadata.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <map>

#include "seatsync/model_registry.hpp"
#include "seatsync/model_training.hpp"
#include "train.hpp"

namespace seatsync::cli {

namespace {

// The price response against the truth: overall, then by tier and by time bucket (the cells by
// tier x bucket are in the JSON metadata).
void print_elasticity(const ElasticityScore& e) {
  if (e.rows == 0) return;
  std::cout << fmt::format(
      "price response against the truth (elasticity between {:g}x and {:g}x each row's price, {} rows):\n"
      "  mean elasticity: true {:.3f}, model {:.3f}; MAE {:.3f} (a price-blind model: {:.3f})\n",
      e.low, e.high, e.rows, e.truth, e.model, e.mae, e.mae_price_blind);
  auto margin = [&](const char* label, auto key_of) {
    std::map<long, ElasticityCell> by;
    for (const auto& c : e.cells) {
      auto& m = by[key_of(c)];
      m.rows += c.rows;
      m.truth += c.truth * double(c.rows);
      m.model += c.model * double(c.rows);
      m.mae += c.mae * double(c.rows);
    }
    std::cout << fmt::format("  {:<7} {:>8} {:>9} {:>9} {:>8}\n", label, "rows", "true", "model", "MAE");
    for (const auto& [key, m] : by) {
      const double n = double(m.rows);
      std::cout << fmt::format("  {:<7} {:>8} {:>9.3f} {:>9.3f} {:>8.3f}\n", key, m.rows, m.truth / n, m.model / n, m.mae / n);
    }
  };
  margin("tier", [](const ElasticityCell& c) { return long(c.tier); });
  margin("bucket", [](const ElasticityCell& c) { return long(c.bucket); });
}

void print_report(const DatasetTrainingReport& r, const nlohmann::json& meta, const std::optional<ModelEntry>& saved) {
  std::cout << fmt::format("{} model ({}, {}): trained on {} rows of {} .. {}, tested on {} rows of {} .. {} ({:.2f} s)\n",
                           to_string(r.kind), to_string(r.model->algo()), to_string(r.model->task()), r.rows_train,
                           r.first_day.str(), (r.split_day - 1).str(), r.rows_test, r.split_day.str(),
                           r.last_day.str(), r.seconds);
  std::cout << fmt::format("{:<10} {:>12} {:>12}\n", "metric", "model", "baseline");
  for (std::size_t i = 0; i < r.test.size(); ++i)
    std::cout << fmt::format("{:<10} {:>12.4f} {:>12.4f}\n", r.test[i].first, r.test[i].second, r.baseline[i].second);
  std::cout << "baseline: " << meta["baseline"].get<std::string>() << '\n';
  for (std::size_t f = 0; f < r.cv_folds.size(); ++f) {
    std::cout << fmt::format("cv fold {}:", f + 1);
    for (const auto& [name, value] : r.cv_folds[f]) std::cout << fmt::format(" {}={:.4f}", name, value);
    std::cout << '\n';
  }
  if (r.truth && r.truth->rows > 0) {
    const auto& t = *r.truth;
    std::cout << fmt::format(
        "against the truth ({} test rows; mean expected {:.4f} tickets/day):\n"
        "  model MAE {:.4f} RMSE {:.4f}; baseline MAE {:.4f} RMSE {:.4f}; observed-vs-expected MAE {:.4f}\n"
        "  total expected {:.0f}, predicted {:.0f} ({:+.1f}%)\n",
        t.rows, t.mean_expected, t.mae_model, t.rmse_model, t.mae_baseline, t.rmse_baseline, t.mae_observed,
        t.total_expected, t.total_predicted, 100.0 * (t.total_predicted / t.total_expected - 1.0));
    print_elasticity(t.elasticity);
  }
  if (r.interval_coverage)
    std::cout << fmt::format("ensemble band (prediction ± z × member spread) holds {:.1f}% of the observed test targets{}\n",
                             100 * *r.interval_coverage,
                             r.truth && r.truth->interval_coverage
                                 ? fmt::format(" and {:.1f}% of the true expected sales", 100 * *r.truth->interval_coverage)
                                 : std::string());
  if (meta.contains("member_weights")) std::cout << "ensemble member weights: " << meta["member_weights"].dump() << '\n';
  const auto top = top_importance(meta, 10);
  std::cout << (r.model->algo() == ModelAlgo::linear ? "largest standardised coefficients:" : "top features by gain:");
  for (std::size_t i = 0; i < top.size(); ++i) std::cout << fmt::format("{} {} ({:.3g})", i ? "," : "", top[i].first, top[i].second);
  std::cout << '\n';
  if (saved) std::cout << "saved " << saved->file.string() << '\n';
}

}  // namespace

void run_train_dataset(const TrainOptions& opt) {
  const Dataset data = load_input(opt.source);
  const auto truth = find_truth(opt.truth, opt.source);

  DatasetTrainingOptions options;
  options.kind = parse_model_kind(opt.model);
  options.algo = parse_model_algo(opt.algo);
  options.cv_folds = opt.cv;
  options.test_fraction = opt.test_fraction;
  options.no_sale_fraction = opt.no_sale_fraction;
  if (!opt.as_of.empty()) options.as_of = parse_date_option(opt.as_of, "--as-of");
  options.truth = truth ? &*truth : nullptr;
  options.monotone_in_price = opt.monotone_price;
  apply_tree_options(opt, options.params);
  options.params.gbdt.seed = options.params.forest.seed = opt.seed;
  options.features.extra_holidays = data.params.holidays;

  ModelParams used;
  const auto report = train_dataset_model(data, options, &used);
  nlohmann::json meta = report.metadata(used);
  std::optional<ModelEntry> saved;
  if (opt.save)
    saved = ModelRegistry(opt.registry).save(opt.scope, to_string(options.kind), report.model->save_to_bytes(), meta);

  if (opt.format == "json") {
    if (saved) meta = saved->metadata;
    std::cout << meta.dump(2) << '\n';
    return;
  }
  print_report(report, meta, saved);
}

}  // namespace seatsync::cli
