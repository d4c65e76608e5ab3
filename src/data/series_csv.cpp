#include "seatsync/series_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "csv.hpp"

namespace seatsync {
namespace {

struct DatedValue {
  Date date;
  double value;  // unset (0) on a future row
  std::size_t line;
  bool future;  // dated after `until`: only its regressors are read
  std::vector<double> regressors;
};

std::string in_group(const std::string& group) { return group.empty() ? "" : " in group '" + group + "'"; }

// Rows as periods: the training rows in date order, then the first future_periods future rows.
void lay_out_rows(CsvSeries& series, const std::vector<DatedValue>& rows, const std::string& label,
                  const SeriesCsvOptions& options, Diagnostics& diag) {
  std::size_t future = 0;
  for (const auto& row : rows) {
    if (row.future && future == static_cast<std::size_t>(options.future_periods)) break;
    if (row.future) ++future;
    else series.values.push_back(row.value);
    for (std::size_t r = 0; r < row.regressors.size(); ++r) series.regressors[r].values.push_back(row.regressors[r]);
  }
  if (!options.regressor_columns.empty() && future < static_cast<std::size_t>(options.future_periods)) {
    diag.error(label, 0, options.regressor_columns.front(),
               fmt::format("{} row(s) after {}{}; the regressors need one per forecast period ({})", future,
                           options.until.str(), in_group(series.group), options.future_periods));
  }
}

// Days as periods: one value per day from the first row to `until`, regressors to the horizon.
void lay_out_days(CsvSeries& series, const std::vector<DatedValue>& rows, const std::string& label,
                  const SeriesCsvOptions& options, Diagnostics& diag) {
  const auto days = static_cast<std::size_t>(options.until - series.start + 1);
  const std::size_t span = days + static_cast<std::size_t>(options.regressor_columns.empty() ? 0 : options.future_periods);
  series.values.assign(days, 0.0);
  for (auto& r : series.regressors) r.values.assign(span, 0.0);
  std::vector<bool> seen(span, false);
  for (const auto& row : rows) {
    const auto day = static_cast<std::size_t>(row.date - series.start);
    if (day >= span) continue;
    if (seen[day]) {
      diag.error(label, row.line, options.date_column, fmt::format("{} appears twice{}", row.date.str(), in_group(series.group)));
    }
    seen[day] = true;
    if (!row.future) series.values[day] = row.value;
    for (std::size_t r = 0; r < row.regressors.size(); ++r) series.regressors[r].values[day] = row.regressors[r];
  }
  for (std::size_t day = 0; day < span; ++day) {
    if (seen[day]) continue;
    const std::string date = (series.start + static_cast<int>(day)).str();
    if (!options.regressor_columns.empty()) {
      diag.error(label, 0, options.regressor_columns.front(),
                 fmt::format("no row for {}{}: the regressors need a value for every training and forecast day", date,
                             in_group(series.group)));
      return;
    }
    if (!options.fill_missing_zero) {
      diag.error(label, 0, options.date_column,
                 fmt::format("no row for {}{} (use --fill-missing zero to count a missing day as 0)", date,
                             in_group(series.group)));
      return;
    }
  }
}

CsvSeries lay_out(const std::string& group, std::vector<DatedValue> rows, const std::string& label,
                  const SeriesCsvOptions& options, Diagnostics& diag) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  CsvSeries series{group, rows.front().date, {}, 0, {}};
  series.train_rows = static_cast<std::size_t>(std::count_if(rows.begin(), rows.end(), [](const auto& r) { return !r.future; }));
  for (const auto& name : options.regressor_columns) series.regressors.push_back({name, {}});
  if (options.rows_are_periods) lay_out_rows(series, rows, label, options, diag);
  else lay_out_days(series, rows, label, options, diag);
  return series;
}

}  // namespace

std::vector<CsvSeries> parse_series_csv(const std::string& text, const std::string& label,
                                        const SeriesCsvOptions& options) {
  Diagnostics diag;
  const csv::Table table = csv::parse(text, label, diag, options.delimiter);
  diag.throw_if_errors();
  if (table.header.empty()) {
    diag.error(label, 1, "-", "the file is empty (a header row is needed)");
    diag.throw_if_errors();
  }
  csv::Columns columns(table, diag);
  const auto date_at = columns.require(options.date_column);
  const auto value_at = columns.require(options.value_column);
  const auto group_at = options.group_column ? columns.require(*options.group_column) : std::nullopt;
  std::vector<std::optional<std::size_t>> regressor_at;
  for (const auto& name : options.regressor_columns) regressor_at.push_back(columns.require(name));
  diag.throw_if_errors();

  std::map<std::string, std::vector<DatedValue>> groups;
  std::optional<Date> latest;  // the last date of any row
  for (const auto& record : table.records) {
    if (diag.full()) break;
    const std::string& date_text = record.fields[*date_at];
    const auto date = parse_date_or_datetime(date_text);
    if (!date) {
      diag.error(label, record.line, options.date_column,
                 fmt::format("'{}' is not a date (YYYY-MM-DD or an ISO-8601 date-time)", date_text));
      continue;
    }
    if (!latest || *date > *latest) latest = *date;
    DatedValue row{*date, 0.0, record.line, *date > options.until, {}};
    // Future rows matter only for their regressors.
    if (row.future && options.regressor_columns.empty()) continue;
    bool ok = true;
    if (!row.future) {
      const auto value = csv::parse_number(record.fields[*value_at], label, record.line, options.value_column, diag);
      ok = value.has_value();
      if (value) row.value = *value;
    }
    for (std::size_t r = 0; r < regressor_at.size(); ++r) {
      const auto v = csv::parse_number(record.fields[*regressor_at[r]], label, record.line, options.regressor_columns[r], diag);
      ok = ok && v.has_value();
      row.regressors.push_back(v.value_or(0.0));
    }
    if (ok) groups[group_at ? record.fields[*group_at] : std::string()].push_back(std::move(row));
  }
  diag.throw_if_errors();
  // Zero-filling runs to `until` only inside what the file covers: a file that stops before it
  // says nothing about the days between (they are not sales of zero).
  if (!options.rows_are_periods && latest && *latest < options.until) {
    diag.error(label, 0, options.date_column,
               fmt::format("the data ends on {}, before --until {}: nothing is known about the days between",
                           latest->str(), options.until.str()));
    diag.throw_if_errors();
  }
  std::erase_if(groups, [](const auto& g) {
    return std::none_of(g.second.begin(), g.second.end(), [](const auto& r) { return !r.future; });
  });
  if (groups.empty()) {
    diag.error(label, 0, options.date_column, fmt::format("no row is dated on or before {}", options.until.str()));
    diag.throw_if_errors();
  }
  std::vector<CsvSeries> out;
  for (auto& [group, rows] : groups) out.push_back(lay_out(group, std::move(rows), label, options, diag));
  diag.throw_if_errors();
  return out;
}

std::vector<CsvSeries> read_series_csv(const std::string& path, const SeriesCsvOptions& options) {
  const auto text = csv::read_text_file(path);
  if (!text) throw std::invalid_argument(path + ": cannot open file");
  return parse_series_csv(*text, path, options);
}

}  // namespace seatsync
