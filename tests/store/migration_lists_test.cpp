// The two backends describe one schema: the same migrations, numbered and described alike.
#include <gtest/gtest.h>

#include "data/pg_migrations.hpp"
#include "data/sqlite_migrations.hpp"

TEST(MigrationLists, PostgresAndSqliteHaveTheSameVersionsAndDescriptions) {
  const auto sqlite = seatsync::sqlite::store_migrations();
  const auto pg = seatsync::pg::store_migrations();
  ASSERT_EQ(sqlite.size(), pg.size());
  for (std::size_t i = 0; i < sqlite.size(); ++i) {
    EXPECT_EQ(sqlite[i].version, pg[i].version);
    EXPECT_EQ(sqlite[i].description, pg[i].description);
  }
}
