#pragma once
#include <span>
// Writes a whole Dataset into the store's tables, replacing what was there.
#include "data/sqlite_connection.hpp"
#include "seatsync/dataset.hpp"
#include "seatsync/progress.hpp"

namespace seatsync::sqlite {

// Deletes every dataset row, inserts `data` and appends a row to the import log. Must run
// inside a write ScopedTransaction owned by the caller, who commits (or, on any exception, lets
// it roll back). Reports stage "import" with rows written so far. Throws
// std::invalid_argument when a row refers to a game or price code index that does not exist.
void write_dataset(Connection& db, const Dataset& data, const ProgressFn& progress);

// Adds market rows after the stored ones (row numbers continue), inside the caller's write
// transaction. `data` names the games and codes the rows' indexes refer to.
void append_market_rows(Connection& db, const Dataset& data, std::span<const Listing> listings,
                        std::span<const MarketPollStats> stats);

}  // namespace seatsync::sqlite
