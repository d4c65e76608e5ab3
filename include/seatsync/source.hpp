#pragma once
// Every command reads its season data from either a CSV directory or a database.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync {

struct DataSource {
  std::optional<std::filesystem::path> data_dir;  // --data DIR
  std::optional<std::string> db;                  // --db FILE or --db postgresql://…
  CsvFormat csv;                                  // --delimiter, for --data
};

// The environment variable a --db location defaults to when neither --data nor --db is given.
inline constexpr const char* kDatabaseUrlVariable = "SEATSYNC_DATABASE_URL";

// Loads from whichever is set (exactly one must be). Throws ValidationError on bad data and
// std::invalid_argument when neither or both are set. Warnings (e.g. an unknown params.toml
// key) are returned in `warnings` when given.
Dataset load_dataset(const DataSource& source, std::vector<Diagnostic>* warnings = nullptr);

}  // namespace seatsync
