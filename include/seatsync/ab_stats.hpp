#pragma once
// The statistics of an A/B test, free of I/O: the tests a data scientist expects (two-proportion
// z, Welch's t, the delta method for ratio metrics), the sample-ratio-mismatch check, multiple-
// comparison adjustments, always-valid (sequential) inference, and sample size / power / MDE.
// Every distribution comes from Boost.Math. All tests are two-sided; `alpha` sets the
// confidence level (1 − alpha) of every interval returned with them.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace seatsync::ab {

// n, mean and sample standard deviation (n − 1 in the denominator; 0 when n < 2).
struct SampleSummary {
  std::size_t n = 0;
  double mean = 0.0, sd = 0.0;
};
SampleSummary summarize(std::span<const double> values);

// A ratio metric Σy / Σx over units (revenue / tickets = average price; bookings / quotes =
// conversion when the randomisation unit holds many quotes): the per-unit moments the delta
// method needs. Variances and covariance are sample (n − 1) ones.
struct RatioSummary {
  std::size_t n = 0;
  double mean_x = 0.0, mean_y = 0.0, var_x = 0.0, var_y = 0.0, cov_xy = 0.0;
  double ratio() const { return mean_y / mean_x; }
};
RatioSummary summarize_ratio(std::span<const double> x, std::span<const double> y);

// Variant against control.
struct TestResult {
  double control = 0.0, variant = 0.0;  // the metric's value in each arm
  double difference = 0.0;              // variant − control
  double lift = 0.0;                    // difference / control; NaN when control is 0
  double ci_low = 0.0, ci_high = 0.0;   // for the difference
  double lift_ci_low = 0.0, lift_ci_high = 0.0;  // for the lift (delta method on variant / control)
  double statistic = 0.0;               // z or t
  std::optional<double> df;             // Welch–Satterthwaite; t-tests only
  double p_value = 1.0;
};

// Pooled standard error for the test statistic, unpooled for the interval. Throws
// std::invalid_argument when an arm has n = 0 or x > n.
TestResult two_proportion_z_test(std::size_t control_n, std::size_t control_successes, std::size_t variant_n,
                                 std::size_t variant_successes, double alpha = 0.05);
// Welch's unequal-variance t-test, df by Welch–Satterthwaite, Student's t from Boost.Math.
// Throws std::invalid_argument when an arm has n < 2.
TestResult welch_t_test(const SampleSummary& control, const SampleSummary& variant, double alpha = 0.05);
// Ratio metrics: the delta-method variance of Σy/Σx per arm, independent arms, normal reference.
// Throws std::invalid_argument when an arm has n < 2 or its denominators sum to 0.
TestResult ratio_delta_test(const RatioSummary& control, const RatioSummary& variant, double alpha = 0.05);

// Sample-ratio mismatch: Pearson's chi-square of observed units per arm against the planned
// shares (which need not sum to 1: they are normalised), df = arms − 1.
struct SrmResult {
  double chi_square = 0.0, p_value = 1.0;
  std::size_t df = 0;
  bool mismatch = false;  // p_value < threshold
};
SrmResult sample_ratio_mismatch(std::span<const std::size_t> observed, std::span<const double> planned_shares,
                                double threshold = 0.001);

// Adjusted p-values, in the input's order: Holm's step-down (family-wise error) and
// Benjamini–Hochberg's step-up (false discovery rate), each monotone and capped at 1.
std::vector<double> holm_adjust(std::span<const double> p_values);
std::vector<double> benjamini_hochberg_adjust(std::span<const double> p_values);

// Always-valid inference by the normal-mixture sequential probability ratio test (Johari, Pekelis
// & Walsh, "Always valid inference", 2017/2022; Robbins' normal mixture): for an estimate with
// standard error `se` and a mixing variance tau² on the true difference, an always-valid p-value
// and a confidence sequence — looking after every new observation does not inflate the error
// rate. `tau` defaults to a scale the caller chooses (e.g. the minimum detectable effect).
// Each call judges one look; over a sequence of looks the always-valid p-value is the running
// minimum of these p-values and the confidence sequence the running intersection of these
// intervals (stopping at the first p ≤ alpha is the same test). Throws std::invalid_argument
// unless se > 0 and tau > 0.
struct SequentialResult {
  double p_value = 1.0;
  double ci_low = 0.0, ci_high = 0.0;
};
SequentialResult mixture_sequential_test(double difference, double se, double tau, double alpha = 0.05);

// Two proportions, two-sided, normal approximation with the unpooled variance under the
// alternative (as common online calculators): per-arm n to detect `mde` (absolute; relative to
// `baseline` when `relative`) at `alpha` with `power`; the power of a given n; the MDE of a
// given n. Throw std::invalid_argument on a baseline outside (0, 1) or a target outside it.
struct SampleSizeQuery {
  double baseline = 0.0, mde = 0.0;
  bool relative = false;
  double alpha = 0.05, power = 0.8;
};
std::size_t sample_size_per_arm(const SampleSizeQuery& query);
double power_at(const SampleSizeQuery& query, std::size_t n_per_arm);          // query.power unused
double minimum_detectable_effect(const SampleSizeQuery& query, std::size_t n_per_arm);  // absolute; query.mde unused
// n = ⌈(z_{1−α/2}·√(2p̄(1−p̄)) + z_{power}·√(p1(1−p1) + p2(1−p2)))² / δ²⌉ with p1 = baseline,
// p2 = p1 + δ, p̄ = (p1 + p2)/2: the null's variance at the mean rate, the alternative's unpooled
// (statsmodels' samplesize_proportions_2indep_onetail at alpha/2; Evan Miller's calculator
// takes p1 for p̄). power_at counts both rejection regions (statsmodels'
// power_proportions_2indep), so power_at(sample_size_per_arm(q)) ≥ q.power. The MDE is the
// smallest increase δ > 0 reaching query.power; infinity when no target rate below 1 does.
// Means (Welch, normal approximation): per-arm n to detect `mde` with standard deviation `sd`.
std::size_t sample_size_per_arm_means(double sd, double mde, double alpha = 0.05, double power = 0.8);
// Days until `units` are enrolled at `units_per_day` (rounded up); e.g. every arm's n at the
// observed daily traffic of the experiment.
std::size_t days_needed(std::size_t units, double units_per_day);

// An offline analysis of one metric over arms: each arm's values (0/1 for a proportion), one
// comparison per non-control arm, p-values adjusted over those comparisons.
enum class MetricKind { mean, proportion };
struct ArmValues {
  std::string name;
  std::vector<double> values;
};
struct Comparison {
  std::string variant;
  TestResult test;
  double p_holm = 1.0, p_bh = 1.0;
};
struct Analysis {
  std::vector<std::pair<std::string, SampleSummary>> arms;  // in input order
  std::string control;
  std::vector<Comparison> comparisons;  // every other arm against the control
};
// Throws std::invalid_argument when `control` is not an arm, fewer than two arms are given, or a
// proportion's value is not 0 or 1.
Analysis analyze(const std::vector<ArmValues>& arms, const std::string& control, MetricKind kind, double alpha = 0.05);

}  // namespace seatsync::ab
