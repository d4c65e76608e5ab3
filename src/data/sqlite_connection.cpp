#include "data/sqlite_connection.hpp"

#include <sqlite3.h>

#include <chrono>
#include <climits>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace seatsync::sqlite {

namespace {
std::string error_text(const std::filesystem::path& file, std::string_view what, const char* detail) {
  std::string text = "SQLite database " + file.string() + ": " + std::string(what);
  if (detail && *detail) text += ": " + std::string(detail);
  return text;
}
}  // namespace

Connection::Connection(const std::filesystem::path& file) : file_(file) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    // SQLite hands back a handle even on failure; it carries the message and must be closed.
    std::string message = error_text(file, "cannot open", db_ ? sqlite3_errmsg(db_) : "out of memory");
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::runtime_error(message);
  }
  // Extended codes make messages such as "disk I/O error" more specific in the log.
  sqlite3_extended_result_codes(db_, 1);
}

Connection::~Connection() {
  // Every Statement is finalized before its Connection dies, so close cannot be busy.
  sqlite3_close(db_);
}

void Connection::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string detail = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    throw std::runtime_error(error_text(file_, text, detail.c_str()));
  }
}

std::string Connection::query_text(std::string_view sql) {
  Statement statement(*this, sql);
  if (!statement.step()) return {};
  std::string value(statement.column_text(0));
  while (statement.step()) {
  }
  return value;
}

void Connection::fail(std::string_view what) const {
  throw std::runtime_error(error_text(file_, what, sqlite3_errmsg(db_)));
}

Statement::Statement(Connection& connection, std::string_view sql) : connection_(connection) {
  if (sql.size() > static_cast<std::size_t>(INT_MAX)) throw std::length_error("SQL text too long");
  // PERSISTENT: these statements are reused for every row of a large import.
  if (sqlite3_prepare_v3(connection.handle(), sql.data(), static_cast<int>(sql.size()),
                         SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK) {
    connection.fail("cannot prepare \"" + std::string(sql) + "\"");
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(stmt_, index, value) != SQLITE_OK) connection_.fail("cannot bind an integer");
  return *this;
}

Statement& Statement::bind(int index, double value) {
  // A REAL is stored as the 8-byte IEEE double itself, so prices round-trip bit for bit.
  if (sqlite3_bind_double(stmt_, index, value) != SQLITE_OK) connection_.fail("cannot bind a number");
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  if (value.size() > static_cast<std::size_t>(INT_MAX)) throw std::length_error("text value too long");
  // STATIC (no copy): the caller's string lives until run()/step(), which is all SQLite needs.
  if (sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC) !=
      SQLITE_OK) {
    connection_.fail("cannot bind a text");
  }
  return *this;
}

Statement& Statement::bind_null(int index) {
  if (sqlite3_bind_null(stmt_, index) != SQLITE_OK) connection_.fail("cannot bind NULL");
  return *this;
}

void Statement::run() {
  const int rc = sqlite3_step(stmt_);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) fail_step();
  reset();
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    reset();
    return false;
  }
  fail_step();
}

void Statement::fail_step() {
  // Read the message before reset() so it describes this failure, not the reset.
  const std::string what = std::string("cannot execute \"") + sqlite3_sql(stmt_) + "\": " +
                           sqlite3_errmsg(connection_.handle());
  reset();
  throw std::runtime_error("SQLite database " + connection_.file().string() + ": " + what);
}

void Statement::reset() {
  // The step's error is already reported by the caller; reset only rearms the statement.
  sqlite3_reset(stmt_);
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(stmt_, index); }

double Statement::column_double(int index) const { return sqlite3_column_double(stmt_, index); }

std::string_view Statement::column_text(int index) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, index));
  if (!text) return {};
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, index))};
}

bool Statement::column_is_null(int index) const {
  return sqlite3_column_type(stmt_, index) == SQLITE_NULL;
}

ScopedTransaction::ScopedTransaction(Connection& connection, Kind kind) : connection_(connection) {
  connection_.exec(kind == Kind::Write ? "BEGIN IMMEDIATE" : "BEGIN");
}

ScopedTransaction::~ScopedTransaction() {
  // Some errors (a full disk, an I/O error) already rolled SQLite back; do not do it twice.
  if (open_ && !sqlite3_get_autocommit(connection_.handle())) {
    sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void ScopedTransaction::commit() {
  connection_.exec("COMMIT");
  open_ = false;
}

// How long a statement waits for another process's lock before failing with "database is
// locked": long enough to outlast an import of a large season, short enough to notice a hang.
constexpr int kBusyTimeoutMs = 10'000;

void configure_store_connection(Connection& db) {
  // First, so that even switching the journal mode waits for a busy database.
  db.exec("PRAGMA busy_timeout = " + std::to_string(kBusyTimeoutMs));
  // WAL: readers keep reading a consistent snapshot while an import writes, and a killed
  // writer leaves only uncommitted frames behind, which the next opener ignores.
  // The mode is stored in the file: once one opener has switched it, the others only read it.
  // Switching takes an exclusive lock that SQLite does not wait for through the busy handler, so
  // two processes opening a new file at once can see "database is locked": retry for as long as
  // the busy timeout would have waited.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  std::string mode = db.query_text("PRAGMA journal_mode");
  while (mode != "wal") {
    try {
      mode = db.query_text("PRAGMA journal_mode = WAL");
      if (mode != "wal") break;
    } catch (const std::runtime_error& e) {
      if (std::string_view(e.what()).find("locked") == std::string_view::npos ||
          std::chrono::steady_clock::now() >= give_up)
        throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  if (mode != "wal") {
    throw std::runtime_error("SQLite database " + db.file().string() +
                             ": cannot switch to WAL journal mode (is it on a network file system?)");
  }
  // SQLite checks foreign keys only when asked, per connection.
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace seatsync::sqlite
