#include "seatsync/source.hpp"

#include <stdexcept>

#include "seatsync/season_io.hpp"
#include "seatsync/store.hpp"

namespace seatsync {

Dataset load_dataset(const DataSource& source, std::vector<Diagnostic>* warnings) {
  if (source.data_dir.has_value() == source.db_file.has_value())
    throw std::invalid_argument("give exactly one of --data DIR or --db FILE");
  if (source.data_dir) return load_season_dir(*source.data_dir, warnings, source.csv);
  if (!std::filesystem::exists(*source.db_file))
    throw std::invalid_argument("database " + source.db_file->string() + " does not exist (create it with `seatsync import`)");
  return open_sqlite_store(*source.db_file)->load(warnings);
}

}  // namespace seatsync
