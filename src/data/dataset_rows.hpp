#pragma once
// What every store backend's dataset writer shares: progress counted across tables, and
// checked lookups of the games and codes a row refers to.
#include <cstddef>
#include <string>

#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/progress.hpp"

namespace seatsync::store_rows {

// Counts rows across all tables and reports stage "import" every few thousand of them.
class ImportProgress {
 public:
  ImportProgress(const ProgressFn& fn, std::size_t total);
  void row_done();
  void finish();

 private:
  ProgressFn fn_;  // a copy: callers may pass a temporary
  std::size_t total_;
  std::size_t done_ = 0;
};

// The rows' totals across the dataset tables (what ImportProgress counts to).
std::size_t dataset_rows(const Dataset& data);

// Checked so that a malformed Dataset fails cleanly (and rolls back) instead of reading past
// the end of `games` or `codes`: std::invalid_argument naming the table and row.
const Game& game_at(const Dataset& data, GameIndex index, const char* table, std::size_t row);
const PriceCode& code_at(const Dataset& data, CodeIndex index, const char* table, std::size_t row);

// The table a SeasonTable is stored in ("price_codes" for seats).
const char* table_name(SeasonTable table);

// What load() does after reading, in every backend: parses the stored params.toml text and
// validates the rows exactly as a CSV directory's, so callers cannot tell the sources apart.
// Rows are named "WHERE:TABLE" with their row_no; params as "params.toml (stored in WHERE)".
void check_loaded(Dataset& data, const std::string& where, std::vector<Diagnostic>* warnings);

}  // namespace seatsync::store_rows
