#pragma once
// libpqxx connections for the PostgreSQL backend: opening one with errors that never show the
// password, and a small pool for code that runs on several threads (a pqxx::connection must
// not be used by two threads at once).
#include <pqxx/pqxx>

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace seatsync::pg {

// Connects to `url`. Throws std::runtime_error "PostgreSQL <redacted url>: <libpq's message>".
// A `schema=NAME` query parameter (store.hpp) is seatsync's, not libpq's: it is taken off the
// URL, the schema is created when missing and becomes the connection's search_path.
std::unique_ptr<pqxx::connection> connect(const std::string& url);

// The SQL taking transaction-scoped advisory lock `key` for the connection's current schema:
// teams in schemas of one database import and migrate without waiting for each other.
std::string advisory_lock_sql(long long key);

// Rethrows `error` (any pqxx or std exception) as std::runtime_error naming the redacted URL
// and `what`, with the password scrubbed from the message should libpq have echoed it.
[[noreturn]] void fail(const std::string& url, std::string_view what, const std::exception& error);

// Runs `body` and returns what it returns; a libpqxx error becomes fail(url, what, …), so it
// names the redacted URL. seatsync's own errors (bad rows, no dataset) pass through as they are.
template <typename Body>
auto guarded(const std::string& url, std::string_view what, Body&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const pqxx::failure& e) {
    fail(url, what, e);
  } catch (const pqxx::usage_error& e) {
    fail(url, what, e);
  }
}

// Advisory lock keys: one per kind of writer that must run alone across every process.
inline constexpr long long kMigrationLock = 0x5EA75C0001;
inline constexpr long long kImportLock = 0x5EA75C0002;

// A fixed-size set of connections handed out one caller at a time. Connections are opened
// lazily and `on_open` runs on each new one (e.g. to prepare statements). A connection that
// broke is dropped when returned, and the next acquire() opens a fresh one.
class ConnectionPool {
 public:
  using OnOpen = std::function<void(pqxx::connection&)>;
  ConnectionPool(std::string url, std::size_t size, OnOpen on_open = {});

  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<pqxx::connection> c) : pool_(&pool), c_(std::move(c)) {}
    Lease(Lease&& other) noexcept = default;
    ~Lease();
    pqxx::connection& operator*() const { return *c_; }
    pqxx::connection* operator->() const { return c_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> c_;
  };

  // Waits until a connection is free (or may be opened) and lends it.
  Lease acquire();
  const std::string& url() const { return url_; }

 private:
  void give_back(std::unique_ptr<pqxx::connection> c);

  std::string url_;
  std::size_t size_;
  OnOpen on_open_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  std::size_t lent_ = 0;
};

}  // namespace seatsync::pg
