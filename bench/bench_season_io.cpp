// Reading and writing the CSV contract on the default simulated dataset (3 past seasons + 1).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "seatsync/season_io.hpp"
#include "seatsync/simulator.hpp"

namespace {
namespace fs = std::filesystem;

// The dataset is simulated once, outside every timed region.
const fs::path& default_dataset_dir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / "seatsync-bench-season-io";
    write_simulation(seatsync::simulate_market({}), d);
    return d;
  }();
  return dir;
}

void BM_LoadSeasonDir(benchmark::State& state) {
  const auto& dir = default_dataset_dir();
  std::size_t rows = 0;
  for (auto _ : state) {
    auto data = seatsync::load_season_dir(dir);
    rows = data.transactions.size();
    benchmark::DoNotOptimize(data);
  }
  state.counters["transactions"] = static_cast<double>(rows);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * rows));
}
BENCHMARK(BM_LoadSeasonDir)->Unit(benchmark::kMillisecond);

void BM_WriteSeasonDir(benchmark::State& state) {
  auto data = seatsync::load_season_dir(default_dataset_dir());
  const fs::path out = fs::temp_directory_path() / "seatsync-bench-season-io-out";
  for (auto _ : state) seatsync::write_season_dir(data, out);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * data.transactions.size()));
  fs::remove_all(out);
}
BENCHMARK(BM_WriteSeasonDir)->Unit(benchmark::kMillisecond);

}  // namespace
