// What a --db location means: a PostgreSQL URL or a SQLite file, and how it may be shown.
#include <regex>

#include "seatsync/experiment_store.hpp"
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

std::unique_ptr<Store> open_store(const std::string& location) {
  return is_postgres_url(location) ? open_postgres_store(location) : open_sqlite_store(location);
}

std::unique_ptr<ExperimentStore> open_experiment_store(const std::string& location) {
  return is_postgres_url(location) ? open_postgres_experiment_store(location)
                                   : open_sqlite_experiment_store(location);
}

}  // namespace seatsync
