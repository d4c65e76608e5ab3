// Migration 2: inventory.observed_at, and a store written before it.
#include <gtest/gtest.h>

#include "data/sqlite_connection.hpp"
#include "data/sqlite_migrations.hpp"
#include "seatsync/store.hpp"
#include "store_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

TEST(SqliteInventoryObservedAt, RoundTripsWithAndWithoutATime) {
  TempDir dir;
  const auto db = dir / "season.db";
  open_sqlite_store(db)->replace(sample_dataset());
  EXPECT_EQ(query_column(db, "SELECT COALESCE(observed_at, 'NULL') || ' ' || COALESCE(observed_date, 'NULL') "
                             "FROM inventory ORDER BY row_no"),
            (std::vector<std::string>{"2026-02-26T21:30:00 2026-02-26", "NULL NULL", "NULL NULL"}));
  const Dataset loaded = open_sqlite_store(db)->load();
  ASSERT_EQ(loaded.inventory.size(), 3u);
  EXPECT_EQ(loaded.inventory[0].observed_at, "2026-02-26T21:30:00");
  EXPECT_EQ(loaded.inventory[0].observed_date, Date::from_ymd(2026, 2, 26));
  EXPECT_FALSE(loaded.inventory[1].observed_date);
}

// A file written by the release before migration 2 opens, gains the columns, and keeps its rows.
TEST(SqliteInventoryObservedAt, AVersionOneFileIsMigrated) {
  TempDir dir;
  const auto db = dir / "season.db";
  {
    sqlite::Connection raw(db);
    sqlite::apply_migrations(raw, sqlite::store_migrations().first(1));
    raw.exec("INSERT INTO params VALUES (1, '');"
             "INSERT INTO games VALUES (1, 'G1', '2026-03-01', 1, '');"
             "INSERT INTO price_codes VALUES (1, 'A', 'g', 10, 5.0);"
             "INSERT INTO inventory VALUES (1, 'G1', 'A', 7, 12.5);");
  }
  auto store = open_sqlite_store(db);
  EXPECT_EQ(store->schema_version(), static_cast<int>(sqlite::store_migrations().size()));
  const Dataset loaded = store->load();
  ASSERT_EQ(loaded.inventory.size(), 1u);
  EXPECT_EQ(loaded.inventory[0].remaining, 7);
  EXPECT_FALSE(loaded.inventory[0].observed_date);
}

}  // namespace
}  // namespace seatsync::test
