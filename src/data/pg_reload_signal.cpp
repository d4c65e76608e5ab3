// The PostgreSQL backend of ReloadSignal: replicas on any number of machines. One pooled
// connection, so a connection lost while PostgreSQL restarts is replaced at the next poll.
#include "data/pg_connection.hpp"
#include "data/pg_migrations.hpp"
#include "seatsync/reload_signal.hpp"
#include "seatsync/store.hpp"

namespace seatsync {
namespace {

class PgReloadSignal final : public ReloadSignal {
 public:
  explicit PgReloadSignal(const std::string& url) : pool_(url, 1) {
    auto c = pool_.acquire();
    pg::apply_migrations(*c, url, pg::store_migrations());
  }

  std::int64_t generation() override {
    return guarded("reading the reload generation", [](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      const auto r = tx.exec("SELECT generation FROM service_reloads");
      return r.empty() ? std::int64_t{0} : r[0][0].as<std::int64_t>();
    });
  }

  std::int64_t announce() override {
    return guarded("announcing a reload", [](pqxx::connection& c) {
      pqxx::work tx(c);
      const auto r = tx.exec(
          "INSERT INTO service_reloads (singleton, generation, requested_at) "
          "VALUES (1, 1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')) "
          "ON CONFLICT (singleton) DO UPDATE SET generation = service_reloads.generation + 1, "
          "requested_at = excluded.requested_at RETURNING generation");
      tx.commit();
      return r[0][0].as<std::int64_t>();
    });
  }

 private:
  template <typename Body>
  std::int64_t guarded(const char* what, Body body) {
    auto c = pool_.acquire();
    return pg::guarded(pool_.url(), what, [&] { return body(*c); });
  }

  pg::ConnectionPool pool_;
};

}  // namespace

std::unique_ptr<ReloadSignal> open_postgres_reload_signal(const std::string& url) {
  return std::make_unique<PgReloadSignal>(url);
}

}  // namespace seatsync
