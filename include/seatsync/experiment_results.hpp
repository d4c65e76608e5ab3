#pragma once
// An experiment read out from its events: per arm seed 003's numbers (count of quotes,
// bookings, conversion rate, average price, revenue per quote, total revenue), every variant
// against the control on each metric with the test that fits how the data were randomised, the
// sample-ratio check, adjusted p-values, guardrails and the days still needed.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "seatsync/ab_stats.hpp"
#include "seatsync/experiment.hpp"
#include "seatsync/experiment_store.hpp"

namespace seatsync {

struct ArmTotals {
  std::string name;
  double planned_share = 0.0;
  long long units = 0, quotes = 0, bookings = 0, tickets = 0;
  double revenue = 0.0;
  double conversion_rate() const;    // bookings / quotes
  double average_price() const;      // revenue / tickets
  double revenue_per_quote() const;  // revenue / quotes
};

struct MetricComparison {
  std::string metric, variant;
  // "two_proportion_z" / "welch_t" when every unit saw one quote (units are quotes), else
  // "delta_ratio": the metric is a ratio of per-unit sums, and quotes within a unit are not
  // independent, so their variance is the delta method's over units.
  std::string method;
  ab::TestResult test;
  double p_adjusted = 1.0;  // Holm over the variants (the primary metric; = p_value otherwise)
  double p_bh = 1.0;        // Benjamini–Hochberg over the variants
  std::optional<ab::SequentialResult> sequential;  // when the experiment is sequential
};

struct ExperimentResults {
  std::string experiment_id, status, control, primary_metric;
  double alpha = 0.05;
  std::vector<ArmTotals> arms;
  std::vector<MetricComparison> comparisons;  // per metric, per variant
  std::vector<std::string> notes;             // comparisons left out and why
  ab::SrmResult srm;
  bool is_significant = false;                // the primary metric, some variant, adjusted, no SRM
  struct Guardrail {
    std::string metric, variant;
    bool violated = false;  // significantly worse than the control
    double p_value = 1.0;
  };
  std::vector<Guardrail> guardrails;
  // Conversion: the per-arm quotes needed for the experiment's MDE at the control's rate, and
  // the days to get there at the traffic seen so far.
  struct Power {
    double baseline = 0.0, mde_relative = 0.0;
    std::optional<std::size_t> n_per_arm_needed, days_needed;
    long long n_per_arm_now = 0;
  };
  std::optional<Power> power;
};

ExperimentResults analyze_experiment(const Experiment& experiment, const std::vector<UnitTotals>& units);
// Seed 003's shape ({"experiment_id", "<arm>": {...}, "lift", "significance"}) and the rest.
nlohmann::json results_to_json(const ExperimentResults& results);

}  // namespace seatsync
