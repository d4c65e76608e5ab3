#pragma once
// Daily series from any CSV: a date column, a value column and optionally a group column (one
// series per group). What `seatsync forecast --csv` reads.
#include <optional>
#include <string>
#include <vector>

#include "seatsync/date.hpp"

namespace seatsync {

struct SeriesCsvOptions {
  std::string date_column;                  // YYYY-MM-DD (a date-time keeps its calendar date)
  std::string value_column;                 // a number on every row
  std::optional<std::string> group_column;  // one series per distinct value; one series when unset
  Date until;                               // rows dated after it are not read into the series
  // Days with no row inside a series (and up to `until`, which the file must reach) are 0 —
  // right for counts. When false such a day is an error naming it.
  bool fill_missing_zero = true;
  // Each row is one period (a game, a week), in date order — rows of one date keep the file's
  // order — instead of one value per calendar day: no day is filled, a date may repeat.
  bool rows_are_periods = false;
  // Regressors: columns known for the training rows and for the `future_periods` after `until`
  // (the days after it, or the next rows); those future rows need no value.
  std::vector<std::string> regressor_columns;
  int future_periods = 0;
  char delimiter = ',';
};

struct CsvRegressor {
  std::string name;
  std::vector<double> values;  // one per training period, then one per future period
};

struct CsvSeries {
  std::string group;            // "" when there is no group column
  Date start;                   // the date of values[0]
  std::vector<double> values;   // one per day from start to `until` (or one per row)
  std::size_t train_rows = 0;   // rows of the file in this series (dated ≤ until)
  std::vector<CsvRegressor> regressors;  // in regressor_columns' order
};

// One series per group, ordered by group name. Problems are reported as FILE:LINE: COLUMN in a
// ValidationError (exit 2): unknown column, unparsable date or value, two rows with the same
// date in one series, a missing day without fill_missing_zero, a group with no row ≤ until, a
// file whose last date is before `until` (days mode), a regressor with no value for a training
// or future period.
std::vector<CsvSeries> read_series_csv(const std::string& path, const SeriesCsvOptions& options);
std::vector<CsvSeries> parse_series_csv(const std::string& text, const std::string& label,
                                        const SeriesCsvOptions& options);

}  // namespace seatsync
