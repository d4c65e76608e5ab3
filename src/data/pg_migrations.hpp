#pragma once
// The versioned schema of the PostgreSQL store: the same tables, columns and version numbers
// as the SQLite store's (sqlite_schema.cpp), in PostgreSQL's types. A database records each
// applied migration in schema_migrations.
#include <pqxx/pqxx>

#include <span>
#include <string>

#include "data/sqlite_migrations.hpp"

namespace seatsync::pg {

using sqlite::Migration;

// Oldest first, append only, numbered like store_migrations() of SQLite (a test checks).
std::span<const Migration> store_migrations();

// The highest applied version; 0 for a database seatsync never touched.
int applied_schema_version(pqxx::transaction_base& tx);

// Applies every migration above the database's version, each in its own transaction holding
// the advisory lock kMigrationLock, so that two processes migrating at once do it once.
// Throws std::runtime_error when the database is newer than this binary.
void apply_migrations(pqxx::connection& c, const std::string& url, std::span<const Migration> migrations);

}  // namespace seatsync::pg
