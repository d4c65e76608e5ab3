// The PostgreSQL backend of Store: the same schema and guarantees as the SQLite store, for a
// database several processes and machines share. replace() is one transaction that first takes
// an advisory lock, so two imports at once run one after the other and never mix; load() reads
// in one REPEATABLE READ snapshot, so it sees one import whole even while another commits.
#include <stdexcept>

#include "data/dataset_rows.hpp"
#include "data/pg_connection.hpp"
#include "data/pg_dataset_io.hpp"
#include "data/pg_migrations.hpp"
#include "seatsync/market_stats.hpp"
#include "seatsync/store.hpp"

namespace seatsync {

namespace {

using Snapshot = pqxx::transaction<pqxx::repeatable_read, pqxx::read_only>;

class PgStore final : public Store {
 public:
  explicit PgStore(std::string url) : url_(std::move(url)), where_(redact_location(url_)), c_(pg::connect(url_)) {
    pg::apply_migrations(*c_, url_, pg::store_migrations());
  }

  void replace(const Dataset& data, const ProgressFn& progress) override {
    guarded("importing", [&] {
      pqxx::work tx(*c_);
      tx.exec(pg::advisory_lock_sql(pg::kImportLock));
      pg::write_dataset(tx, data, progress);
      tx.commit();
    });
  }

  Dataset load(std::vector<Diagnostic>* warnings) const override {
    Dataset data;
    guarded("loading", [&] {
      Snapshot tx(*c_);
      data = pg::read_dataset(tx, where_);
      tx.commit();
    });
    store_rows::check_loaded(data, where_, warnings);
    return data;
  }

  MarketAppendResult append_market(const Dataset& ids, std::span<const Listing> listings,
                                   std::span<const MarketPollStats> stats) override {
    MarketAppendResult result;
    guarded("appending market data", [&] {
      pqxx::work tx(*c_);
      // The import lock also orders appends: duplicates are judged against what is stored now.
      tx.exec(pg::advisory_lock_sql(pg::kImportLock));
      if (tx.exec("SELECT 1 FROM params").empty())
        throw std::runtime_error(where_ + " holds no dataset: import one first");
      Dataset stored = ids;
      pg::read_market_tables(tx, where_, stored);
      const NewMarketRows rows = new_market_rows(ids, stored.listings, stored.market_stats, listings, stats);
      pg::append_market_rows(tx, ids, rows.listings, rows.stats);
      tx.commit();
      result = {rows.listings.size(), listings.size() - rows.listings.size(), rows.stats.size(),
                stats.size() - rows.stats.size()};
    });
    return result;
  }

  int schema_version() const override {
    int version = 0;
    guarded("reading the schema version", [&] {
      pqxx::read_transaction tx(*c_);
      version = pg::applied_schema_version(tx);
    });
    return version;
  }

  std::string describe() const override { return where_; }

 private:
  // Runs `body`; a database error becomes std::runtime_error naming the (redacted) URL. Our
  // own errors (bad rows, no dataset) pass through as they are.
  template <typename Body>
  void guarded(const char* what, Body body) const {
    pg::guarded(url_, what, body);
  }

  std::string url_, where_;
  std::unique_ptr<pqxx::connection> c_;  // one connection: a Store is used by one thread
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url) { return std::make_unique<PgStore>(url); }

}  // namespace seatsync
