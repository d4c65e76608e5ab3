// The two-proportion z-test: conversion of variant against control.
#include <cmath>
#include <stdexcept>
#include <string>

#include "experiment/test_result_parts.hpp"
#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

namespace {
void check_arm(std::size_t n, std::size_t successes, const char* arm) {
  if (n == 0) throw std::invalid_argument(std::string("two-proportion test: the ") + arm + " arm has no units");
  if (successes > n)
    throw std::invalid_argument(std::string("two-proportion test: the ") + arm + " arm has " +
                                std::to_string(successes) + " successes out of " + std::to_string(n));
}
}  // namespace

// The statistic uses the pooled rate, its variance under H0 (both arms convert alike); the
// interval is about the difference that is there, so it uses each arm's own rate.
TestResult two_proportion_z_test(std::size_t control_n, std::size_t control_successes, std::size_t variant_n,
                                 std::size_t variant_successes, double alpha) {
  check_arm(control_n, control_successes, "control");
  check_arm(variant_n, variant_successes, "variant");
  const double nc = static_cast<double>(control_n), nv = static_cast<double>(variant_n);
  const double pc = static_cast<double>(control_successes) / nc, pv = static_cast<double>(variant_successes) / nv;
  TestResult r = detail::estimate(pc, pc * (1.0 - pc) / nc, pv, pv * (1.0 - pv) / nv, detail::normal_critical(alpha));
  const double pooled = static_cast<double>(control_successes + variant_successes) / (nc + nv);
  const double se_pooled = std::sqrt(pooled * (1.0 - pooled) * (1.0 / nc + 1.0 / nv));
  // Every unit converted, or none did: nothing tells the arms apart.
  r.statistic = se_pooled > 0.0 ? r.difference / se_pooled : 0.0;
  r.p_value = detail::normal_two_sided_p(r.statistic);
  return r;
}

}  // namespace seatsync::ab
