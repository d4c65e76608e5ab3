// Opening a store: the versioned schema, WAL mode, and clear errors for files that are not
// (or not yet understood as) seatsync databases.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "data/sqlite_migrations.hpp"
#include "seatsync/store.hpp"
#include "store_fixtures.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

// The message of the std::runtime_error that opening `file` throws ("" when it opens).
std::string open_error(const std::filesystem::path& file) {
  try {
    open_sqlite_store(file);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(SqliteStoreSchema, VersionIsTheNumberOfMigrations) {
  TempDir dir;
  auto store = open_sqlite_store(dir / "season.db");
  const int known = static_cast<int>(sqlite::store_migrations().size());
  EXPECT_GE(known, 1);
  EXPECT_EQ(store->schema_version(), known);
  EXPECT_EQ(query_column(dir / "season.db", "SELECT MAX(version) FROM schema_migrations"),
            (std::vector<std::string>{std::to_string(known)}));
}

TEST(SqliteStoreSchema, ReopeningDoesNotReapplyMigrations) {
  TempDir dir;
  const auto db = dir / "season.db";
  open_sqlite_store(db)->replace(sample_dataset());
  const auto first = query_column(db, "SELECT version || ' ' || applied_at || ' ' || description FROM schema_migrations");
  auto store = open_sqlite_store(db);
  open_sqlite_store(db);
  EXPECT_EQ(query_column(db, "SELECT version || ' ' || applied_at || ' ' || description FROM schema_migrations"),
            first);
  EXPECT_EQ(first.size(), sqlite::store_migrations().size());
  expect_same_dataset(sample_dataset(), store->load());  // and the data is untouched
}

TEST(SqliteStoreSchema, NewerDatabaseIsRefused) {
  TempDir dir;
  const auto db = dir / "season.db";
  open_sqlite_store(db)->replace(sample_dataset());
  execute_sql(db, "INSERT INTO schema_migrations (version, applied_at, description) "
                  "VALUES (99, '2099-01-01T00:00:00Z', 'from the future')");
  const std::string message = open_error(db);
  EXPECT_TRUE(contains(message, db.string())) << message;
  EXPECT_TRUE(contains(message, "schema version 99 is newer")) << message;
}

TEST(SqliteStoreSchema, JournalModeIsWal) {
  TempDir dir;
  const auto db = dir / "season.db";
  auto store = open_sqlite_store(db);
  // WAL is a property of the file, so a fresh connection reports it too.
  EXPECT_EQ(query_column(db, "PRAGMA journal_mode"), (std::vector<std::string>{"wal"}));
}

TEST(SqliteStoreSchema, TablesReferToGamesAndCodesByForeignKey) {
  TempDir dir;
  const auto db = dir / "season.db";
  open_sqlite_store(db);
  EXPECT_EQ(query_column(db, "SELECT \"table\" || '.' || \"from\" FROM pragma_foreign_key_list('transactions') ORDER BY 1"),
            (std::vector<std::string>{"games.game_id", "price_codes.code"}));
  EXPECT_EQ(query_column(db, "SELECT \"table\" || '.' || \"from\" FROM pragma_foreign_key_list('listings') ORDER BY 1"),
            (std::vector<std::string>{"games.game_id", "price_codes.code"}));
}

TEST(SqliteStoreErrors, FileThatIsNotADatabase) {
  TempDir dir;
  const auto file = dir / "notes.txt";
  std::string text;
  for (int i = 0; i < 200; ++i) text += "this is a text file, not a database\n";
  write_file(file, text);
  const std::string message = open_error(file);
  EXPECT_TRUE(contains(message, file.string())) << message;
  EXPECT_TRUE(contains(message, "not a database")) << message;
  EXPECT_EQ(read_file(file), text);  // and it was left alone
}

TEST(SqliteStoreErrors, DirectoryThatDoesNotExist) {
  TempDir dir;
  const auto file = dir / "missing" / "season.db";
  const std::string message = open_error(file);
  EXPECT_TRUE(contains(message, file.string())) << message;
  EXPECT_TRUE(contains(message, "unable to open")) << message;
}

TEST(SqliteStoreErrors, PathThatIsADirectory) {
  TempDir dir;
  const std::string message = open_error(dir.path());
  EXPECT_TRUE(contains(message, dir.path().string())) << message;
  EXPECT_FALSE(message.empty());
}

}  // namespace
}  // namespace seatsync::test
