#pragma once
// Thin RAII owners for the SQLite C API: a connection, a prepared statement and a
// transaction. Every failure becomes std::runtime_error naming the database file and
// SQLite's own message, so a user can tell *which* file is broken and *how*.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace seatsync::sqlite {

class Connection {
 public:
  // Opens (creating if needed) `file` for reading and writing.
  explicit Connection(const std::filesystem::path& file);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Runs one or more statements that return no rows of interest.
  void exec(std::string_view sql);
  // Runs a statement returning a single text value (e.g. a PRAGMA); empty when no row.
  std::string query_text(std::string_view sql);

  const std::filesystem::path& file() const { return file_; }
  sqlite3* handle() const { return db_; }

  // Throws std::runtime_error "SQLite database FILE: WHAT: <SQLite's message>".
  [[noreturn]] void fail(std::string_view what) const;

 private:
  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
};

// A prepared statement, meant to be reused: bind, run or step, and it resets itself.
// Text is bound without copying, so bound strings must outlive the step that uses them.
class Statement {
 public:
  Statement(Connection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQL.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view value);
  Statement& bind_null(int index);

  // Executes a statement that returns no rows, then resets it for the next use.
  void run();
  // Advances to the next result row; false (and reset) when there are no more.
  bool step();

  // Columns are 0-based, as in the SQLite C API.
  std::int64_t column_int(int index) const;
  double column_double(int index) const;
  std::string_view column_text(int index) const;
  bool column_is_null(int index) const;

 private:
  void reset();
  [[noreturn]] void fail_step();
  Connection& connection_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN … COMMIT; rolls back when destroyed uncommitted, so an exception anywhere in
// between leaves the database as it was.
class ScopedTransaction {
 public:
  // Read: BEGIN, a snapshot of the last commit. Write: BEGIN IMMEDIATE, which takes the
  // write lock up front, so a writer waits (busy timeout) at BEGIN instead of failing
  // halfway when another process also writes.
  enum class Kind { Read, Write };
  ScopedTransaction(Connection& connection, Kind kind);
  ~ScopedTransaction();
  ScopedTransaction(const ScopedTransaction&) = delete;
  ScopedTransaction& operator=(const ScopedTransaction&) = delete;

  void commit();

 private:
  Connection& connection_;
  bool open_ = true;
};

// How every store opens its database: a busy timeout, WAL, foreign keys on.
void configure_store_connection(Connection& db);

}  // namespace seatsync::sqlite
