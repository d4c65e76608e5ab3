// The matrix-completion primitives on the shapes they meet in practice: a transposed Demand
// Matrix at capacity (1,800 quantity rows × 8 buckets) with ~100 observed cells, and a
// smaller, denser 200 × 8 matrix with 40% of its cells observed.
// Run: build/bench/bench_completion_primitives [--benchmark_filter=...]
#include <benchmark/benchmark.h>

#include <limits>
#include <random>

#include "seatsync/completion.hpp"

namespace {

using seatsync::knn_impute;
using seatsync::svd_smooth;

// rows × 8 with each cell observed with probability `density`, prices in [20, 200).
Eigen::MatrixXd sparse_prices(Eigen::Index rows, double density, unsigned seed) {
  std::mt19937 rng(seed);
  std::bernoulli_distribution seen(density);
  std::uniform_real_distribution<double> price(20.0, 200.0);
  Eigen::MatrixXd m(rows, 8);
  for (Eigen::Index i = 0; i < m.size(); ++i)
    m.data()[i] = seen(rng) ? price(rng) : std::numeric_limits<double>::quiet_NaN();
  return m;
}

const Eigen::MatrixXd& tall_sparse() {  // ~100 observed cells of 14,400
  static const Eigen::MatrixXd m = sparse_prices(1800, 100.0 / (1800.0 * 8.0), 1);
  return m;
}

const Eigen::MatrixXd& small_dense() {  // 40% observed
  static const Eigen::MatrixXd m = sparse_prices(200, 0.4, 2);
  return m;
}

void set_counters(benchmark::State& state, const Eigen::MatrixXd& m) {
  state.counters["observed"] = static_cast<double>((!m.array().isNaN()).count());
}

void BM_KnnImpute_1800x8_100obs(benchmark::State& state) {
  const auto& m = tall_sparse();
  for (auto _ : state) benchmark::DoNotOptimize(knn_impute(m, 5));
  set_counters(state, m);
}
BENCHMARK(BM_KnnImpute_1800x8_100obs)->Unit(benchmark::kMicrosecond);

void BM_KnnImpute_200x8_40pct(benchmark::State& state) {
  const auto& m = small_dense();
  for (auto _ : state) benchmark::DoNotOptimize(knn_impute(m, 5));
  set_counters(state, m);
}
BENCHMARK(BM_KnnImpute_200x8_40pct)->Unit(benchmark::kMicrosecond);

void BM_SvdSmooth_1800x8_100obs(benchmark::State& state) {
  const auto& m = tall_sparse();
  for (auto _ : state) benchmark::DoNotOptimize(svd_smooth(m, 3));
  set_counters(state, m);
}
BENCHMARK(BM_SvdSmooth_1800x8_100obs)->Unit(benchmark::kMicrosecond);

void BM_SvdSmooth_200x8_40pct(benchmark::State& state) {
  const auto& m = small_dense();
  for (auto _ : state) benchmark::DoNotOptimize(svd_smooth(m, 3));
  set_counters(state, m);
}
BENCHMARK(BM_SvdSmooth_200x8_40pct)->Unit(benchmark::kMicrosecond);

// The thesis's hybrid on the tall matrix: KNN fill, then SVD smoothing.
void BM_Hybrid_1800x8_100obs(benchmark::State& state) {
  const auto& m = tall_sparse();
  for (auto _ : state) benchmark::DoNotOptimize(svd_smooth(knn_impute(m, 5), 3));
  set_counters(state, m);
}
BENCHMARK(BM_Hybrid_1800x8_100obs)->Unit(benchmark::kMicrosecond);

}  // namespace
