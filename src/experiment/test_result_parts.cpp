// The difference and the lift with their intervals, shared by every two-arm test.
#include "experiment/test_result_parts.hpp"

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace seatsync::ab::detail {

void check_probability(double value, const char* what) {
  if (!(value > 0.0 && value < 1.0))
    throw std::invalid_argument(fmt::format("{} must lie strictly between 0 and 1, got {:g}", what, value));
}

double normal_critical(double alpha) {
  check_probability(alpha, "alpha");
  return boost::math::quantile(boost::math::normal(), 1.0 - alpha / 2.0);
}

double normal_two_sided_p(double z) {
  if (std::isnan(z)) return std::numeric_limits<double>::quiet_NaN();
  if (std::isinf(z)) return 0.0;
  return 2.0 * boost::math::cdf(boost::math::complement(boost::math::normal(), std::abs(z)));
}

TestResult estimate(double control, double control_var, double variant, double variant_var, double critical) {
  TestResult r;
  r.control = control;
  r.variant = variant;
  r.difference = variant - control;
  const double half = critical * std::sqrt(control_var + variant_var);
  r.ci_low = r.difference - half;
  r.ci_high = r.difference + half;
  if (control == 0.0) {
    r.lift = r.lift_ci_low = r.lift_ci_high = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  r.lift = r.difference / control;
  // Var(v/c) ≈ Var(v)/c² + v²·Var(c)/c⁴ for independent arms (first-order Taylor expansion).
  const double c2 = control * control;
  const double lift_half = critical * std::sqrt(variant_var / c2 + variant * variant * control_var / (c2 * c2));
  r.lift_ci_low = r.lift - lift_half;
  r.lift_ci_high = r.lift + lift_half;
  return r;
}

}  // namespace seatsync::ab::detail
