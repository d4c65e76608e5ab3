#include "seatsync/source.hpp"

#include <stdexcept>

#include "seatsync/season_io.hpp"
#include "seatsync/store.hpp"

namespace seatsync {

Dataset load_dataset(const DataSource& source, std::vector<Diagnostic>* warnings) {
  if (source.data_dir.has_value() == source.db.has_value())
    throw std::invalid_argument("give exactly one of --data DIR or --db FILE|URL");
  if (source.data_dir) return load_season_dir(*source.data_dir, warnings, source.csv);
  // A mistyped path must not silently create an empty SQLite file.
  if (!is_postgres_url(*source.db) && !std::filesystem::exists(*source.db))
    throw std::invalid_argument("database " + *source.db + " does not exist (create it with `seatsync import`)");
  return open_store(*source.db)->load(warnings);
}

}  // namespace seatsync
