#pragma once
// The versioned schema of the SQLite store. A database records each applied migration in
// schema_migrations; opening it applies whatever the binary knows beyond that, in order.
#include <span>
#include <string_view>

#include "data/sqlite_connection.hpp"

namespace seatsync::sqlite {

struct Migration {
  int version;                  // 1, 2, 3, … with no gaps
  std::string_view description;
  std::string_view sql;         // one or more statements
};

// The schema this binary writes, oldest first. Append only: never edit a released entry,
// since databases in the field already ran it.
std::span<const Migration> store_migrations();

// The highest applied version; 0 when schema_migrations is missing or empty.
int applied_schema_version(Connection& db);

// Applies every migration above the database's version, each in its own write transaction,
// so a failure leaves the database at the last version that fully applied. Throws
// std::runtime_error when the database is newer than `migrations` (written by a later
// seatsync: we must not guess at its meaning) and std::logic_error when the list has gaps.
void apply_migrations(Connection& db, std::span<const Migration> migrations);

}  // namespace seatsync::sqlite
