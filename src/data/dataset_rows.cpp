#include "data/dataset_rows.hpp"

#include <stdexcept>
#include <utility>

#include "seatsync/params.hpp"

namespace seatsync::store_rows {

namespace {
// Often enough for a smooth progress bar, rarely enough to cost nothing next to the inserts.
constexpr std::size_t kProgressEvery = 4096;
}  // namespace

ImportProgress::ImportProgress(const ProgressFn& fn, std::size_t total) : fn_(fn), total_(total) {
  report(fn_, "import", 0, total_);
}

void ImportProgress::row_done() {
  if (++done_ % kProgressEvery == 0) report(fn_, "import", done_, total_);
}

void ImportProgress::finish() { report(fn_, "import", total_, total_); }

std::size_t dataset_rows(const Dataset& data) {
  return data.games.size() + data.codes.size() + data.transactions.size() + data.inventory.size() +
         data.listings.size() + data.market_stats.size();
}

const Game& game_at(const Dataset& data, GameIndex index, const char* table, std::size_t row) {
  if (index >= data.games.size())
    throw std::invalid_argument(std::string(table) + " row " + std::to_string(row) + " refers to game index " +
                                std::to_string(index) + ", which does not exist");
  return data.games[index];
}

const PriceCode& code_at(const Dataset& data, CodeIndex index, const char* table, std::size_t row) {
  if (index >= data.codes.size())
    throw std::invalid_argument(std::string(table) + " row " + std::to_string(row) + " refers to price code index " +
                                std::to_string(index) + ", which does not exist");
  return data.codes[index];
}

const char* table_name(SeasonTable table) {
  switch (table) {
    case SeasonTable::games: return "games";
    case SeasonTable::seats: return "price_codes";
    case SeasonTable::transactions: return "transactions";
    case SeasonTable::inventory: return "inventory";
    case SeasonTable::listings: return "listings";
    case SeasonTable::market_stats: return "market_stats";
  }
  return "?";
}

void check_loaded(Dataset& data, const std::string& where, std::vector<Diagnostic>* warnings) {
  Diagnostics diagnostics;
  if (!data.params_toml.empty())
    data.params = parse_params(data.params_toml, "params.toml (stored in " + where + ")", diagnostics);
  const RowLocator rows = [&where](SeasonTable table, std::size_t index) {
    return std::pair{where + ":" + table_name(table), index + 1};
  };
  validate_dataset(data, diagnostics, rows);
  diagnostics.throw_if_errors();
  if (warnings) *warnings = diagnostics.items();
}

}  // namespace seatsync::store_rows
