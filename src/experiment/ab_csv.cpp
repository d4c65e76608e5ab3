// A CSV file as the arms of an A/B test, every problem pinned to FILE:LINE: COLUMN.
#include "seatsync/ab_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "data/csv.hpp"
#include "seatsync/diagnostics.hpp"

namespace seatsync::ab {

namespace {

std::string trimmed(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::optional<std::size_t> column(const csv::Table& table, const std::string& name, const char* role, Diagnostics& diag) {
  const auto it = std::find(table.header.begin(), table.header.end(), name);
  if (it != table.header.end()) return static_cast<std::size_t>(it - table.header.begin());
  diag.error(table.file, 1, name, std::string(role) + " column '" + name + "' is not in the header (columns: " +
                                      joined(table.header) + ")");
  return std::nullopt;
}

// A row's metric: a number, and 0 or 1 for a proportion; nullopt (reported) otherwise.
std::optional<double> metric_value(const std::string& text, const std::string& label, std::size_t line,
                                   const ArmCsvOptions& options, Diagnostics& diag) {
  const std::string shown = trimmed(text);
  if (shown.empty()) {
    diag.error(label, line, options.metric_column, "the metric value is empty");
    return std::nullopt;
  }
  const auto value = csv::parse_number(text, label, line, options.metric_column, diag, options.delimiter == ';');
  if (!value || options.kind != MetricKind::proportion || *value == 0.0 || *value == 1.0) return value;
  diag.error(label, line, options.metric_column, fmt::format("'{}' is not 0 or 1 (a proportion's values are 0 or 1)", shown));
  return std::nullopt;
}

}  // namespace

std::vector<ArmValues> parse_arm_values_csv(const std::string& text, const std::string& label,
                                            const ArmCsvOptions& options) {
  Diagnostics diag(20);  // a wrong column would otherwise be reported on every row
  const csv::Table table = csv::parse(text, label, diag, options.delimiter);
  if (table.header.empty() || table.records.empty()) {
    diag.error(label, 0, "-", table.header.empty() ? "the file is empty" : "the file has a header but no data rows");
    diag.throw_if_errors();
  }
  const auto variant_pos = column(table, options.variant_column, "variant", diag);
  const auto metric_pos = column(table, options.metric_column, "metric", diag);
  diag.throw_if_errors();

  std::vector<ArmValues> arms;
  for (const auto& record : table.records) {
    const std::string name = trimmed(record.fields[*variant_pos]);
    const std::string& text_value = record.fields[*metric_pos];
    if (name.empty()) diag.error(label, record.line, options.variant_column, "the arm name is empty");
    const std::optional<double> value = metric_value(text_value, label, record.line, options, diag);
    if (diag.full()) break;
    if (name.empty() || !value) continue;
    auto arm = std::find_if(arms.begin(), arms.end(), [&](const ArmValues& a) { return a.name == name; });
    if (arm == arms.end()) arm = arms.insert(arms.end(), ArmValues{name, {}});
    arm->values.push_back(*value);
  }
  if (!diag.has_errors()) {
    std::vector<std::string> names;
    for (const auto& a : arms) names.push_back(a.name);
    if (arms.size() < 2)
      diag.error(label, 0, options.variant_column,
                 "only one arm ('" + joined(names) + "') in the file; a comparison needs at least 2");
    else if (!options.control.empty() && std::find(names.begin(), names.end(), options.control) == names.end())
      diag.error(label, 0, options.variant_column,
                 "the control '" + options.control + "' is not an arm in the file (arms: " + joined(names) + ")");
  }
  diag.throw_if_errors();
  return arms;
}

std::vector<ArmValues> read_arm_values_csv(const std::string& path, const ArmCsvOptions& options) {
  const auto text = csv::read_text_file(path);
  if (!text) throw std::invalid_argument(path + ": cannot open file");
  return parse_arm_values_csv(*text, path, options);
}

}  // namespace seatsync::ab
