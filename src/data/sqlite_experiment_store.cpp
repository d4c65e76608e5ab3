// The SQLite backend of ExperimentStore: the experiment tables of migration 3, one connection
// behind a mutex (a SQLite connection is not shared between threads), every write one
// IMMEDIATE transaction so that several processes writing at once serialise instead of failing.
#include <sqlite3.h>

#include <mutex>
#include <stdexcept>

#include "data/experiment_rows.hpp"
#include "data/sqlite_connection.hpp"
#include "data/sqlite_migrations.hpp"
#include "data/sqlite_timestamp.hpp"
#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_store.hpp"

namespace seatsync {
namespace {

class SqliteExperimentStore final : public ExperimentStore {
 public:
  explicit SqliteExperimentStore(const std::filesystem::path& file) : db_(file) {
    sqlite::configure_store_connection(db_);
    sqlite::apply_migrations(db_, sqlite::store_migrations());
  }

  Experiment create(Experiment e) override {
    validate_experiment(e);
    std::lock_guard lock(mutex_);
    sqlite::ScopedTransaction tx(db_, sqlite::ScopedTransaction::Kind::Write);
    e.created_at = sqlite::utc_timestamp_now();
    e.stopped_at.clear();
    for (int attempt = 0;; ++attempt) {
      e.id = experiment_rows::new_id();
      sqlite::Statement taken(db_, "SELECT COUNT(*) FROM experiments WHERE id = ?");
      taken.bind(1, e.id);
      const bool exists = taken.step() && taken.column_int(0) > 0;
      while (taken.step()) {
      }
      if (!exists) break;
      if (attempt > 16) throw std::runtime_error("cannot find a free experiment id");
    }
    const std::string definition = experiment_to_json(e).dump();
    sqlite::Statement insert(db_, "INSERT INTO experiments (id, name, status, definition, created_at) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, e.id).bind(2, e.name).bind(3, to_string(e.status)).bind(4, definition).bind(5, e.created_at).run();
    tx.commit();
    return e;
  }

  std::vector<Experiment> list(bool active_only) const override {
    std::lock_guard lock(mutex_);
    sqlite::Statement q(db_, active_only ? "SELECT id, status, definition, created_at, stopped_at FROM experiments "
                                           "WHERE status = 'running' ORDER BY created_at, id"
                                         : "SELECT id, status, definition, created_at, stopped_at FROM experiments "
                                           "ORDER BY created_at, id");
    std::vector<Experiment> out;
    while (q.step()) out.push_back(row(q));
    return out;
  }

  std::optional<Experiment> get(const std::string& id) const override {
    std::lock_guard lock(mutex_);
    return find(id);
  }

  Experiment set_status(const std::string& id, ExperimentStatus status) override {
    std::lock_guard lock(mutex_);
    sqlite::ScopedTransaction tx(db_, sqlite::ScopedTransaction::Kind::Write);
    auto e = find(id);
    if (!e) throw std::out_of_range("no experiment '" + id + "'");
    experiment_rows::check_transition(*e, status);
    e->status = status;
    if (status == ExperimentStatus::stopped) e->stopped_at = sqlite::utc_timestamp_now();
    sqlite::Statement update(db_, "UPDATE experiments SET status = ?, stopped_at = ? WHERE id = ?");
    update.bind(1, to_string(status));
    if (e->stopped_at.empty()) update.bind_null(2);
    else update.bind(2, e->stopped_at);
    update.bind(3, id).run();
    tx.commit();
    return *e;
  }

  IngestResult record(const std::string& experiment_id, const std::vector<ExperimentEvent>& events) override {
    std::lock_guard lock(mutex_);
    sqlite::ScopedTransaction tx(db_, sqlite::ScopedTransaction::Kind::Write);
    const auto e = find(experiment_id);
    if (!e) throw std::out_of_range("no experiment '" + experiment_id + "'");
    const auto checked = checked_events(*e, events);
    const std::string now = sqlite::utc_timestamp_now();
    sqlite::Statement insert(db_, "INSERT OR IGNORE INTO experiment_events (experiment_id, event_id, type, unit, arm, at, "
                                  "quantity, revenue, price, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    IngestResult result;
    for (const auto& ev : checked) {
      insert.bind(1, experiment_id).bind(2, ev.event_id).bind(3, ev.type).bind(4, ev.unit).bind(5, ev.arm).bind(6, ev.at);
      insert.bind(7, std::int64_t{ev.quantity}).bind(8, ev.revenue).bind(9, ev.price).bind(10, now).run();
      // changes() is 0 when the primary key (experiment, event id) was already there.
      if (sqlite3_changes(db_.handle()) > 0) ++result.inserted;
      else ++result.duplicates;
    }
    tx.commit();
    return result;
  }

  std::vector<UnitTotals> unit_totals(const std::string& experiment_id) const override {
    std::lock_guard lock(mutex_);
    sqlite::Statement q(db_,
                        "SELECT arm, unit, SUM(type = 'quote'), SUM(type = 'purchase'), SUM(quantity), SUM(revenue), "
                        "MIN(at), MAX(at) FROM experiment_events WHERE experiment_id = ? GROUP BY arm, unit ORDER BY arm, unit");
    q.bind(1, experiment_id);
    std::vector<UnitTotals> out;
    while (q.step())
      out.push_back({std::string(q.column_text(0)), std::string(q.column_text(1)), q.column_int(2), q.column_int(3),
                     q.column_int(4), q.column_double(5), std::string(q.column_text(6)), std::string(q.column_text(7))});
    return out;
  }

  std::vector<QuoteDay> quote_days(const std::string& from, const std::string& to) const override {
    std::lock_guard lock(mutex_);
    sqlite::Statement q(db_,
                        "SELECT substr(at, 1, 10) AS day, SUM(type = 'quote'), SUM(type = 'purchase') FROM experiment_events "
                        "WHERE substr(at, 1, 10) BETWEEN ? AND ? GROUP BY day ORDER BY day");
    q.bind(1, from);
    q.bind(2, to);
    std::vector<QuoteDay> out;
    while (q.step()) out.push_back({std::string(q.column_text(0)), q.column_int(1), q.column_int(2)});
    return out;
  }

  std::string describe() const override { return "sqlite:" + db_.file().string(); }

 private:
  std::optional<Experiment> find(const std::string& id) const {
    sqlite::Statement q(db_, "SELECT id, status, definition, created_at, stopped_at FROM experiments WHERE id = ?");
    q.bind(1, id);
    std::optional<Experiment> out;
    while (q.step()) out = row(q);
    return out;
  }

  static Experiment row(const sqlite::Statement& q) {
    return experiment_rows::from_row(q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(3),
                                     q.column_is_null(4) ? std::string_view() : q.column_text(4));
  }

  mutable std::mutex mutex_;
  mutable sqlite::Connection db_;
};

}  // namespace

std::unique_ptr<ExperimentStore> open_sqlite_experiment_store(const std::filesystem::path& file) {
  return std::make_unique<SqliteExperimentStore>(file);
}

}  // namespace seatsync
