// The SQLite backend of ReloadSignal: replicas on one machine sharing a store file.
#include <mutex>

#include "data/sqlite_connection.hpp"
#include "data/sqlite_migrations.hpp"
#include "data/sqlite_timestamp.hpp"
#include "seatsync/reload_signal.hpp"

namespace seatsync {

namespace {

class SqliteReloadSignal final : public ReloadSignal {
 public:
  explicit SqliteReloadSignal(const std::filesystem::path& file) : db_(file) {
    sqlite::configure_store_connection(db_);
    sqlite::apply_migrations(db_, sqlite::store_migrations());
  }

  std::int64_t generation() override {
    std::lock_guard lock(mutex_);
    sqlite::Statement read(db_, "SELECT generation FROM service_reloads");
    std::int64_t g = 0;
    while (read.step()) g = read.column_int(0);
    return g;
  }

  std::int64_t announce() override {
    std::lock_guard lock(mutex_);
    sqlite::ScopedTransaction tx(db_, sqlite::ScopedTransaction::Kind::Write);
    sqlite::Statement bump(db_,
                           "INSERT INTO service_reloads (singleton, generation, requested_at) VALUES (1, 1, ?) "
                           "ON CONFLICT (singleton) DO UPDATE SET generation = generation + 1, "
                           "requested_at = excluded.requested_at RETURNING generation");
    const std::string now = sqlite::utc_timestamp_now();
    bump.bind(1, now);
    std::int64_t g = 0;
    while (bump.step()) g = bump.column_int(0);
    tx.commit();
    return g;
  }

 private:
  std::mutex mutex_;
  sqlite::Connection db_;
};

}  // namespace

std::unique_ptr<ReloadSignal> open_sqlite_reload_signal(const std::filesystem::path& file) {
  return std::make_unique<SqliteReloadSignal>(file);
}

}  // namespace seatsync
