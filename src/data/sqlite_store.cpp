// The SQLite backend of Store: one database file, WAL mode, a versioned schema, and every
// replace() a single transaction. See docs/storage.md for the schema and the guarantees.
#include <stdexcept>
#include <string>

#include "data/dataset_rows.hpp"
#include "data/sqlite_connection.hpp"
#include "data/sqlite_dataset_reader.hpp"
#include "data/sqlite_dataset_writer.hpp"
#include "data/sqlite_migrations.hpp"
#include "seatsync/market_stats.hpp"
#include "seatsync/store.hpp"

namespace seatsync {

namespace {

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
    store_rows::check_loaded(data, db_.file().string(), warnings);
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
  // Reading is logically const, but every SQLite call goes through the connection handle.
  mutable sqlite::Connection db_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file) {
  return std::make_unique<SqliteStore>(file);
}

}  // namespace seatsync
