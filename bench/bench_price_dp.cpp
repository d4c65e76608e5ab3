// The price-planning DPs at the thesis's "practical upper limit" (3.1.2): 90 daily periods and
// 5,400 seats (30% of an 18,000 arena), plus scaling series over periods and over seats.
// Synthetic demand, built once outside the timed loop:
//   deterministic — per day, the price that sells q = 1 … 200 tickets falls linearly in q from a
//                   day-dependent top price (later days pay more); q > 180 is "not observed"
//                   (NaN) on odd days, to exercise the skip.
//   full K        — issue 17's instance, every quantity q = 0 … seats allowed (K = seats + 1 per
//                   bucket): prices[t][q] = 100 · (1 + t/90) · u_(q), u sorted descending from
//                   seats + 1 draws of U(0.3, 1.0) (std::mt19937_64, seed 17 + t), q = 0 the hold
//                   price. Revenue q · p(q) of such a row is not concave (the draws are noise).
//   stochastic    — 24 prices from $40 to $200 (geometric); tickets demanded at price p on day t
//                   are compound Poisson, order sizes 1-4 (mean 2), mean 60 · (p / $89)^−1.2 ·
//                   (day factor 0.5 … 1.5), truncated at tail mass 1e-9.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "seatsync/price_dp.hpp"

namespace {

constexpr int kQuantities = 200;
constexpr int kPrices = 24;

// 0.5 on the first day of the horizon, 1.5 on the day of the game.
double day_factor(int day, int periods) { return 0.5 + (periods > 1 ? static_cast<double>(day) / (periods - 1) : 1.0); }

const std::vector<seatsync::QuantityPrices>& quantity_prices(int periods) {
  static std::map<int, std::vector<seatsync::QuantityPrices>> cache;
  auto [it, inserted] = cache.try_emplace(periods);
  if (!inserted) return it->second;
  for (int day = 0; day < periods; ++day) {
    seatsync::QuantityPrices bucket;
    const double top = 80.0 * day_factor(day, periods);
    for (int q = 1; q <= kQuantities; ++q) {
      const bool unobserved = day % 2 == 1 && q > 180;
      bucket.prices.push_back(unobserved ? std::numeric_limits<double>::quiet_NaN() : top * (1.0 - 0.004 * q));
    }
    bucket.hold_price = bucket.prices.front();
    it->second.push_back(std::move(bucket));
  }
  return it->second;
}

const std::vector<seatsync::QuantityPrices>& full_quantity_prices(int periods, int seats) {
  static std::map<std::pair<int, int>, std::vector<seatsync::QuantityPrices>> cache;
  auto [it, inserted] = cache.try_emplace({periods, seats});
  if (!inserted) return it->second;
  for (int t = 0; t < periods; ++t) {
    std::mt19937_64 rng(17 + static_cast<std::uint64_t>(t));
    std::uniform_real_distribution<double> draw(0.3, 1.0);
    std::vector<double> u(static_cast<std::size_t>(seats) + 1);
    for (double& x : u) x = draw(rng);
    std::sort(u.begin(), u.end(), std::greater<>());
    const double top = 100.0 * (1.0 + static_cast<double>(t) / 90.0);
    seatsync::QuantityPrices bucket;
    bucket.hold_price = top * u[0];
    for (std::size_t q = 1; q < u.size(); ++q) bucket.prices.push_back(top * u[q]);
    it->second.push_back(std::move(bucket));
  }
  return it->second;
}

const std::vector<seatsync::BucketDemand>& bucket_demands(int periods) {
  static std::map<int, std::vector<seatsync::BucketDemand>> cache;
  auto [it, inserted] = cache.try_emplace(periods);
  if (!inserted) return it->second;
  const std::vector<double> order_sizes{0.35, 0.40, 0.15, 0.10};  // mean 2.0 tickets per order
  for (int day = 0; day < periods; ++day) {
    seatsync::BucketDemand bucket;
    for (int k = 0; k < kPrices; ++k) {
      const double price = 40.0 * std::pow(5.0, static_cast<double>(k) / (kPrices - 1));
      const double mean_tickets = 60.0 * std::pow(price / 89.0, -1.2) * day_factor(day, periods);
      bucket.prices.push_back(price);
      bucket.demand_pmf.push_back(seatsync::compound_poisson_pmf(mean_tickets / 2.0, order_sizes));
    }
    it->second.push_back(std::move(bucket));
  }
  return it->second;
}

// args: periods, seats
void BM_Deterministic(benchmark::State& state) {
  const auto& buckets = quantity_prices(static_cast<int>(state.range(0)));
  const int seats = static_cast<int>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(seatsync::solve_deterministic(buckets, seats));
  state.counters["subproblems"] = static_cast<double>(state.range(0) * (state.range(1) + 1));
}

// args: periods, seats; K = seats + 1 quantities per bucket (issue 17).
void BM_DeterministicFullK(benchmark::State& state) {
  const int periods = static_cast<int>(state.range(0));
  const int seats = static_cast<int>(state.range(1));
  const auto& buckets = full_quantity_prices(periods, seats);
  for (auto _ : state) benchmark::DoNotOptimize(seatsync::solve_deterministic(buckets, seats));
  // The optimum, to compare with other solvers of the same instance (scipy, before/after).
  state.SetLabel("objective " + std::to_string(seatsync::solve_deterministic(buckets, seats).objective));
  state.counters["transitions"] = static_cast<double>(periods) * (static_cast<double>(seats) + 1) * (seats + 2) / 2;
}

void BM_Stochastic(benchmark::State& state) {
  const auto& buckets = bucket_demands(static_cast<int>(state.range(0)));
  const int seats = static_cast<int>(state.range(1));
  double support = 0.0;
  for (const auto& bucket : buckets)
    for (const auto& pmf : bucket.demand_pmf) support += static_cast<double>(pmf.size());
  for (auto _ : state) benchmark::DoNotOptimize(seatsync::StochasticPolicy::solve(buckets, seats));
  state.counters["subproblems"] = static_cast<double>(state.range(0) * (state.range(1) + 1));
  state.counters["mean_support"] = support / static_cast<double>(buckets.size() * kPrices);
}

// The upper limit first, then periods at 5,400 seats, then seats at 90 periods.
void Sizes(benchmark::internal::Benchmark* b) {
  b->Args({90, 5400});
  for (int periods : {8, 30}) b->Args({periods, 5400});
  for (int seats : {500, 1500}) b->Args({90, seats});
}

BENCHMARK(BM_Deterministic)->Apply(Sizes)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_DeterministicFullK)->Args({90, 5400})->Args({90, 1500})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Stochastic)->Apply(Sizes)->Unit(benchmark::kMillisecond);

}  // namespace
