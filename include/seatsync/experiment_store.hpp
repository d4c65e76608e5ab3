#pragma once
// Where experiments and their events live: the same database as the season data (SQLite or
// PostgreSQL, one interface). Every write is one transaction, and
// events are idempotent by id: ingesting the same event twice counts it once.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/experiment.hpp"

namespace seatsync {

// A quote shown to a unit, or a purchase it made. `arm` is the arm the unit was served
// (safety.ab_variant of its /score answer); empty = assigned by the experiment's hash.
struct ExperimentEvent {
  std::string event_id;
  std::string type;  // "quote" or "purchase"
  std::string unit, arm, at;
  int quantity = 0;      // tickets, for a purchase
  double revenue = 0.0;  // for a purchase
  double price = 0.0;    // the price quoted (optional for a purchase)
};

struct IngestResult {
  std::size_t inserted = 0, duplicates = 0;
};

// One unit's totals in one arm: what the results are computed from.
struct UnitTotals {
  std::string arm, unit;
  long long quotes = 0, bookings = 0, tickets = 0;
  double revenue = 0.0;
  std::string first_at, last_at;  // its first and last event
};

// Quotes shown and purchases made on one calendar day (the date `at` was written with), over
// every experiment: the conversion the monitor reports where quotes are known.
struct QuoteDay {
  std::string day;  // YYYY-MM-DD
  long long quotes = 0, bookings = 0;
};

class ExperimentStore {
 public:
  virtual ~ExperimentStore() = default;
  // Stores a validated experiment under a new id (returned, also set in the copy returned).
  virtual Experiment create(Experiment experiment) = 0;
  virtual std::vector<Experiment> list(bool active_only) const = 0;
  virtual std::optional<Experiment> get(const std::string& id) const = 0;
  // draft → running, or running/draft → stopped; std::invalid_argument for another move,
  // std::out_of_range for an unknown id.
  virtual Experiment set_status(const std::string& id, ExperimentStatus status) = 0;
  // All or nothing: every event is checked (type, arm, quantity, revenue) before any is written.
  virtual IngestResult record(const std::string& experiment_id, const std::vector<ExperimentEvent>& events) = 0;
  virtual std::vector<UnitTotals> unit_totals(const std::string& experiment_id) const = 0;
  // Days from `from` to `to` (YYYY-MM-DD, inclusive) that have events, in order.
  virtual std::vector<QuoteDay> quote_days(const std::string& from, const std::string& to) const = 0;
  virtual std::string describe() const = 0;
};

// The experiment tables of a seatsync SQLite database (created by its migrations). Safe to
// share between threads; several processes may write the same file at once.
std::unique_ptr<ExperimentStore> open_sqlite_experiment_store(const std::filesystem::path& file);

// The experiment tables of a PostgreSQL database. Safe to share between threads: calls take a
// connection from a small pool (a libpqxx connection is not thread-safe), so up to
// `connections` run at once. Any number of processes may write at once.
std::unique_ptr<ExperimentStore> open_postgres_experiment_store(const std::string& url, std::size_t connections = 4);

// By location, as open_store (store.hpp).
std::unique_ptr<ExperimentStore> open_experiment_store(const std::string& location);

// Checks events against the experiment (std::invalid_argument naming "events[i].field") and
// fills in each missing arm from the hash. Used by every backend before writing.
std::vector<ExperimentEvent> checked_events(const Experiment& experiment, std::vector<ExperimentEvent> events);

// Events from CSV text with the header event_id,type,unit,at and optional arm, quantity,
// revenue, price; ValidationError listing FILE:LINE: COLUMN for each bad field.
std::vector<ExperimentEvent> read_experiment_events_csv(std::string_view text, const std::string& file);

}  // namespace seatsync
