// The PostgreSQL backend of ExperimentStore: the experiment tables of migration 3, statements
// prepared on every pooled connection, and events written in one statement per call. Events are
// idempotent by (experiment, event id): the primary key with ON CONFLICT DO NOTHING makes a
// re-sent event, or the same event from two server processes at once, count exactly once.
#include <fmt/format.h>

#include <stdexcept>

#include "data/experiment_rows.hpp"
#include "data/pg_connection.hpp"
#include "data/pg_migrations.hpp"
#include "seatsync/experiment_json.hpp"
#include "seatsync/experiment_store.hpp"
#include "seatsync/store.hpp"

namespace seatsync {
namespace {

constexpr const char* kNow = "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

void prepare_statements(pqxx::connection& c) {
  const std::string by_id =
      "SELECT id, status, definition, created_at, COALESCE(stopped_at, '') FROM experiments WHERE id = $1";
  c.prepare("experiment_by_id", by_id);
  c.prepare("experiment_by_id_locked", by_id + " FOR UPDATE");
  c.prepare("experiment_insert",
            fmt::format("INSERT INTO experiments (id, name, status, definition, created_at) "
                        "VALUES ($1, $2, $3, $4, {}) ON CONFLICT (id) DO NOTHING RETURNING created_at",
                        kNow));
  c.prepare("experiment_status",
            fmt::format("UPDATE experiments SET status = $2, stopped_at = CASE WHEN $2 = 'stopped' THEN {} END "
                        "WHERE id = $1 RETURNING COALESCE(stopped_at, '')",
                        kNow));
  // One statement for a whole batch: the columns arrive as arrays and unnest() pairs them up.
  c.prepare("events_insert",
            fmt::format("INSERT INTO experiment_events (experiment_id, event_id, type, unit, arm, at, quantity, "
                        "revenue, price, recorded_at) SELECT $1, e.*, {} FROM unnest($2::text[], $3::text[], "
                        "$4::text[], $5::text[], $6::text[], $7::int[], $8::float8[], $9::float8[]) AS e "
                        "ON CONFLICT (experiment_id, event_id) DO NOTHING",
                        kNow));
  c.prepare("unit_totals",
            "SELECT arm, unit, COUNT(*) FILTER (WHERE type = 'quote'), COUNT(*) FILTER (WHERE type = 'purchase'), "
            "SUM(quantity), SUM(revenue), MIN(at), MAX(at) FROM experiment_events WHERE experiment_id = $1 "
            "GROUP BY arm, unit ORDER BY arm COLLATE \"C\", unit COLLATE \"C\"");
  c.prepare("quote_days",
            "SELECT substr(at, 1, 10) AS day, COUNT(*) FILTER (WHERE type = 'quote'), COUNT(*) FILTER (WHERE type = "
            "'purchase') FROM experiment_events WHERE substr(at, 1, 10) BETWEEN $1 AND $2 GROUP BY day ORDER BY day");
}

// A PostgreSQL array literal of `values`, each element quoted and escaped.
std::string array_literal(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (const char ch : values[i]) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

Experiment experiment_row(const pqxx::row& r) {
  return experiment_rows::from_row(r[0].c_str(), r[1].c_str(), r[2].c_str(), r[3].c_str(), r[4].c_str());
}

class PgExperimentStore final : public ExperimentStore {
  // Runs `body` on a pooled connection; database errors name the redacted URL, ours pass.
  template <typename Body>
  auto guarded(const char* what, Body body) const {
    auto c = pool_.acquire();
    return pg::guarded(pool_.url(), what, [&] { return body(*c); });
  }

 public:
  PgExperimentStore(const std::string& url, std::size_t connections)
      : pool_(url, connections, prepare_statements), where_(redact_location(url)) {
    auto c = pool_.acquire();
    pg::apply_migrations(*c, url, pg::store_migrations());
  }

  Experiment create(Experiment e) override {
    validate_experiment(e);
    e.stopped_at.clear();
    const std::string status(to_string(e.status));
    return guarded("creating an experiment", [&](pqxx::connection& c) {
      for (int attempt = 0;; ++attempt) {
        e.id = experiment_rows::new_id();
        pqxx::work tx(c);
        const auto r = tx.exec_prepared("experiment_insert", e.id, e.name, status, experiment_to_json(e).dump());
        if (r.empty()) {  // the id was taken: draw another
          if (attempt > 16) throw std::runtime_error("cannot find a free experiment id");
          continue;
        }
        e.created_at = r[0][0].c_str();
        tx.commit();
        return e;
      }
    });
  }

  std::vector<Experiment> list(bool active_only) const override {
    return guarded("listing experiments", [&](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      const auto rows = tx.exec(std::string("SELECT id, status, definition, created_at, COALESCE(stopped_at, '') "
                                            "FROM experiments ") +
                                (active_only ? "WHERE status = 'running' " : "") +
                                "ORDER BY created_at COLLATE \"C\", id COLLATE \"C\"");
      std::vector<Experiment> out;
      for (const auto& r : rows) out.push_back(experiment_row(r));
      return out;
    });
  }

  std::optional<Experiment> get(const std::string& id) const override {
    return guarded("reading an experiment", [&](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      return find(tx, id);
    });
  }

  Experiment set_status(const std::string& id, ExperimentStatus status) override {
    return guarded("changing an experiment's status", [&](pqxx::connection& c) {
      pqxx::work tx(c);
      auto e = find(tx, id, "experiment_by_id_locked");
      if (!e) throw std::out_of_range("no experiment '" + id + "'");
      experiment_rows::check_transition(*e, status);
      e->status = status;
      e->stopped_at = tx.exec_prepared("experiment_status", id, std::string(to_string(status)))[0][0].c_str();
      tx.commit();
      return *e;
    });
  }

  IngestResult record(const std::string& experiment_id, const std::vector<ExperimentEvent>& events) override {
    return guarded("recording events", [&](pqxx::connection& c) {
      pqxx::work tx(c);
      const auto e = find(tx, experiment_id);
      if (!e) throw std::out_of_range("no experiment '" + experiment_id + "'");
      const auto checked = checked_events(*e, events);
      const auto field = [&](auto member) {
        std::vector<std::string> values;
        for (const auto& ev : checked) values.push_back(ev.*member);
        return array_literal(values);
      };
      const auto number = [&](auto member) {
        std::vector<std::string> values;
        for (const auto& ev : checked) values.push_back(fmt::format("{}", ev.*member));
        return array_literal(values);
      };
      const auto r = tx.exec_prepared("events_insert", experiment_id, field(&ExperimentEvent::event_id),
                                      field(&ExperimentEvent::type), field(&ExperimentEvent::unit),
                                      field(&ExperimentEvent::arm), field(&ExperimentEvent::at),
                                      number(&ExperimentEvent::quantity), number(&ExperimentEvent::revenue),
                                      number(&ExperimentEvent::price));
      tx.commit();
      IngestResult result;
      result.inserted = static_cast<std::size_t>(r.affected_rows());
      result.duplicates = checked.size() - result.inserted;
      return result;
    });
  }

  std::vector<QuoteDay> quote_days(const std::string& from, const std::string& to) const override {
    return guarded("reading quotes by day", [&](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      std::vector<QuoteDay> out;
      for (const auto& r : tx.exec_prepared("quote_days", from, to))
        out.push_back({r[0].c_str(), r[1].as<long long>(), r[2].as<long long>()});
      return out;
    });
  }

  std::vector<UnitTotals> unit_totals(const std::string& experiment_id) const override {
    return guarded("reading event totals", [&](pqxx::connection& c) {
      pqxx::read_transaction tx(c);
      std::vector<UnitTotals> out;
      for (const auto& r : tx.exec_prepared("unit_totals", experiment_id))
        out.push_back({r[0].c_str(), r[1].c_str(), r[2].as<long long>(), r[3].as<long long>(), r[4].as<long long>(),
                       r[5].as<double>(), r[6].c_str(), r[7].c_str()});
      return out;
    });
  }

  std::string describe() const override { return where_; }

 private:
  // `statement`: experiment_by_id, or experiment_by_id_locked to hold the row until commit.
  static std::optional<Experiment> find(pqxx::transaction_base& tx, const std::string& id,
                                        const char* statement = "experiment_by_id") {
    const auto rows = tx.exec_prepared(statement, id);
    if (rows.empty()) return std::nullopt;
    return experiment_row(rows[0]);
  }

  mutable pg::ConnectionPool pool_;
  std::string where_;
};

}  // namespace

std::unique_ptr<ExperimentStore> open_postgres_experiment_store(const std::string& url, std::size_t connections) {
  return std::make_unique<PgExperimentStore>(url, connections);
}

}  // namespace seatsync
