#pragma once
// Any CSV file as a Table: one column is the target, one may be a time column, and every
// other column (not dropped) becomes a feature.
#include <string>
#include <vector>

#include "seatsync/tabular.hpp"

namespace seatsync {

struct TabularCsvOptions {
  std::string time_column;               // YYYY-MM-DD or date-time → Table::time; not a feature
  std::vector<std::string> categorical;  // forced categorical even when every value is numeric
  std::vector<std::string> drop;         // ignored entirely (e.g. leakage columns)
  // Besides the empty field, these values mean "missing" (NA/NULL are common in exports).
  std::vector<std::string> missing_values = {"NA", "NULL"};
};

// A column is numeric when every non-missing value parses as a number, else categorical
// (codes follow the sorted labels). Problems are reported as FILE:LINE: COLUMN: message in a
// ValidationError (exit 2): empty file, unknown target/time/categorical/drop column, a
// missing or non-numeric target, an unparseable time.
Table read_tabular_csv(const std::string& path, const std::string& target, const TabularCsvOptions& options = {});
// The same, from text already in memory (`label` names it in messages).
Table parse_tabular_csv(const std::string& text, const std::string& label, const std::string& target,
                        const TabularCsvOptions& options = {});

}  // namespace seatsync
