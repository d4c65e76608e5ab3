// Welch's unequal-variance t-test with Welch–Satterthwaite degrees of freedom.
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "experiment/test_result_parts.hpp"
#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

TestResult welch_t_test(const SampleSummary& control, const SampleSummary& variant, double alpha) {
  for (const auto* arm : {&control, &variant})
    if (arm->n < 2)
      throw std::invalid_argument(std::string("Welch's t-test: the ") + (arm == &control ? "control" : "variant") +
                                  " arm has " + std::to_string(arm->n) + " unit(s); it needs at least 2");
  detail::check_probability(alpha, "alpha");
  const double nc = static_cast<double>(control.n), nv = static_cast<double>(variant.n);
  const double vc = control.sd * control.sd / nc, vv = variant.sd * variant.sd / nv;  // squared standard errors
  // Values near 1e154 or beyond overflow the variance (fuzz_ab_csv found a 4e91 that did, squared
  // twice in ν): refused by name rather than passed to Boost as an undefined df.
  for (const auto* arm : {&control, &variant}) {
    const double v = arm == &control ? vc : vv;
    if (!std::isfinite(arm->mean) || !std::isfinite(v) || !std::isfinite(v * v))
      throw std::invalid_argument(std::string("Welch's t-test: the ") + (arm == &control ? "control" : "variant") +
                                  " arm's values are too large for their variance to be computed");
  }
  // ν = (vc + vv)² / (vc²/(nc − 1) + vv²/(nv − 1)); with no spread in either arm it is undefined,
  // and the pooled df (nc + nv − 2) is the natural limit to report.
  const double denominator = vc * vc / (nc - 1.0) + vv * vv / (nv - 1.0);
  const double df = denominator > 0.0 ? (vc + vv) * (vc + vv) / denominator : nc + nv - 2.0;
  const boost::math::students_t t_dist(df);
  TestResult r = detail::estimate(control.mean, vc, variant.mean, vv, boost::math::quantile(t_dist, 1.0 - alpha / 2.0));
  r.df = df;
  const double se = std::sqrt(vc + vv);
  if (se > 0.0) {
    r.statistic = r.difference / se;
    r.p_value = 2.0 * boost::math::cdf(boost::math::complement(t_dist, std::abs(r.statistic)));
  } else {
    // Constant arms: equal means are no evidence, different ones are certain.
    r.statistic = r.difference == 0.0 ? 0.0 : std::copysign(std::numeric_limits<double>::infinity(), r.difference);
    r.p_value = r.difference == 0.0 ? 1.0 : 0.0;
  }
  return r;
}

}  // namespace seatsync::ab
