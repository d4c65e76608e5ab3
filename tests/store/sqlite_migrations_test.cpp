// The migration mechanism on its own, with made-up migration lists.
#include "data/sqlite_migrations.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

#include "store_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync::sqlite {
namespace {

using test::query_column;
using test::TempDir;

const Migration kFirst{1, "create a", "CREATE TABLE a (x INTEGER)"};
const Migration kSecond{2, "create b and fill a", "CREATE TABLE b (y TEXT); INSERT INTO a VALUES (42)"};

TEST(SqliteMigrations, ShippedListIsNumberedWithoutGaps) {
  const auto migrations = store_migrations();
  ASSERT_FALSE(migrations.empty());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1);
    EXPECT_FALSE(migrations[i].description.empty());
  }
}

TEST(SqliteMigrations, AppliesOnlyWhatIsNew) {
  TempDir dir;
  const auto file = dir / "m.db";
  {
    Connection db(file);
    EXPECT_EQ(applied_schema_version(db), 0);  // not even schema_migrations exists yet
  }
  {
    Connection db(file);
    const Migration first[] = {kFirst};
    apply_migrations(db, first);
    EXPECT_EQ(applied_schema_version(db), 1);
  }
  {
    Connection db(file);
    const Migration both[] = {kFirst, kSecond};
    apply_migrations(db, both);  // re-running kFirst would fail: table a exists
    apply_migrations(db, both);
    EXPECT_EQ(applied_schema_version(db), 2);
  }
  EXPECT_EQ(query_column(file, "SELECT x FROM a"), (std::vector<std::string>{"42"}));
  EXPECT_EQ(query_column(file, "SELECT description FROM schema_migrations ORDER BY version"),
            (std::vector<std::string>{"create a", "create b and fill a"}));
}

TEST(SqliteMigrations, FailingMigrationLeavesThePreviousVersion) {
  TempDir dir;
  const auto file = dir / "m.db";
  Connection db(file);
  const Migration broken{2, "half works", "CREATE TABLE b (y TEXT); INSERT INTO nowhere VALUES (1)"};
  const Migration list[] = {kFirst, broken};
  EXPECT_THROW(apply_migrations(db, list), std::runtime_error);
  EXPECT_EQ(applied_schema_version(db), 1);
  // The statement that did succeed inside the failed migration was rolled back with it.
  EXPECT_EQ(query_column(file, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'b'"),
            (std::vector<std::string>{"0"}));
}

TEST(SqliteMigrations, ListWithAGapIsAProgrammingError) {
  TempDir dir;
  Connection db(dir / "m.db");
  const Migration gap[] = {kFirst, {3, "skips 2", "SELECT 1"}};
  EXPECT_THROW(apply_migrations(db, gap), std::logic_error);
}

}  // namespace
}  // namespace seatsync::sqlite
