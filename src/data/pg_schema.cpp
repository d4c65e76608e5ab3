// The PostgreSQL store's schema: sqlite_schema.cpp's tables, version for version, with
// PostgreSQL's types. DOUBLE PRECISION is the IEEE double of Dataset (SQLite's REAL), so money
// round-trips exactly; dates stay ISO text and source timestamps verbatim text, as in SQLite,
// so both backends hold the same values and one test suite checks both.
#include "data/pg_migrations.hpp"

namespace seatsync::pg {

namespace {

constexpr std::string_view kSeasonTables = R"sql(
CREATE TABLE games (
  row_no   BIGINT  PRIMARY KEY,
  id       TEXT    NOT NULL UNIQUE,
  date     TEXT    NOT NULL,
  tier     INTEGER NOT NULL,
  opponent TEXT    NOT NULL
);
CREATE TABLE price_codes (
  row_no      BIGINT  PRIMARY KEY,
  code        TEXT    NOT NULL UNIQUE,
  group_name  TEXT    NOT NULL,
  capacity    INTEGER NOT NULL,
  floor_price DOUBLE PRECISION NOT NULL
);
CREATE TABLE transactions (
  row_no    BIGINT  PRIMARY KEY,
  game_id   TEXT    NOT NULL REFERENCES games (id),
  code      TEXT    NOT NULL REFERENCES price_codes (code),
  sold_at   TEXT    NOT NULL,
  sold_date TEXT    NOT NULL,
  quantity  INTEGER NOT NULL,
  price     DOUBLE PRECISION NOT NULL
);
CREATE TABLE inventory (
  row_no        BIGINT  PRIMARY KEY,
  game_id       TEXT    NOT NULL REFERENCES games (id),
  code          TEXT    NOT NULL REFERENCES price_codes (code),
  remaining     INTEGER NOT NULL,
  current_price DOUBLE PRECISION NOT NULL
);
CREATE TABLE listings (
  row_no        BIGINT  PRIMARY KEY,
  game_id       TEXT    NOT NULL REFERENCES games (id),
  code          TEXT             REFERENCES price_codes (code),
  observed_at   TEXT    NOT NULL,
  observed_date TEXT    NOT NULL,
  price         DOUBLE PRECISION NOT NULL,
  quantity      INTEGER NOT NULL,
  source        TEXT    NOT NULL
);
CREATE TABLE params (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  toml      TEXT    NOT NULL
);
CREATE TABLE imports (
  id               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  imported_at      TEXT    NOT NULL,
  seatsync_version TEXT    NOT NULL,
  games            BIGINT  NOT NULL,
  price_codes      BIGINT  NOT NULL,
  transactions     BIGINT  NOT NULL,
  inventory        BIGINT  NOT NULL,
  listings         BIGINT  NOT NULL
);
)sql";

constexpr std::string_view kInventoryObservedAt = R"sql(
ALTER TABLE inventory ADD COLUMN observed_at TEXT;
ALTER TABLE inventory ADD COLUMN observed_date TEXT;
)sql";

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
  revenue       DOUBLE PRECISION NOT NULL,
  price         DOUBLE PRECISION,
  recorded_at   TEXT    NOT NULL,
  PRIMARY KEY (experiment_id, event_id)
);
CREATE INDEX experiment_events_by_unit ON experiment_events (experiment_id, arm, unit);
)sql";

constexpr std::string_view kListingIdentity = R"sql(
ALTER TABLE listings ADD COLUMN listing_id TEXT NOT NULL DEFAULT '';
ALTER TABLE listings ADD COLUMN section TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::string_view kMarketStats = R"sql(
CREATE TABLE market_stats (
  row_no      BIGINT  PRIMARY KEY,
  game_id     TEXT    NOT NULL REFERENCES games (id),
  source      TEXT    NOT NULL,
  polled_at   TEXT    NOT NULL,
  polled_date TEXT    NOT NULL,
  count       BIGINT  NOT NULL,
  min DOUBLE PRECISION, p10 DOUBLE PRECISION, median DOUBLE PRECISION, mean DOUBLE PRECISION,
  p90 DOUBLE PRECISION, max DOUBLE PRECISION, sd DOUBLE PRECISION,
  tickets     BIGINT  NOT NULL,
  UNIQUE (game_id, source, polled_at)
);
)sql";

// Replicas of `seatsync serve` poll this row: a reload on one bumps the generation and the
// others follow (docs/scaling.md).
constexpr std::string_view kServiceReloads = R"sql(
CREATE TABLE service_reloads (
  singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
  generation   BIGINT  NOT NULL,
  requested_at TEXT    NOT NULL
);
)sql";

// The league's daily run: one job per team, claimed with FOR UPDATE SKIP LOCKED, held under a
// lease that a live worker extends; an expired lease makes the job claimable again.
constexpr std::string_view kLeagueJobs = R"sql(
CREATE TABLE league_jobs (
  id           BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  run          TEXT    NOT NULL,
  team         TEXT    NOT NULL,
  as_of        TEXT    NOT NULL,
  out_dir      TEXT    NOT NULL,
  status       TEXT    NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  worker       TEXT,
  lease_until  TIMESTAMPTZ,
  enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  started_at   TIMESTAMPTZ,
  finished_at  TIMESTAMPTZ,
  result       TEXT,
  error        TEXT,
  UNIQUE (run, team)
);
CREATE INDEX league_jobs_open ON league_jobs (id) WHERE status IN ('queued', 'running');
)sql";

// Descriptions are the SQLite list's, word for word: the two lists describe one schema.
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

}  // namespace seatsync::pg
