#include "data/pg_migrations.hpp"

#include <stdexcept>

#include "data/pg_connection.hpp"

namespace seatsync::pg {

namespace {

void check_not_newer(int found, int known) {
  if (found > known)
    throw std::runtime_error("schema version " + std::to_string(found) + " is newer than this seatsync supports (" +
                             std::to_string(known) + "); it was written by a later release, use that one");
}

}  // namespace

int applied_schema_version(pqxx::transaction_base& tx) {
  if (tx.exec("SELECT to_regclass('schema_migrations')")[0][0].is_null()) return 0;
  return tx.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")[0][0].as<int>();
}

void apply_migrations(pqxx::connection& c, const std::string& url, std::span<const Migration> migrations) {
  const int known = static_cast<int>(migrations.size());
  for (std::size_t i = 0; i < migrations.size(); ++i)
    if (migrations[i].version != static_cast<int>(i) + 1)
      throw std::logic_error("PostgreSQL migrations must be numbered 1, 2, 3, … without gaps");
  try {
    int found = 0;
    {
      pqxx::read_transaction look(c);  // the common case, up to date, takes no lock
      found = applied_schema_version(look);
    }
    check_not_newer(found, known);
    if (found == known) return;
    for (const Migration& migration : migrations) {
      if (migration.version <= found) continue;
      pqxx::work tx(c);
      tx.exec(advisory_lock_sql(kMigrationLock));
      // Even CREATE TABLE IF NOT EXISTS races between sessions, so the bookkeeping table too
      // is created under the lock; then re-read, since another process may have migrated.
      tx.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations ("
          "version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, description TEXT NOT NULL)");
      found = applied_schema_version(tx);
      check_not_newer(found, known);
      if (migration.version <= found) continue;
      tx.exec(std::string(migration.sql));
      tx.exec_params(
          "INSERT INTO schema_migrations (version, applied_at, description) "
          "VALUES ($1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), $2)",
          migration.version, std::string(migration.description));
      tx.commit();
      found = migration.version;
    }
  } catch (const std::logic_error&) {
    throw;
  } catch (const std::exception& e) {
    fail(url, "migrating the schema", e);
  }
}

}  // namespace seatsync::pg
