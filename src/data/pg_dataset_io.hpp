#pragma once
// Dataset ⇄ the PostgreSQL store's tables, inside a transaction the caller owns.
#include <pqxx/pqxx>

#include <span>

#include "seatsync/dataset.hpp"
#include "seatsync/progress.hpp"

namespace seatsync::pg {

// Deletes every dataset row, then COPYs `data` in (pqxx::stream_to) and logs the import.
// The caller commits, or lets the transaction roll back on any exception.
void write_dataset(pqxx::work& tx, const Dataset& data, const ProgressFn& progress);

// Adds market rows after the stored ones (row numbers continue), in the caller's transaction.
void append_market_rows(pqxx::work& tx, const Dataset& data, std::span<const Listing> listings,
                        std::span<const MarketPollStats> stats);

// Reads every dataset table, rows in import order, indexed; params not yet parsed. `where`
// names the database in errors. Throws std::runtime_error when nothing was imported.
Dataset read_dataset(pqxx::transaction_base& tx, const std::string& where);

// Re-reads only listings and market_stats into `data` (whose games and codes are stored).
void read_market_tables(pqxx::transaction_base& tx, const std::string& where, Dataset& data);

}  // namespace seatsync::pg
