// How long the feature builder takes on the default simulated dataset (3 past seasons + the
// upcoming one) and on a 10x one (39 past seasons), with the default row policy (every sale
// day, a fifth of no-sale days) and with every day kept; plus one serving row.
#include <benchmark/benchmark.h>

#include "seatsync/features.hpp"
#include "seatsync/simulator.hpp"

namespace {

const seatsync::Dataset& simulated(int seasons) {
  static const seatsync::Dataset small = [] { return seatsync::simulate_market({}).dataset; }();
  static const seatsync::Dataset large = [] {
    seatsync::SimulationConfig config;
    config.seasons = 39;
    return seatsync::simulate_market(config).dataset;
  }();
  return seasons == 3 ? small : large;
}

// Args: seasons, no-sale fraction in percent.
void BM_BuildFeatureTable(benchmark::State& state) {
  const auto& data = simulated(static_cast<int>(state.range(0)));
  seatsync::FeatureOptions options;
  options.no_sale_fraction = static_cast<double>(state.range(1)) / 100.0;
  std::size_t rows = 0;
  for (auto _ : state) {
    auto table = seatsync::build_feature_table(data, options);
    rows = table.rows();
    benchmark::DoNotOptimize(table);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.counters["games"] = static_cast<double>(data.games.size());
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_BuildFeatureTable)
    ->Args({3, 20})
    ->Args({3, 100})
    ->Args({39, 20})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_FeaturesForRow(benchmark::State& state) {
  const auto& data = simulated(3);
  const auto columns = seatsync::feature_columns_for(data);
  std::vector<float> row(columns.size());
  const seatsync::GameIndex game = static_cast<seatsync::GameIndex>(data.games.size() - 1);
  for (auto _ : state) {
    seatsync::features_for_row(data, {}, columns, game, 0, data.games[game].date - 10, 50.0, row);
    benchmark::DoNotOptimize(row.data());
  }
}
BENCHMARK(BM_FeaturesForRow)->Unit(benchmark::kMicrosecond);

}  // namespace
