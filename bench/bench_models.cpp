// The learned models on the feature builder's output, with 2 threads (BoosterParams::threads
// and LinearParams::threads = 2):
//
//  * Training: the default simulated market (3 past seasons + the upcoming one) with every
//    no-sale day kept (no_sale_fraction = 1): ~1.23M rows × 75 columns, target demand, task
//    poisson. gbdt with a fixed 100 rounds (no early stopping, learning rate 0.1, depth 6), rf
//    with ModelParams::forest's defaults (100 trees, depth 12), linear (poisson, log price).
//    Each runs once. The ensemble (3 folds × 3 members + 3 final fits) runs on a 250k-row
//    subset of the same table.
//  * Serving through a ModelRegistry in a temporary directory: a gbdt of exactly 300 trees,
//    a 100-tree rf, a linear model and an ensemble (its gbdt 300 trees), all fitted untimed on
//    a 100k-row subset, saved, then loaded back through the registry. Load time (metadata +
//    cached bytes + parse), single-row latency cycling through 1000 rows, batch throughput.
//
// Subsets are evenly strided over the full table, so they cover every game and sale day and
// the ensemble's expanding-window folds see the whole time range.
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "seatsync/booster.hpp"
#include "seatsync/features.hpp"
#include "seatsync/model.hpp"
#include "seatsync/model_registry.hpp"
#include "seatsync/simulator.hpp"

namespace {

namespace fs = std::filesystem;
using seatsync::ModelAlgo;
using seatsync::Table;

constexpr int kThreads = 2;
constexpr std::size_t kServingRows = 100'000;
constexpr std::size_t kEnsembleRows = 250'000;
constexpr std::size_t kCycleRows = 1000;
const std::string kScope = "bench";

// The full training table: default market, every no-sale day kept, target demand.
const Table& full_table() {
  static const Table table = [] {
    const auto market = seatsync::simulate_market({});
    seatsync::FeatureOptions options;
    options.no_sale_fraction = 1.0;
    options.target = seatsync::FeatureTarget::demand;
    return seatsync::build_feature_table(market.dataset, options);
  }();
  return table;
}

// `n` rows evenly strided over `t` (all of it when n >= rows).
Table strided(const Table& t, std::size_t n) {
  const std::size_t rows = t.rows();
  std::vector<bool> mask(rows, false);
  for (std::size_t i = 0; i < rows; ++i) mask[i] = (i + 1) * n / rows > i * n / rows;
  return t.select_rows(mask);
}

// gbdt: `rounds` fixed rounds (no early stopping), learning rate 0.1, depth 6; rf: the
// ModelParams::forest defaults; linear: poisson with ln(price). Everything on 2 threads.
seatsync::ModelParams params(int gbdt_rounds) {
  seatsync::ModelParams p;
  p.task = seatsync::BoostTask::poisson;
  p.gbdt.rounds = gbdt_rounds;
  p.gbdt.early_stopping_rounds = 0;
  p.gbdt.learning_rate = 0.1;
  p.gbdt.max_depth = 6;
  p.gbdt.threads = kThreads;
  p.forest.threads = kThreads;
  p.linear.log_columns = {"price"};
  p.linear.threads = kThreads;
  return p;
}

// ---- Training -----------------------------------------------------------------------------

// rows = 0: the full table.
void BM_Train(benchmark::State& state, ModelAlgo algo, std::size_t rows) {
  static const Table ensemble_subset = strided(full_table(), kEnsembleRows);
  const Table& train = rows == 0 ? full_table() : ensemble_subset;
  if (rows != 0 && train.rows() != rows) throw std::logic_error("unexpected subset size");
  const auto p = params(100);
  for (auto _ : state) {
    auto model = seatsync::fit_model(algo, train, p);
    benchmark::DoNotOptimize(model.get());
  }
  state.counters["rows"] = static_cast<double>(train.rows());
  state.counters["columns"] = static_cast<double>(train.x.cols());
}
BENCHMARK_CAPTURE(BM_Train, gbdt_100rounds, ModelAlgo::gbdt, 0)
    ->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Train, rf_100trees, ModelAlgo::rf, 0)
    ->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Train, linear, ModelAlgo::linear, 0)
    ->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();
BENCHMARK_CAPTURE(BM_Train, ensemble_250k_rows, ModelAlgo::ensemble, kEnsembleRows)
    ->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

// ---- Serving through the registry --------------------------------------------------------

struct Serving {
  fs::path dir;
  std::unique_ptr<seatsync::ModelRegistry> registry;
  Table table;                      // the 100k training rows, also the rows we predict
  std::vector<std::size_t> cycle;   // kCycleRows row indices spread over `table`
  std::size_t gbdt_trees = 0;
  std::size_t gbdt_bytes = 0;

  Serving() {
    char pattern[] = "/tmp/seatsync-bench-models-XXXXXX";
    if (!mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
    dir = pattern;
    registry = std::make_unique<seatsync::ModelRegistry>(dir);
    table = strided(full_table(), kServingRows);
    for (std::size_t k = 0; k < kCycleRows; ++k) cycle.push_back(k * table.rows() / kCycleRows);

    const auto p = params(300);
    for (ModelAlgo algo : {ModelAlgo::gbdt, ModelAlgo::rf, ModelAlgo::linear, ModelAlgo::ensemble}) {
      const auto model = seatsync::fit_model(algo, table, p);
      const std::string bytes = model->save_to_bytes();
      registry->save(kScope, seatsync::to_string(algo), bytes,
                     {{"row_count", table.rows()}, {"parameters", {{"gbdt_rounds", 300}}}});
      if (algo == ModelAlgo::gbdt) {
        gbdt_trees = static_cast<std::size_t>(seatsync::Booster::load_from_bytes(bytes).rounds_trained());
        gbdt_bytes = bytes.size();
        if (gbdt_trees != 300) throw std::logic_error("expected 300 trees, got " + std::to_string(gbdt_trees));
      }
    }
  }
  ~Serving() {
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }

  // The model as a server gets it: registry load (first call verifies and caches the bytes).
  std::unique_ptr<seatsync::Model> load(ModelAlgo algo) {
    const auto loaded = registry->load(kScope, seatsync::to_string(algo), "latest");
    return seatsync::load_model(algo, *loaded.bytes);
  }
};

Serving& serving() {
  static Serving s;
  return s;
}

// registry.load("latest") + load_model: metadata read, cached bytes, XGBoost JSON parse.
void BM_RegistryLoad(benchmark::State& state) {
  auto& s = serving();
  s.load(ModelAlgo::gbdt);  // the first load reads and verifies the file; later ones hit the cache
  for (auto _ : state) {
    auto model = s.load(ModelAlgo::gbdt);
    benchmark::DoNotOptimize(model.get());
  }
  state.counters["trees"] = static_cast<double>(s.gbdt_trees);
  state.counters["model_bytes"] = static_cast<double>(s.gbdt_bytes);
}
BENCHMARK(BM_RegistryLoad)->Unit(benchmark::kMillisecond)->UseRealTime();

// The registry part alone (show latest + metadata parse + cache hit), without the model parse.
void BM_RegistryLoadBytesOnly(benchmark::State& state) {
  auto& s = serving();
  s.registry->load(kScope, "gbdt", "latest");
  for (auto _ : state) {
    auto loaded = s.registry->load(kScope, "gbdt", "latest");
    benchmark::DoNotOptimize(loaded.bytes.get());
  }
}
BENCHMARK(BM_RegistryLoadBytesOnly)->Unit(benchmark::kMicrosecond)->UseRealTime();

// predict_row on one row at a time, cycling through 1000 different rows.
void predict_rows(benchmark::State& state, ModelAlgo algo) {
  auto& s = serving();
  const auto model = s.load(algo);
  std::size_t k = 0;
  double sum = 0.0;
  for (auto _ : state) {
    const float* row = s.table.x.row(static_cast<Eigen::Index>(s.cycle[k])).data();
    const float value = model->predict_row(row);
    benchmark::DoNotOptimize(value);
    sum += value;
    if (++k == s.cycle.size()) k = 0;
  }
  if (!std::isfinite(sum)) state.SkipWithError("non-finite prediction");
}

void BM_PredictRow300Trees(benchmark::State& state) { predict_rows(state, ModelAlgo::gbdt); }
BENCHMARK(BM_PredictRow300Trees)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_PredictRowRf100Trees(benchmark::State& state) { predict_rows(state, ModelAlgo::rf); }
BENCHMARK(BM_PredictRowRf100Trees)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_PredictRowLinear(benchmark::State& state) { predict_rows(state, ModelAlgo::linear); }
BENCHMARK(BM_PredictRowLinear)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_PredictRowEnsemble(benchmark::State& state) { predict_rows(state, ModelAlgo::ensemble); }
BENCHMARK(BM_PredictRowEnsemble)->Unit(benchmark::kMicrosecond)->UseRealTime();

// predict on a Table of `range(0)` rows; items = rows, per_row = seconds per row.
void BM_PredictBatch300Trees(benchmark::State& state) {
  auto& s = serving();
  const auto model = s.load(ModelAlgo::gbdt);
  const auto n = static_cast<std::size_t>(state.range(0));
  const Table batch = strided(s.table, n);
  for (auto _ : state) {
    auto out = model->predict(batch);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
  state.counters["per_row"] = benchmark::Counter(static_cast<double>(n),
                                                 benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_PredictBatch300Trees)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace
