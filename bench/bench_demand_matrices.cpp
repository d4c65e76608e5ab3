// Building and completing every Demand Matrix: 5 tiers × 5 groups, and 5 tiers × 25 codes,
// on the default simulated dataset (4 seasons) and on one 10× larger (40 seasons).
#include <benchmark/benchmark.h>

#include <map>

#include "seatsync/demand_model.hpp"
#include "seatsync/simulator.hpp"

namespace {

const seatsync::Dataset& dataset(int seasons) {
  static std::map<int, seatsync::Dataset> cache;
  auto it = cache.find(seasons);
  if (it == cache.end()) {
    seatsync::SimulationConfig config;
    config.seasons = seasons;
    it = cache.emplace(seasons, seatsync::simulate_market(config).dataset).first;
  }
  return it->second;
}

// args: past seasons, method, individual (0/1)
void BM_FitMatrixModel(benchmark::State& state) {
  const auto& data = dataset(static_cast<int>(state.range(0)));
  seatsync::DemandModelOptions o;
  o.method = seatsync::all_completion_methods()[static_cast<std::size_t>(state.range(1))];
  o.individual = state.range(2) != 0;
  std::size_t matrices = 0;
  for (auto _ : state) {
    auto model = seatsync::MatrixDemandModel::fit(data, o);
    matrices = model.matrices().size() + model.pooled().size();
    benchmark::DoNotOptimize(model);
  }
  state.SetLabel(std::string(seatsync::to_string(o.method)) + (o.individual ? "/individual" : "/group"));
  state.counters["matrices"] = static_cast<double>(matrices);
  state.counters["orders"] = static_cast<double>(data.transactions.size());
}

void Args(benchmark::internal::Benchmark* b) {
  for (int seasons : {3, 39})
    for (int method = 0; method < 4; ++method)
      for (int individual : {0, 1}) b->Args({seasons, method, individual});
}
BENCHMARK(BM_FitMatrixModel)->Apply(Args)->Unit(benchmark::kMillisecond);

}  // namespace
