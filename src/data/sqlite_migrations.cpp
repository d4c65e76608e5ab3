#include "data/sqlite_migrations.hpp"

#include <stdexcept>
#include <string>

#include "data/sqlite_timestamp.hpp"

namespace seatsync::sqlite {

namespace {

void check_consecutive(std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      throw std::logic_error("SQLite migrations must be numbered 1, 2, 3, … without gaps");
    }
  }
}

void record(Connection& db, const Migration& migration) {
  Statement insert(db,
                   "INSERT INTO schema_migrations (version, applied_at, description) VALUES (?, ?, ?)");
  const std::string now = utc_timestamp_now();
  insert.bind(1, std::int64_t{migration.version}).bind(2, now).bind(3, migration.description).run();
}

}  // namespace

int applied_schema_version(Connection& db) {
  if (db.query_text("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") ==
      "0") {
    return 0;  // a new (or foreign) database: nothing applied yet
  }
  Statement query(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  const int version = query.step() ? static_cast<int>(query.column_int(0)) : 0;
  while (query.step()) {
  }
  return version;
}

void apply_migrations(Connection& db, std::span<const Migration> migrations) {
  check_consecutive(migrations);
  // The bookkeeping table is not itself a migration: it must exist before any can be counted.
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "version INTEGER PRIMARY KEY, applied_at TEXT, description TEXT)");

  const int known = static_cast<int>(migrations.size());
  const int found = applied_schema_version(db);
  if (found > known) {
    throw std::runtime_error("SQLite database " + db.file().string() + ": schema version " +
                             std::to_string(found) + " is newer than this seatsync supports (" +
                             std::to_string(known) + "); it was written by a later release, use that one");
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= found) continue;
    ScopedTransaction transaction(db, ScopedTransaction::Kind::Write);
    // Re-read under the write lock: another process may have migrated since we looked.
    if (applied_schema_version(db) >= migration.version) continue;
    db.exec(migration.sql);
    record(db, migration);
    transaction.commit();
  }
}

}  // namespace seatsync::sqlite
