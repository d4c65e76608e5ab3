// Several writers and readers of one store at once, and migrations — on each backend.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "data/sqlite_migrations.hpp"
#include "store_backends.hpp"
#include "store_fixtures.hpp"

namespace seatsync::test {
namespace {

int latest_version() { return static_cast<int>(sqlite::store_migrations().size()); }

// Two importers alternate two datasets while a reader loads: every load sees one dataset
// whole, and the end state is one of the two.
TEST_P(StoreBackendTest, Concurrency_ImportsSerialiseAndReadersNeverSeeAMix) {
  const Dataset a = sample_dataset(), b = other_dataset();
  open()->replace(a);
  std::atomic<bool> done{false};
  std::atomic<int> loads{0}, mixed{0};
  std::thread reader([&] {
    auto store = open();
    while (!done) {
      const Dataset d = store->load();
      const bool is_a = d.games.size() == a.games.size() && d.transactions.size() == a.transactions.size();
      const bool is_b = d.games.size() == b.games.size() && d.transactions.size() == b.transactions.size();
      if (!is_a && !is_b) ++mixed;
      ++loads;
    }
  });
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w)
    writers.emplace_back([&, w] {
      auto store = open();
      for (int i = 0; i < 8; ++i) store->replace((i + w) % 2 ? a : b);
    });
  for (auto& t : writers) t.join();
  done = true;
  reader.join();
  EXPECT_EQ(mixed, 0);
  EXPECT_GT(loads, 0);
  const Dataset end = open()->load();
  EXPECT_TRUE(end.games.size() == a.games.size() || end.games.size() == b.games.size());
  EXPECT_EQ(query("SELECT COUNT(*) FROM imports"), (std::vector<std::string>{"17"}));
}

// Four processes' worth of first opens at once on an empty database migrate it exactly once.
TEST_P(StoreBackendTest, Concurrency_FirstOpensAtOnceMigrateOnce) {
  std::vector<std::thread> openers;
  std::atomic<int> failures{0};
  for (int i = 0; i < 4; ++i)
    openers.emplace_back([&] {
      try {
        open();
      } catch (const std::exception&) {
        ++failures;
      }
    });
  for (auto& t : openers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(query("SELECT COUNT(*) FROM schema_migrations"), (std::vector<std::string>{std::to_string(latest_version())}));
  EXPECT_EQ(open()->schema_version(), latest_version());
}

// A database of an earlier schema (version 4: before market_stats, the reload generation and the
// league queue) migrates on open and keeps its rows.
TEST_P(StoreBackendTest, Concurrency_MigratesFromThePreviousSchemaKeepingTheData) {
  const Dataset other = other_dataset();
  ASSERT_TRUE(other.market_stats.empty());
  open()->replace(other);
  execute("DROP TABLE market_stats");
  execute("DROP TABLE service_reloads");
  execute("DROP TABLE IF EXISTS league_jobs");  // PostgreSQL only
  execute("DELETE FROM schema_migrations WHERE version >= 5");
  EXPECT_EQ(query("SELECT MAX(version) FROM schema_migrations"), (std::vector<std::string>{"4"}));
  auto store = open();
  EXPECT_EQ(store->schema_version(), latest_version());
  expect_same_dataset(other, store->load());
  EXPECT_EQ(query("SELECT COUNT(*) FROM service_reloads"), (std::vector<std::string>{"0"}));
}

}  // namespace
}  // namespace seatsync::test
