// An offline analysis of one metric over arms: each arm against the control, adjusted p-values.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

namespace {

std::size_t successes(const ArmValues& arm) {
  std::size_t count = 0;
  for (double v : arm.values) {
    if (v != 0.0 && v != 1.0)
      throw std::invalid_argument(fmt::format("arm '{}': a proportion's values must be 0 or 1, got {:g}", arm.name, v));
    count += v == 1.0 ? 1 : 0;
  }
  return count;
}

TestResult compare(const ArmValues& control, const ArmValues& variant, const SampleSummary& control_summary,
                   const SampleSummary& variant_summary, MetricKind kind, double alpha) {
  if (kind == MetricKind::proportion)
    return two_proportion_z_test(control.values.size(), successes(control), variant.values.size(), successes(variant),
                                 alpha);
  return welch_t_test(control_summary, variant_summary, alpha);
}

}  // namespace

Analysis analyze(const std::vector<ArmValues>& arms, const std::string& control, MetricKind kind, double alpha) {
  if (arms.size() < 2)
    throw std::invalid_argument("an A/B analysis needs at least 2 arms, got " + std::to_string(arms.size()));
  const auto control_it = std::find_if(arms.begin(), arms.end(), [&](const ArmValues& a) { return a.name == control; });
  if (control_it == arms.end()) {
    std::string names;
    for (const auto& a : arms) names += (names.empty() ? "" : ", ") + a.name;
    throw std::invalid_argument("control '" + control + "' is not an arm (arms: " + names + ")");
  }
  for (auto it = arms.begin(); it != arms.end(); ++it)
    if (std::find_if(arms.begin(), it, [&](const ArmValues& a) { return a.name == it->name; }) != it)
      throw std::invalid_argument("arm '" + it->name + "' is given twice");
  Analysis out;
  out.control = control;
  for (const auto& arm : arms) {
    if (kind == MetricKind::proportion) successes(arm);  // reject a non-0/1 value whichever arm holds it
    const std::size_t needed = kind == MetricKind::proportion ? 1 : 2;  // a standard deviation needs 2
    if (arm.values.size() < needed)
      throw std::invalid_argument(fmt::format("arm '{}' has {} value(s); {} needs at least {} per arm", arm.name,
                                              arm.values.size(),
                                              kind == MetricKind::proportion ? "the z-test" : "Welch's t-test", needed));
    out.arms.emplace_back(arm.name, summarize(arm.values));
  }
  const auto& control_summary = out.arms[static_cast<std::size_t>(control_it - arms.begin())].second;
  std::vector<double> p_values;
  for (std::size_t i = 0; i < arms.size(); ++i) {
    if (&arms[i] == &*control_it) continue;
    Comparison c;
    c.variant = arms[i].name;
    c.test = compare(*control_it, arms[i], control_summary, out.arms[i].second, kind, alpha);
    p_values.push_back(c.test.p_value);
    out.comparisons.push_back(std::move(c));
  }
  // Adjusted over the comparisons with the control: the family the experiment's decision rests on.
  const auto holm = holm_adjust(p_values), bh = benjamini_hochberg_adjust(p_values);
  for (std::size_t k = 0; k < out.comparisons.size(); ++k) {
    out.comparisons[k].p_holm = holm[k];
    out.comparisons[k].p_bh = bh[k];
  }
  return out;
}

}  // namespace seatsync::ab
