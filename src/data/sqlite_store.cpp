// The SQLite backend of Store: one database file, WAL mode, a versioned schema, and every
// replace() a single transaction. See docs/storage.md for the schema and the guarantees.
#include <stdexcept>
#include <string>
#include <utility>

#include "data/sqlite_connection.hpp"
#include "data/sqlite_dataset_reader.hpp"
#include "data/sqlite_dataset_writer.hpp"
#include "data/sqlite_migrations.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/market_stats.hpp"
#include "seatsync/params.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/store.hpp"

namespace seatsync {

namespace {

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

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& file) : db_(file) {
    sqlite::configure_store_connection(db_);
    sqlite::apply_migrations(db_, sqlite::store_migrations());
  }

  void replace(const Dataset& data, const ProgressFn& progress) override {
    // IMMEDIATE: take the write lock before deleting anything, so a concurrent writer waits
    // here rather than one of us failing halfway through.
    sqlite::ScopedTransaction transaction(db_, sqlite::ScopedTransaction::Kind::Write);
    sqlite::write_dataset(db_, data, progress);
    transaction.commit();
  }

  Dataset load(std::vector<Diagnostic>* warnings = nullptr) const override {
    Dataset data = sqlite::read_dataset(db_);
    // Parse and validate exactly as a CSV directory is, so callers cannot tell the sources apart.
    Diagnostics diagnostics;
    if (!data.params_toml.empty()) {
      data.params = parse_params(data.params_toml, "params.toml (stored in " + db_.file().string() + ")",
                                 diagnostics);
    }
    validate_dataset(data, diagnostics, locate_rows());
    diagnostics.throw_if_errors();
    if (warnings) *warnings = diagnostics.items();
    return data;
  }

  MarketAppendResult append_market(const Dataset& ids, std::span<const Listing> listings,
                                   std::span<const MarketPollStats> stats) override {
    sqlite::ScopedTransaction transaction(db_, sqlite::ScopedTransaction::Kind::Write);
    if (db_.query_text("SELECT COUNT(*) FROM params") == "0")
      throw std::runtime_error(db_.file().string() + " holds no dataset: import one first");
    // Duplicates are judged against what is stored now, under the write lock, so two
    // collectors appending the same poll at once still store it once.
    Dataset stored = ids;
    sqlite::read_market_tables(db_, stored);
    NewMarketRows rows = new_market_rows(ids, stored.listings, stored.market_stats, listings, stats);
    sqlite::append_market_rows(db_, ids, rows.listings, rows.stats);
    transaction.commit();
    return {rows.listings.size(), listings.size() - rows.listings.size(), rows.stats.size(),
            stats.size() - rows.stats.size()};
  }

  int schema_version() const override { return sqlite::applied_schema_version(db_); }

  std::string describe() const override { return "sqlite:" + db_.file().string(); }

 private:
  // Names a stored row as "FILE:TABLE:ROW_NO" so a user can find it with SQL.
  RowLocator locate_rows() const {
    return [file = db_.file().string()](SeasonTable table, std::size_t index) {
      return std::pair{file + ":" + table_name(table), index + 1};
    };
  }

  // Reading is logically const, but every SQLite call goes through the connection handle.
  mutable sqlite::Connection db_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file) {
  return std::make_unique<SqliteStore>(file);
}

}  // namespace seatsync
