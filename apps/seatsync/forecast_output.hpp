#pragma once
// What `seatsync forecast --csv` prints: the forecasts of every series as JSON (the contract in
// docs/forecasting.md §2), CSV or a table.
#include <string>
#include <vector>

#include "seatsync/date.hpp"
#include "seatsync/forecast.hpp"
#include "seatsync/series_csv.hpp"

namespace seatsync::cli {

struct SeriesResult {
  const CsvSeries* series;
  Forecast forecast;
  double seconds;
};

// `dated`: days as periods, each step has a date after `until`; rows as periods: a step number only.
std::string render_forecasts_json(const std::vector<SeriesResult>& results, Date until, bool dated);
std::string render_forecasts_csv(const std::vector<SeriesResult>& results, Date until, bool dated);
std::string render_forecasts_table(const std::vector<SeriesResult>& results, Date until, bool dated);

}  // namespace seatsync::cli
