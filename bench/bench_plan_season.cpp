// A whole season through the planner: fit the demand models and plan every upcoming game ×
// price code (30 games × 25 codes on the default simulated dataset), on both cores.
#include <benchmark/benchmark.h>

#include "seatsync/planner.hpp"
#include "seatsync/simulator.hpp"

namespace {

const seatsync::SimulatedMarket& market() {
  static const seatsync::SimulatedMarket m = seatsync::simulate_market({});
  return m;
}

// arg 0: 0 = stochastic, 1 = deterministic
void BM_PlanSeason(benchmark::State& state) {
  seatsync::Dataset data = market().dataset;
  data.params.plan.method = state.range(0) == 0 ? "stochastic" : "deterministic";
  std::size_t plans = 0;
  for (auto _ : state) {
    auto set = seatsync::plan_games(data, market().truth.as_of);
    plans = 0;
    for (const auto& g : set.games) plans += g.plans.size();
    benchmark::DoNotOptimize(set);
  }
  state.SetLabel(data.params.plan.method);
  state.counters["plans"] = static_cast<double>(plans);
}
BENCHMARK(BM_PlanSeason)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// The demand models alone (what a plan pays before any DP).
void BM_FitPlanner(benchmark::State& state) {
  const auto& data = market().dataset;
  for (auto _ : state) {
    seatsync::Planner planner(data, market().truth.as_of, data.params.plan);
    benchmark::DoNotOptimize(planner);
  }
}
BENCHMARK(BM_FitPlanner)->Unit(benchmark::kMillisecond);

}  // namespace
