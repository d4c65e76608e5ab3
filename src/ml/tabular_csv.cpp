// Generic CSV → Table: infers each column's kind, encodes categories, reads the time column.
#include "seatsync/tabular_csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "data/csv.hpp"
#include "seatsync/date.hpp"
#include "seatsync/diagnostics.hpp"

namespace seatsync {

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> to_number(std::string_view text) {
  const auto v = trim(text);
  double out = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc{} || ptr != v.data() + v.size() || !std::isfinite(out)) return std::nullopt;
  return out;
}

// Where each named option column sits in the header; unknown names are reported at line 1.
std::optional<std::size_t> find_column(const csv::Table& csv, const std::string& name, const std::string& role,
                                       Diagnostics& diag) {
  auto it = std::find(csv.header.begin(), csv.header.end(), name);
  if (it != csv.header.end()) return static_cast<std::size_t>(it - csv.header.begin());
  diag.error(csv.file, 1, name, role + " column '" + name + "' is not in the header");
  return std::nullopt;
}

struct FeatureSource {
  std::size_t position;
  FeatureColumn column;
  std::map<std::string, float> codes;  // categorical: label → code
};

}  // namespace

Table parse_tabular_csv(const std::string& text, const std::string& label, const std::string& target,
                        const TabularCsvOptions& options) {
  Diagnostics diag(20);  // a wrong --target would otherwise list every row
  const csv::Table csv = csv::parse(text, label, diag);
  if (csv.header.empty() || csv.records.empty()) {
    diag.error(label, 0, "-", csv.header.empty() ? "the file is empty" : "the file has a header but no data rows");
    diag.throw_if_errors();
  }
  const auto target_pos = find_column(csv, target, "target", diag);
  std::optional<std::size_t> time_pos;
  if (!options.time_column.empty()) time_pos = find_column(csv, options.time_column, "time", diag);
  std::set<std::size_t> forced_categorical, dropped;
  for (const auto& name : options.categorical)
    if (auto p = find_column(csv, name, "categorical", diag)) forced_categorical.insert(*p);
  for (const auto& name : options.drop)
    if (auto p = find_column(csv, name, "dropped", diag)) dropped.insert(*p);
  diag.throw_if_errors();

  const std::set<std::string> missing(options.missing_values.begin(), options.missing_values.end());
  auto is_missing = [&](const std::string& v) { return trim(v).empty() || missing.count(std::string(trim(v))); };

  // Every column left over is a feature: numeric when each non-missing value is a number.
  std::vector<FeatureSource> features;
  for (std::size_t c = 0; c < csv.header.size(); ++c) {
    if (c == *target_pos || (time_pos && c == *time_pos) || dropped.count(c)) continue;
    FeatureSource f{c, {}, {}};
    f.column.name = csv.header[c];
    f.column.categorical = forced_categorical.count(c) > 0;
    std::set<std::string> labels;
    for (const auto& r : csv.records) {
      const auto& v = r.fields[c];
      if (is_missing(v)) continue;
      labels.insert(std::string(trim(v)));
      if (!f.column.categorical && !to_number(v)) f.column.categorical = true;
    }
    if (f.column.categorical) {
      for (const auto& l : labels) {
        f.codes.emplace(l, static_cast<float>(f.column.categories.size()));
        f.column.categories.push_back(l);
      }
    }
    features.push_back(std::move(f));
  }

  Table table;
  for (const auto& f : features) table.columns.push_back(f.column);
  table.x.resize(static_cast<Eigen::Index>(csv.records.size()), static_cast<Eigen::Index>(features.size()));
  table.y.reserve(csv.records.size());
  for (std::size_t i = 0; i < csv.records.size(); ++i) {
    const auto& r = csv.records[i];
    const auto& y_text = r.fields[*target_pos];
    if (is_missing(y_text)) {
      diag.error(label, r.line, target, "the target is missing");
    } else if (auto y = to_number(y_text)) {
      table.y.push_back(static_cast<float>(*y));
    } else {
      diag.error(label, r.line, target, "target '" + y_text + "' is not a number");
    }
    if (time_pos) {
      if (auto d = parse_date_or_datetime(trim(r.fields[*time_pos])))
        table.time.push_back(d->days());
      else
        diag.error(label, r.line, options.time_column,
                   "'" + r.fields[*time_pos] + "' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS])");
    }
    if (diag.full()) break;
    for (std::size_t j = 0; j < features.size(); ++j) {
      const auto& v = r.fields[features[j].position];
      float value = kMissing;
      if (!is_missing(v))
        value = features[j].column.categorical ? features[j].codes.at(std::string(trim(v)))
                                               : static_cast<float>(*to_number(v));
      table.x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = value;
    }
  }
  diag.throw_if_errors();
  return table;
}

Table read_tabular_csv(const std::string& path, const std::string& target, const TabularCsvOptions& options) {
  const auto text = csv::read_text_file(path);
  if (!text) throw std::invalid_argument(path + ": cannot open file");
  return parse_tabular_csv(*text, path, target, options);
}

}  // namespace seatsync
