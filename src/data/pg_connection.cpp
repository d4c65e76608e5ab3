#include "data/pg_connection.hpp"

#include <stdexcept>

#include "seatsync/store.hpp"

namespace seatsync::pg {

namespace {

// The password as written in the URL (user:PASSWORD@ or ?password=), or "" when none is.
std::string password_of(const std::string& url) {
  const std::string redacted = redact_location(url);
  if (redacted == url) return {};
  // The first place the two differ is where the password starts; "***" replaced it.
  std::size_t start = 0;
  while (start < url.size() && url[start] == redacted[start]) ++start;
  const std::size_t tail = redacted.size() - (start + 3);
  return url.substr(start, url.size() - tail - start);
}

struct Target {
  std::string libpq_url;  // the URL without seatsync's own parameters
  std::string schema;     // "" = the server's default search_path
};

Target split_schema(const std::string& url) {
  Target t{url, {}};
  const std::size_t query = url.find('?');
  if (query == std::string::npos) return t;
  std::string kept;
  std::size_t start = query + 1;
  while (start <= url.size()) {
    std::size_t end = url.find('&', start);
    if (end == std::string::npos) end = url.size();
    const std::string param = url.substr(start, end - start);
    if (param.starts_with("schema=")) t.schema = param.substr(7);
    else if (!param.empty()) kept += (kept.empty() ? "" : "&") + param;
    start = end + 1;
  }
  t.libpq_url = url.substr(0, query) + (kept.empty() ? "" : "?" + kept);
  if (!t.schema.empty()) check_schema_name(t.schema);
  return t;
}

// One statement outside any transaction.
void run(pqxx::connection& c, const std::string& sql) {
  pqxx::nontransaction tx(c);
  tx.exec(sql);
}

}  // namespace

[[noreturn]] void fail(const std::string& url, std::string_view what, const std::exception& error) {
  std::string message = error.what();
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (const std::string password = password_of(url); !password.empty())
    for (std::size_t at; (at = message.find(password)) != std::string::npos;) message.replace(at, password.size(), "***");
  throw std::runtime_error("PostgreSQL " + redact_location(url) + ": " + std::string(what) + ": " + message);
}

std::unique_ptr<pqxx::connection> connect(const std::string& url) {
  const Target target = split_schema(url);
  try {
    auto c = std::make_unique<pqxx::connection>(target.libpq_url);
    // Notices such as "relation already exists, skipping" are not for the user's terminal.
    run(*c, "SET client_min_messages = warning");
    if (!target.schema.empty()) {
      // The name was checked to be a plain lower-case identifier, so quoting is enough. A
      // schema that exists takes no CREATE privilege; two first connections at once may both
      // try to create it, and the loser's duplicate error means the schema is there.
      const std::string quoted = "\"" + target.schema + "\"";
      bool exists = false;
      {
        pqxx::nontransaction look(*c);
        exists = !look.exec_params("SELECT 1 FROM pg_namespace WHERE nspname = $1", target.schema).empty();
      }
      if (!exists) {
        try {
          run(*c, "CREATE SCHEMA IF NOT EXISTS " + quoted);
        } catch (const pqxx::unique_violation&) {
        }
      }
      run(*c, "SET search_path TO " + quoted);
    }
    return c;
  } catch (const std::exception& e) {
    fail(url, "cannot connect", e);
  }
}

std::string advisory_lock_sql(long long key) {
  return "SELECT pg_advisory_xact_lock(" + std::to_string(key) + " # hashtext(current_schema())::bigint)";
}

ConnectionPool::ConnectionPool(std::string url, std::size_t size, OnOpen on_open)
    : url_(std::move(url)), size_(size == 0 ? 1 : size), on_open_(std::move(on_open)) {}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  freed_.wait(lock, [&] { return !idle_.empty() || lent_ < size_; });
  ++lent_;
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(c));
  }
  lock.unlock();  // connecting takes a round trip or more: not under the lock
  try {
    auto c = connect(url_);
    if (on_open_) on_open_(*c);
    return Lease(*this, std::move(c));
  } catch (...) {
    give_back(nullptr);
    throw;
  }
}

void ConnectionPool::give_back(std::unique_ptr<pqxx::connection> c) {
  {
    std::lock_guard lock(mutex_);
    --lent_;
    if (c && c->is_open()) idle_.push_back(std::move(c));
  }
  freed_.notify_one();
}

ConnectionPool::Lease::~Lease() {
  if (pool_ && c_) pool_->give_back(std::move(c_));
}

}  // namespace seatsync::pg
