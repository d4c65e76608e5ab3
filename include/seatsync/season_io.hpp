#pragma once
// Reading and writing a season dataset directory in the public CSV contract
// (docs/data-format.md): games.csv, seats.csv, transactions.csv, and optionally
// inventory.csv, listings.csv and params.toml.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/progress.hpp"

namespace seatsync {

// How the CSV files of a directory separate their fields.
struct CsvFormat {
  // ',' by default. With ';' (Excel's choice in locales that write decimal commas) a number may
  // also be written with a decimal comma: "12,50" = 12.5.
  char delimiter = ',';
};

// Loads and validates a directory. On any error throws ValidationError carrying every
// problem found (up to a cap) as FILE:LINE: COLUMN: message. Warnings are returned in
// `warnings` when given.
Dataset load_season_dir(const std::filesystem::path& dir, std::vector<Diagnostic>* warnings = nullptr,
                        const CsvFormat& format = {});

// Writes the dataset as CSV files (and params.toml when it has text) into `dir`, creating it.
// Each file is written to a temporary name and renamed into place, so no reader ever sees
// a half-written file. Optional files are written only when they have rows.
void write_season_dir(const Dataset& data, const std::filesystem::path& dir,
                      const ProgressFn& progress = {});

// Rewrites only market_stats.csv, then listings.csv (each atomically; removed when empty): what
// appending market data changes.
void write_market_tables(const Dataset& data, const std::filesystem::path& dir);

enum class SeasonTable { games, seats, transactions, inventory, listings, market_stats };
// Where row `row` of a table came from, as (file label, line), for messages.
using RowLocator = std::function<std::pair<std::string, std::size_t>(SeasonTable, std::size_t row)>;

// Checks the rules that hold whatever the source (duplicate keys, quantity >= 1, price > 0,
// a sale after its game, sales or remaining beyond capacity, tiers in use, …) on an indexed
// dataset and reports into `diag`. Without a locator rows are named "TABLE:ROW".
void validate_dataset(const Dataset& data, Diagnostics& diag, const RowLocator& locate = {});

}  // namespace seatsync
