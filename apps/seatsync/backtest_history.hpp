#pragma once
// How `seatsync backtest --from --to` prints its result: seed 003's table and the JSON.
#include <nlohmann/json.hpp>
#include <ostream>

#include "seatsync/historical_backtest.hpp"

namespace seatsync::cli {

void print_history_table(const HistoricalBacktestResult& result, std::ostream& out);
nlohmann::ordered_json history_json(const HistoricalBacktestResult& result);

}  // namespace seatsync::cli
