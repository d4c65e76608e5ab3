#pragma once
// Demand Matrices as text: a terminal table, long-format CSV and JSON. Observed cells are
// always distinguishable from completed ones.
#include <nlohmann/json.hpp>
#include <string>

#include "seatsync/completion.hpp"

namespace seatsync {

// One line per quantity (the transposed view: buckets fit across a terminal, quantities do
// not), observed cells marked with '*'. `completed` may be null: raw prices, '.' where missing.
std::string format_matrix_table(const DemandMatrix& raw, const CompletedMatrix* completed);
// Columns: bucket,days_from?,quantity,price,observed,games,orders — one row per cell.
std::string format_matrix_csv(const DemandMatrix& raw, const CompletedMatrix* completed);
nlohmann::json matrix_to_json(const DemandMatrix& raw, const CompletedMatrix* completed);

}  // namespace seatsync
