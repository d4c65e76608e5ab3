#pragma once
// Reads the stored Dataset back, rows in the order they were imported.
#include "data/sqlite_connection.hpp"
#include "seatsync/dataset.hpp"

namespace seatsync::sqlite {

// Reads every dataset table inside one read transaction (a consistent snapshot even while
// another process imports). Returns the rows and params_toml as stored, indexed
// (reindex()), but with params still the defaults: parsing and validation are the caller's.
// Throws std::runtime_error when nothing was ever imported or a stored value is malformed.
Dataset read_dataset(Connection& db);

// Re-reads only listings and market_stats into `data` (whose games and codes are the stored
// ones), inside the caller's transaction: what an append checks for duplicates.
void read_market_tables(Connection& db, Dataset& data);

}  // namespace seatsync::sqlite
