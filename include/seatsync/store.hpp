#pragma once
// Where season data lives between runs. The algorithms see only Dataset; a backend (SQLite,
// the embedded default, or PostgreSQL, shared by several machines) implements this interface.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/progress.hpp"

namespace seatsync {

struct MarketAppendResult {
  std::size_t listings_added = 0, listings_duplicate = 0, stats_added = 0, stats_duplicate = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Replaces the whole stored dataset with `data` in one transaction: on any failure the
  // store is left exactly as it was. Importing the same data twice leaves the same rows.
  virtual void replace(const Dataset& data, const ProgressFn& progress = {}) = 0;
  // Loads the stored dataset. Throws std::runtime_error when the store holds no dataset.
  // Warnings (e.g. an unknown params.toml key) are returned in `warnings` when given.
  virtual Dataset load(std::vector<Diagnostic>* warnings = nullptr) const = 0;
  // Adds a collector's or an import's market rows in one transaction, skipping listings whose
  // listing_key (market_stats.hpp) and polls whose (game, source, polled_at) are already stored.
  // `ids` is the stored dataset (its games and codes name the rows' indexes). Throws
  // std::runtime_error when the store holds no dataset.
  virtual MarketAppendResult append_market(const Dataset& ids, std::span<const Listing> listings,
                                           std::span<const MarketPollStats> stats) = 0;
  // The schema version the store is at (the highest applied migration).
  virtual int schema_version() const = 0;
  // Human-readable location, for logs.
  virtual std::string describe() const = 0;
};

// Opens (creating if needed) a SQLite database file, applies pending migrations, WAL mode.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& file);

// Connects to a PostgreSQL database (postgresql://user:pass@host:port/dbname or any libpq
// URI) and applies pending migrations under an advisory lock. Errors name the URL with its
// password replaced by "***". A `schema=NAME` query parameter keeps the store in that schema
// (created when missing): one database then holds many teams' stores, one schema each, as a
// league does (docs/scaling.md).
std::unique_ptr<Store> open_postgres_store(const std::string& url);

// A store location as users write it after --db: a postgresql:// or postgres:// URL means
// PostgreSQL, anything else is a SQLite file path.
bool is_postgres_url(std::string_view location);
// The location fit for logs and errors: a URL's password becomes "***"; a path is unchanged.
std::string redact_location(std::string_view location);
// Throws std::invalid_argument unless `name` is a schema seatsync may use: 1 to 63 of a-z, 0-9
// and _, not starting with a digit or "pg_".
void check_schema_name(std::string_view name);
// `url` with its schema=NAME parameter set to `schema` (replacing one it has).
std::string postgres_url_with_schema(std::string_view url, std::string_view schema);
// open_postgres_store or open_sqlite_store, by is_postgres_url.
std::unique_ptr<Store> open_store(const std::string& location);

}  // namespace seatsync
