// Sample size, power and minimum detectable effect of a two-sided test of two proportions, and
// the sample size of a test of two means.
#include <boost/math/distributions/normal.hpp>
#include <boost/math/tools/roots.hpp>
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "experiment/test_result_parts.hpp"
#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

namespace {

// Control rate p1, variant rate p2 = p1 + δ, and the two standard deviations of one unit's
// contribution to the difference: under H0 at the mean rate p̄ (as the pooled z-test computes
// it), under the alternative with each arm's own rate (the unpooled variance).
struct Alternative {
  double p1 = 0.0, p2 = 0.0, delta = 0.0;
  double sd_null = 0.0, sd_alternative = 0.0;
};

Alternative alternative(double baseline, double delta) {
  if (!(baseline > 0.0 && baseline < 1.0))
    throw std::invalid_argument(
        fmt::format("sample size: the baseline rate must lie strictly between 0 and 1, got {:g}", baseline));
  if (!(delta != 0.0 && std::isfinite(delta)))
    throw std::invalid_argument("sample size: the minimum detectable effect must be a non-zero number");
  Alternative a;
  a.p1 = baseline;
  a.p2 = baseline + delta;
  a.delta = delta;
  if (!(a.p2 > 0.0 && a.p2 < 1.0))
    throw std::invalid_argument(
        fmt::format("sample size: the target rate baseline + effect = {:g} must lie strictly between 0 and 1", a.p2));
  const double mean = (a.p1 + a.p2) / 2.0;
  a.sd_null = std::sqrt(2.0 * mean * (1.0 - mean));
  a.sd_alternative = std::sqrt(a.p1 * (1.0 - a.p1) + a.p2 * (1.0 - a.p2));
  return a;
}

double absolute_effect(const SampleSizeQuery& q) { return q.relative ? q.baseline * q.mde : q.mde; }

// Both rejection regions count: the far one (significant with the wrong sign) matters only at
// low power, and counting it matches statsmodels' power_proportions_2indep.
double power_of(const Alternative& a, double n, double alpha) {
  const boost::math::normal z;
  const double shift = std::abs(a.delta) * std::sqrt(n), critical = detail::normal_critical(alpha) * a.sd_null;
  return boost::math::cdf(z, (shift - critical) / a.sd_alternative) +
         boost::math::cdf(z, (-shift - critical) / a.sd_alternative);
}

}  // namespace

// n = (z_{1−α/2}·√(2p̄(1−p̄)) + z_{power}·√(p1(1−p1) + p2(1−p2)))² / δ², rounded up: the near
// rejection region alone reaches the power, so power_at(n) ≥ power.
std::size_t sample_size_per_arm(const SampleSizeQuery& query) {
  const Alternative a = alternative(query.baseline, absolute_effect(query));
  detail::check_probability(query.power, "power");
  const double z_power = boost::math::quantile(boost::math::normal(), query.power);
  const double root = detail::normal_critical(query.alpha) * a.sd_null + z_power * a.sd_alternative;
  return static_cast<std::size_t>(std::ceil(root * root / (a.delta * a.delta)));
}

double power_at(const SampleSizeQuery& query, std::size_t n_per_arm) {
  if (n_per_arm == 0) throw std::invalid_argument("power: the sample size per arm must be at least 1");
  return power_of(alternative(query.baseline, absolute_effect(query)), static_cast<double>(n_per_arm), query.alpha);
}

// The smallest increase δ > 0 that n units per arm detect with the query's power: power grows
// with δ, so bisection finds it. Infinity when not even a target rate next to 1 is detected.
double minimum_detectable_effect(const SampleSizeQuery& query, std::size_t n_per_arm) {
  if (n_per_arm == 0) throw std::invalid_argument("minimum detectable effect: the sample size per arm must be at least 1");
  detail::check_probability(query.power, "power");
  const double n = static_cast<double>(n_per_arm);
  const auto shortfall = [&](double delta) { return power_of(alternative(query.baseline, delta), n, query.alpha) - query.power; };
  const double lowest = 1e-12, highest = (1.0 - query.baseline) * (1.0 - 1e-12);
  if (shortfall(highest) < 0.0) return std::numeric_limits<double>::infinity();
  if (shortfall(lowest) >= 0.0) return lowest;
  const auto [low, high] = boost::math::tools::bisect(shortfall, lowest, highest,
                                                       boost::math::tools::eps_tolerance<double>(40));
  return high;  // the side at which the power is reached
}

// n = 2·sd²·(z_{1−α/2} + z_{power})² / δ²: the normal approximation to Welch's test with equal
// standard deviations in both arms.
std::size_t sample_size_per_arm_means(double sd, double mde, double alpha, double power) {
  if (!(sd > 0.0 && std::isfinite(sd)))
    throw std::invalid_argument("sample size: the standard deviation must be a positive number");
  if (!(mde != 0.0 && std::isfinite(mde)))
    throw std::invalid_argument("sample size: the minimum detectable effect must be a non-zero number");
  detail::check_probability(power, "power");
  const double root = detail::normal_critical(alpha) + boost::math::quantile(boost::math::normal(), power);
  return static_cast<std::size_t>(std::ceil(2.0 * sd * sd * root * root / (mde * mde)));
}

std::size_t days_needed(std::size_t units, double units_per_day) {
  if (!(units_per_day > 0.0 && std::isfinite(units_per_day)))
    throw std::invalid_argument("days needed: the traffic must be a positive number of units per day");
  return static_cast<std::size_t>(std::ceil(static_cast<double>(units) / units_per_day));
}

}  // namespace seatsync::ab
