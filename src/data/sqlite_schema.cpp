// The store's schema, as an append-only list of migrations (declared in sqlite_migrations.hpp).
//
// Conventions, chosen so a PostgreSQL backend can use the same layout:
// - every dataset table has row_no, the row's 1-based position in the imported data
//   (Dataset index + 1, and the row number diagnostics name); load() orders by it so rows
//   come back in import order;
// - rows refer to games and price codes by their natural keys (games.id, price_codes.code),
//   which keeps the tables readable to anyone querying them by hand;
// - dates are ISO "YYYY-MM-DD" text, source timestamps are kept verbatim as text;
// - money is REAL (an IEEE double, as in Dataset), so values round-trip exactly.
#include "data/sqlite_migrations.hpp"

namespace seatsync::sqlite {

namespace {

constexpr std::string_view kSeasonTables = R"sql(
CREATE TABLE games (
  row_no   INTEGER PRIMARY KEY,
  id       TEXT    NOT NULL UNIQUE,
  date     TEXT    NOT NULL,
  tier     INTEGER NOT NULL,
  opponent TEXT    NOT NULL
);
CREATE TABLE price_codes (
  row_no      INTEGER PRIMARY KEY,
  code        TEXT    NOT NULL UNIQUE,
  group_name  TEXT    NOT NULL,
  capacity    INTEGER NOT NULL,
  floor_price REAL    NOT NULL
);
CREATE TABLE transactions (
  row_no    INTEGER PRIMARY KEY,
  game_id   TEXT    NOT NULL REFERENCES games (id),
  code      TEXT    NOT NULL REFERENCES price_codes (code),
  sold_at   TEXT    NOT NULL,
  sold_date TEXT    NOT NULL,
  quantity  INTEGER NOT NULL,
  price     REAL    NOT NULL
);
CREATE TABLE inventory (
  row_no        INTEGER PRIMARY KEY,
  game_id       TEXT    NOT NULL REFERENCES games (id),
  code          TEXT    NOT NULL REFERENCES price_codes (code),
  remaining     INTEGER NOT NULL,
  current_price REAL    NOT NULL
);
CREATE TABLE listings (
  row_no        INTEGER PRIMARY KEY,
  game_id       TEXT    NOT NULL REFERENCES games (id),
  code          TEXT             REFERENCES price_codes (code),
  observed_at   TEXT    NOT NULL,
  observed_date TEXT    NOT NULL,
  price         REAL    NOT NULL,
  quantity      INTEGER NOT NULL,
  source        TEXT    NOT NULL
);
-- The params.toml text, verbatim ('' = defaults). Its single row also marks that a dataset
-- has been imported at all, which an empty set of tables could not tell apart.
CREATE TABLE params (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  toml      TEXT    NOT NULL
);
-- One row per successful replace(): a history, not part of the dataset.
CREATE TABLE imports (
  id               INTEGER PRIMARY KEY,
  imported_at      TEXT    NOT NULL,
  seatsync_version TEXT    NOT NULL,
  games            INTEGER NOT NULL,
  price_codes      INTEGER NOT NULL,
  transactions     INTEGER NOT NULL,
  inventory        INTEGER NOT NULL,
  listings         INTEGER NOT NULL
);
)sql";

// inventory.csv's optional observed_at: verbatim, and its local date (NULL when not given).
constexpr std::string_view kInventoryObservedAt = R"sql(
ALTER TABLE inventory ADD COLUMN observed_at TEXT;
ALTER TABLE inventory ADD COLUMN observed_date TEXT;
)sql";

// A/B experiments: the definition as JSON (experiment_json.hpp) beside the columns queries
// filter on; events keyed by (experiment, event id), so a re-sent event is ignored.
constexpr std::string_view kExperiments = R"sql(
CREATE TABLE experiments (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('draft', 'running', 'stopped')),
  definition TEXT NOT NULL,
  created_at TEXT NOT NULL,
  stopped_at TEXT
);
CREATE TABLE experiment_events (
  experiment_id TEXT    NOT NULL REFERENCES experiments (id),
  event_id      TEXT    NOT NULL,
  type          TEXT    NOT NULL CHECK (type IN ('quote', 'purchase')),
  unit          TEXT    NOT NULL,
  arm           TEXT    NOT NULL,
  at            TEXT    NOT NULL,
  quantity      INTEGER NOT NULL,
  revenue       REAL    NOT NULL,
  price         REAL,
  recorded_at   TEXT    NOT NULL,
  PRIMARY KEY (experiment_id, event_id)
);
CREATE INDEX experiment_events_by_unit ON experiment_events (experiment_id, arm, unit);
)sql";

// listings.csv's optional listing_id and section ('' when not given).
constexpr std::string_view kListingIdentity = R"sql(
ALTER TABLE listings ADD COLUMN listing_id TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN section TEXT NOT NULL DEFAULT '';
)sql";

// Each poll's market statistics (market_stats.csv); prices NULL when the source does not say.
constexpr std::string_view kMarketStats = R"sql(
CREATE TABLE market_stats (
  row_no      INTEGER PRIMARY KEY,
  game_id     TEXT    NOT NULL REFERENCES games (id),
  source      TEXT    NOT NULL,
  polled_at   TEXT    NOT NULL,
  polled_date TEXT    NOT NULL,
  count       INTEGER NOT NULL,
  min REAL, p10 REAL, median REAL, mean REAL, p90 REAL, max REAL, sd REAL,
  tickets     INTEGER NOT NULL,
  UNIQUE (game_id, source, polled_at)
);
)sql";

// Replicas of `seatsync serve` sharing this file poll this row (docs/scaling.md).
constexpr std::string_view kServiceReloads = R"sql(
CREATE TABLE service_reloads (
  singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
  generation   INTEGER NOT NULL,
  requested_at TEXT    NOT NULL
);
)sql";

// A league spans machines, so its job queue lives on PostgreSQL alone; the version is kept
// here so that both backends number one schema alike.
constexpr std::string_view kLeagueJobs = "-- PostgreSQL only";

constexpr Migration kMigrations[] = {
    {1, "season data tables, params text and import log", kSeasonTables},
    {2, "inventory.observed_at: when the seats left were counted", kInventoryObservedAt},
    {3, "A/B experiments and their events", kExperiments},
    {4, "listings.listing_id and section: a listing as its marketplace names it", kListingIdentity},
    {5, "market_stats: each poll's statistics per game and source", kMarketStats},
    {6, "service_reloads: the reload generation replicas follow", kServiceReloads},
    {7, "league_jobs: the league daily run's job queue (PostgreSQL only)", kLeagueJobs},
};

}  // namespace

std::span<const Migration> store_migrations() { return kMigrations; }

}  // namespace seatsync::sqlite
