#pragma once
// Datasets and inspection helpers shared by the store tests.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "dataset_compare.hpp"
#include "seatsync/dataset.hpp"

namespace seatsync::test {

// A small, valid dataset touching every field: several games, codes and date-time sales,
// inventory, listings with and without a price code, awkward floats, and a params.toml
// that redefines the buckets, tiers and groups. `params` is parsed from `params_toml`.
Dataset sample_dataset();

// A different valid dataset (other ids, fewer rows, no params text), to replace the sample.
Dataset other_dataset();

// A valid synthetic season with `transactions` orders spread over 40 games and 20 codes.
Dataset synthetic_dataset(std::size_t transactions);

// Every row of the dataset tables of a database file, read with the raw SQLite API,
// one string per row; REALs are printed exactly (hex float).
std::vector<std::string> dump_dataset_tables(const std::filesystem::path& db);

// Runs `sql` on its own connection and returns the first column of each row as text
// ("NULL" for NULL).
std::vector<std::string> query_column(const std::filesystem::path& db, const std::string& sql);

// Runs `sql` (no result rows wanted) on its own connection; throws on error.
void execute_sql(const std::filesystem::path& db, const std::string& sql);

}  // namespace seatsync::test
