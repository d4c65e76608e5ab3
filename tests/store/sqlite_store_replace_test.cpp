// replace() swaps the whole dataset: idempotent, no leftovers, progress reported, and
// other connections keep working while it runs.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "seatsync/store.hpp"
#include "store_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

TEST(SqliteStoreReplace, SameDataTwiceLeavesTheSameRows) {
  TempDir dir;
  const auto db = dir / "season.db";
  auto store = open_sqlite_store(db);
  const Dataset sample = sample_dataset();
  store->replace(sample);
  const auto first = dump_dataset_tables(db);
  store->replace(sample);
  const auto second = dump_dataset_tables(db);
  EXPECT_EQ(first.size(), 3u + 3u + 6u + 3u + 3u + 2u + 1u);
  EXPECT_EQ(first, second);
  expect_same_dataset(sample, store->load());
}

TEST(SqliteStoreReplace, DifferentDataLeavesNoLeftovers) {
  TempDir dir;
  const auto db = dir / "season.db";
  auto store = open_sqlite_store(db);
  store->replace(sample_dataset());
  const Dataset other = other_dataset();
  store->replace(other);
  expect_same_dataset(other, store->load());
  // Straight from the tables too: nothing of the sample survives, not even its listings.
  EXPECT_EQ(query_column(db, "SELECT id FROM games"), (std::vector<std::string>{"H1"}));
  EXPECT_EQ(query_column(db, "SELECT COUNT(*) FROM transactions"), (std::vector<std::string>{"1"}));
  EXPECT_EQ(query_column(db, "SELECT COUNT(*) FROM listings"), (std::vector<std::string>{"0"}));
  EXPECT_EQ(query_column(db, "SELECT toml FROM params"), (std::vector<std::string>{""}));
}

TEST(SqliteStoreReplace, ReportsImportProgressUpToTheTotal) {
  TempDir dir;
  const Dataset big = synthetic_dataset(30'000);
  const std::size_t rows =
      big.games.size() + big.codes.size() + big.transactions.size() + big.inventory.size() + big.listings.size();
  struct Call {
    std::string stage;
    std::size_t done, total;
  };
  std::vector<Call> calls;
  open_sqlite_store(dir / "season.db")->replace(big, [&](std::string_view stage, std::size_t done, std::size_t total) {
    calls.push_back({std::string(stage), done, total});
  });
  ASSERT_GE(calls.size(), 5u);
  EXPECT_EQ(calls.front().done, 0u);
  EXPECT_EQ(calls.back().done, rows);
  for (std::size_t i = 0; i < calls.size(); ++i) {
    EXPECT_EQ(calls[i].stage, "import");
    EXPECT_EQ(calls[i].total, rows);
    if (i > 0) {
      EXPECT_GE(calls[i].done, calls[i - 1].done);
    }
  }
}

TEST(SqliteStoreReplace, DanglingIndexIsRejectedAndNothingChanges) {
  TempDir dir;
  auto store = open_sqlite_store(dir / "season.db");
  const Dataset sample = sample_dataset();
  store->replace(sample);
  Dataset broken = other_dataset();
  broken.listings.push_back({0, CodeIndex{7}, "2026-04-01", Date::from_ymd(2026, 4, 1), 10.0, 1, "x"});
  EXPECT_THROW(store->replace(broken), std::invalid_argument);
  expect_same_dataset(sample, store->load());
}

TEST(SqliteStoreReplace, ReadersSeeThePreviousDatasetWhileAnImportRuns) {
  TempDir dir;
  const auto db = dir / "season.db";
  const Dataset sample = sample_dataset();
  open_sqlite_store(db)->replace(sample);

  bool checked = false;
  auto writer = open_sqlite_store(db);
  writer->replace(synthetic_dataset(20'000), [&](std::string_view, std::size_t done, std::size_t total) {
    if (checked || done < total / 2) return;
    checked = true;
    // A second connection, opened mid-import: WAL gives it the last committed snapshot.
    expect_same_dataset(sample, open_sqlite_store(db)->load());
  });
  EXPECT_TRUE(checked);
  EXPECT_EQ(writer->load().transactions.size(), 20'000u);
}

TEST(SqliteStoreReplace, WaitsForAnotherWriterInsteadOfFailing) {
  TempDir dir;
  const auto db = dir / "season.db";
  auto store = open_sqlite_store(db);

  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  // The other writer holds the lock for a while, then commits.
  std::thread releaser([other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
  });
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NO_THROW(store->replace(sample_dataset()));
  const auto waited = std::chrono::steady_clock::now() - start;
  releaser.join();
  sqlite3_close(other);
  EXPECT_GE(waited, std::chrono::milliseconds(300));
  expect_same_dataset(sample_dataset(), store->load());
}

}  // namespace
}  // namespace seatsync::test
