// How long the simulator takes on the default dataset (3 past seasons + the upcoming one),
// in memory and written to disk as CSV + truth.json.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "seatsync/simulator.hpp"

namespace {

void BM_SimulateDefault(benchmark::State& state) {
  seatsync::SimulationConfig config;
  config.scenario = static_cast<seatsync::Scenario>(state.range(0));
  std::size_t orders = 0;
  for (auto _ : state) {
    auto market = seatsync::simulate_market(config);
    orders = market.dataset.transactions.size();
    benchmark::DoNotOptimize(market);
  }
  state.counters["orders"] = static_cast<double>(orders);
  state.SetLabel(std::string(seatsync::to_string(config.scenario)));
}
BENCHMARK(BM_SimulateDefault)
    ->Arg(static_cast<int>(seatsync::Scenario::balanced))
    ->Arg(static_cast<int>(seatsync::Scenario::sellout))
    ->Arg(static_cast<int>(seatsync::Scenario::soft))
    ->Unit(benchmark::kMillisecond);

void BM_WriteSimulation(benchmark::State& state) {
  const auto market = seatsync::simulate_market(seatsync::SimulationConfig{});
  const auto dir = std::filesystem::temp_directory_path() / "seatsync-bench-simulate";
  for (auto _ : state) seatsync::write_simulation(market, dir);
  std::uintmax_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) bytes += entry.file_size();
  state.counters["MB"] = static_cast<double>(bytes) / 1e6;
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_WriteSimulation)->Unit(benchmark::kMillisecond);

}  // namespace
