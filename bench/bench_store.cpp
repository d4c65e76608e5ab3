// The SQLite store at season scale: replace() (a full re-import, deleting the previous
// rows) and load() (read, re-parse params, re-validate) of a synthetic dataset.
// Run: build/bench/bench_store [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "seatsync/store.hpp"

namespace {

namespace fs = std::filesystem;
using namespace seatsync;

// "prefix" followed by n, e.g. "M12".
std::string numbered(std::string prefix, std::size_t n) { return prefix += std::to_string(n); }

// A valid season: `orders` single- or two-ticket orders over 60 games x 30 price codes,
// half of them with a date-time sold_at, plus inventory and listings for the last games.
Dataset synthetic_season(std::size_t orders) {
  constexpr std::size_t kGames = 60, kCodes = 30;
  Dataset data;
  const Date opening = Date::from_ymd(2025, 8, 30);
  for (std::size_t g = 0; g < kGames; ++g) {
    data.games.push_back({numbered("M", g), opening + static_cast<int>(3 * g), 1 + static_cast<int>(g % 5),
                          numbered("Club ", g)});
  }
  const int capacity = static_cast<int>(2 * (orders / (kGames * kCodes) + 1));
  for (std::size_t c = 0; c < kCodes; ++c) {
    data.codes.push_back({numbered("P", c), numbered("block", c % 6), capacity,
                          15.0 + 1.25 * static_cast<double>(c)});
  }
  data.transactions.reserve(orders);
  for (std::size_t k = 0; k < orders; ++k) {
    const auto game = static_cast<GameIndex>(k % kGames);
    const auto code = static_cast<CodeIndex>((k / kGames) % kCodes);
    const Date sold = data.games[game].date - static_cast<int>(k % 200);
    std::string sold_at = sold.str();
    if (k % 2) sold_at += "T18:05:00+02:00";
    data.transactions.push_back({game, code, std::move(sold_at), sold, 1 + static_cast<int>(k % 2),
                                 18.0 + static_cast<double>(k % 1013) * 0.173});
  }
  for (std::size_t g = kGames - 15; g < kGames; ++g) {
    for (std::size_t c = 0; c < kCodes; ++c) {
      data.inventory.push_back({static_cast<GameIndex>(g), static_cast<CodeIndex>(c), capacity / 3, 40.0});
    }
  }
  for (std::size_t l = 0; l < 5000; ++l) {
    const auto game = static_cast<GameIndex>(kGames - 1 - l % 15);
    const Date seen = data.games[game].date - static_cast<int>(l % 40);
    data.listings.push_back({game, static_cast<CodeIndex>(l % kCodes), seen.str(), seen,
                             30.0 + static_cast<double>(l % 70), 2, "resale"});
  }
  data.reindex();
  return data;
}

// A scratch database file, removed (with its -wal and -shm) when the benchmark ends.
class ScratchDatabase {
 public:
  ScratchDatabase()
      : dir_(fs::temp_directory_path() / numbered("seatsync-bench-", static_cast<std::size_t>(getpid()))) {
    fs::create_directories(dir_);
  }
  ~ScratchDatabase() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  fs::path file() const { return dir_ / "season.db"; }

 private:
  fs::path dir_;
};

void BM_StoreReplace(benchmark::State& state) {
  const Dataset data = synthetic_season(static_cast<std::size_t>(state.range(0)));
  ScratchDatabase scratch;
  auto store = open_sqlite_store(scratch.file());
  store->replace(data);  // every timed run is a re-import: it deletes the previous rows too
  for (auto _ : state) store->replace(data);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_StoreLoad(benchmark::State& state) {
  const Dataset data = synthetic_season(static_cast<std::size_t>(state.range(0)));
  ScratchDatabase scratch;
  auto store = open_sqlite_store(scratch.file());
  store->replace(data);
  for (auto _ : state) {
    Dataset loaded = store->load();
    benchmark::DoNotOptimize(loaded.transactions.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

BENCHMARK(BM_StoreReplace)->Arg(30'000)->Arg(300'000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_StoreLoad)->Arg(30'000)->Arg(300'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
