// Several processes' first opens of one new database file at once: each switches it to WAL or
// finds it switched, none fails with "database is locked" (switching the journal mode is not
// covered by SQLite's busy handler, so the store retries it).
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "seatsync/store.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

TEST(SqliteConcurrentOpen, FirstOpensAtOnceAllSucceed) {
  TempDir dir;
  std::atomic<int> failures{0};
  std::string first_error;
  for (int round = 0; round < 40; ++round) {
    const auto file = dir / ("s" + std::to_string(round) + ".db");
    std::atomic<bool> go{false};
    std::vector<std::thread> openers;
    for (int t = 0; t < 4; ++t) {
      openers.emplace_back([&] {
        while (!go) std::this_thread::yield();
        try {
          EXPECT_GT(open_sqlite_store(file)->schema_version(), 0);
        } catch (const std::exception& e) {
          if (failures++ == 0) first_error = e.what();
        }
      });
    }
    go = true;
    for (auto& t : openers) t.join();
  }
  EXPECT_EQ(failures, 0) << first_error;
}

}  // namespace
}  // namespace seatsync::test
