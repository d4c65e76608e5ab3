#include "seatsync/series_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "csv.hpp"

namespace seatsync {
namespace {

struct DatedValue {
  Date date;
  double value;
  std::size_t line;
};

// The rows of one group, checked and laid out one value per day.
CsvSeries lay_out(const std::string& group, std::vector<DatedValue> rows, const std::string& label,
                  const SeriesCsvOptions& options, Diagnostics& diag) {
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
  CsvSeries series{group, rows.front().date, {}, rows.size()};
  if (options.rows_are_periods) {
    for (const auto& row : rows) series.values.push_back(row.value);
    return series;
  }
  series.values.assign(static_cast<std::size_t>(options.until - series.start + 1), 0.0);
  std::vector<bool> seen(series.values.size(), false);
  const std::string& date_column = options.date_column;
  for (const auto& row : rows) {
    const auto day = static_cast<std::size_t>(row.date - series.start);
    if (seen[day]) {
      diag.error(label, row.line, date_column,
                 fmt::format("{} appears twice{}", row.date.str(), group.empty() ? "" : " in group '" + group + "'"));
    }
    seen[day] = true;
    series.values[day] = row.value;
  }
  if (!options.fill_missing_zero) {
    for (std::size_t day = 0; day < seen.size(); ++day) {
      if (!seen[day]) {
        diag.error(label, 0, date_column,
                   fmt::format("no row for {}{} (use --fill-missing zero to count a missing day as 0)",
                               (series.start + static_cast<int>(day)).str(),
                               group.empty() ? "" : " in group '" + group + "'"));
        break;
      }
    }
  }
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
  diag.throw_if_errors();

  std::map<std::string, std::vector<DatedValue>> groups;
  for (const auto& record : table.records) {
    if (diag.full()) break;
    const std::string& date_text = record.fields[*date_at];
    const auto date = parse_date_or_datetime(date_text);
    if (!date) {
      diag.error(label, record.line, options.date_column,
                 fmt::format("'{}' is not a date (YYYY-MM-DD or an ISO-8601 date-time)", date_text));
      continue;
    }
    const auto value = csv::parse_number(record.fields[*value_at], label, record.line, options.value_column, diag);
    if (!value || *date > options.until) continue;
    groups[group_at ? record.fields[*group_at] : std::string()].push_back({*date, *value, record.line});
  }
  diag.throw_if_errors();
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
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_series_csv(text.str(), path, options);
}

}  // namespace seatsync
