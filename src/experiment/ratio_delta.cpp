// Ratio metrics (Σy / Σx over randomisation units) by the delta method.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "experiment/test_result_parts.hpp"
#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

namespace {
// Var(ȳ/x̄) ≈ (var_y − 2R·cov + R²·var_x) / (n·x̄²), R = ȳ/x̄: the first-order expansion of the
// ratio of two means (Deng, Knoblich & Lu, "Applying the delta method in metric analytics", 2018).
// Units, not events, are independent: this is why a per-event t-test would understate it.
double ratio_variance(const RatioSummary& s, const char* arm) {
  if (s.n < 2)
    throw std::invalid_argument(std::string("ratio test: the ") + arm + " arm has " + std::to_string(s.n) +
                                " unit(s); it needs at least 2");
  if (!(s.mean_x != 0.0))
    throw std::invalid_argument(std::string("ratio test: the ") + arm + " arm's denominator sums to 0");
  const double r = s.ratio();
  const double v = (s.var_y - 2.0 * r * s.cov_xy + r * r * s.var_x) / (static_cast<double>(s.n) * s.mean_x * s.mean_x);
  return std::max(v, 0.0);  // rounding can leave a tiny negative for exactly proportional x and y
}
}  // namespace

TestResult ratio_delta_test(const RatioSummary& control, const RatioSummary& variant, double alpha) {
  const double vc = ratio_variance(control, "control"), vv = ratio_variance(variant, "variant");
  TestResult r = detail::estimate(control.ratio(), vc, variant.ratio(), vv, detail::normal_critical(alpha));
  const double se = std::sqrt(vc + vv);
  r.statistic = se > 0.0 ? r.difference / se : (r.difference == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), r.difference));
  r.p_value = detail::normal_two_sided_p(r.statistic);
  return r;
}

}  // namespace seatsync::ab
