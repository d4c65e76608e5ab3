#pragma once
// The wall-clock time written into the schema_migrations and imports tables.
#include <string>

namespace seatsync::sqlite {

// Now, in UTC, as ISO-8601 "YYYY-MM-DDTHH:MM:SSZ": sortable as text and readable by any
// database, unlike an SQLite-only function such as datetime('now').
std::string utc_timestamp_now();

}  // namespace seatsync::sqlite
