#pragma once
// Any CSV file as the arms of an A/B test: one column names each row's arm, another holds its
// metric value (0/1 for a proportion). Arms come in the order they first appear in the file.
#include <string>
#include <vector>

#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

struct ArmCsvOptions {
  std::string variant_column, metric_column;
  MetricKind kind = MetricKind::mean;
  std::string control;   // when set, must name an arm in the file
  char delimiter = ',';  // with ';' a value may also be written with a decimal comma ("12,50")
};

// Every problem is reported as FILE:LINE: COLUMN: message in a ValidationError (exit 2): an
// empty file, a missing column, an empty arm name or metric value, a metric that is not a
// number (or, for a proportion, not 0 or 1), fewer than two arms, an unknown control.
std::vector<ArmValues> read_arm_values_csv(const std::string& path, const ArmCsvOptions& options);
// The same, from text already in memory (`label` names it in messages).
std::vector<ArmValues> parse_arm_values_csv(const std::string& text, const std::string& label,
                                            const ArmCsvOptions& options);

}  // namespace seatsync::ab
