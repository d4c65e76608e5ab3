// What a --db location means: a PostgreSQL URL or a SQLite file, and how it may be shown.
#include <regex>
#include <stdexcept>

#include "seatsync/experiment_store.hpp"
#include "seatsync/reload_signal.hpp"
#include "seatsync/store.hpp"

namespace seatsync {

bool is_postgres_url(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string redact_location(std::string_view location) {
  if (!is_postgres_url(location)) return std::string(location);
  std::string url(location);
  // The userinfo's password: scheme://user:PASSWORD@host… (only before the path begins).
  const std::size_t authority = url.find("://") + 3;
  const std::size_t end = url.find_first_of("/?", authority);
  const std::size_t at = url.rfind('@', end == std::string::npos ? url.size() : end);
  if (at != std::string::npos && at > authority) {
    const std::size_t colon = url.find(':', authority);
    if (colon != std::string::npos && colon < at) url.replace(colon + 1, at - colon - 1, "***");
  }
  // libpq also takes the password as a query parameter.
  static const std::regex query_password(R"(([?&]password=)[^&]*)", std::regex::icase);
  return std::regex_replace(url, query_password, "$1***");
}

void check_schema_name(std::string_view name) {
  const bool ok = !name.empty() && name.size() <= 63 && !(name[0] >= '0' && name[0] <= '9') && !name.starts_with("pg_") &&
                  name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == std::string_view::npos;
  if (!ok)
    throw std::invalid_argument("schema \"" + std::string(name) +
                                "\": a schema name is 1 to 63 of a-z, 0-9 and _, not starting with a digit or pg_");
}

std::string postgres_url_with_schema(std::string_view url, std::string_view schema) {
  check_schema_name(schema);
  std::string out(url);
  static const std::regex existing(R"(([?&])schema=[^&]*&?)");
  out = std::regex_replace(out, existing, "$1");
  while (!out.empty() && (out.back() == '&' || out.back() == '?')) out.pop_back();
  return out + (out.find('?') == std::string::npos ? "?" : "&") + "schema=" + std::string(schema);
}

std::unique_ptr<Store> open_store(const std::string& location) {
  return is_postgres_url(location) ? open_postgres_store(location) : open_sqlite_store(location);
}

std::unique_ptr<ExperimentStore> open_experiment_store(const std::string& location) {
  return is_postgres_url(location) ? open_postgres_experiment_store(location)
                                   : open_sqlite_experiment_store(location);
}

}  // namespace seatsync

namespace seatsync {

std::unique_ptr<ReloadSignal> open_reload_signal(const std::string& location) {
  return is_postgres_url(location) ? open_postgres_reload_signal(location) : open_sqlite_reload_signal(location);
}

}  // namespace seatsync
