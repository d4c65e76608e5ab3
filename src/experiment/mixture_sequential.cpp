// Always-valid inference by the normal-mixture sequential probability ratio test (mSPRT).
#include <algorithm>
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>
#include <string>

#include "experiment/test_result_parts.hpp"
#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

// With the estimate d ~ N(θ, V), V = se², and the true difference mixed over N(0, τ²), the
// likelihood ratio of "θ drawn from the mixture" against "θ = 0" is
//   Λ(d) = √(V / (V + τ²)) · exp(τ² d² / (2 V (V + τ²))),
// a non-negative martingale under θ = 0, so by Ville's inequality P(sup_t Λ_t ≥ 1/α) ≤ α: the
// test that rejects once Λ reaches 1/α may look at every new observation (Robbins 1970;
// Johari, Pekelis & Walsh 2017). The p-value is 1/Λ (capped at 1); the confidence sequence is
// every θ for which Λ(d − θ) < 1/α:
//   d ± √(V (V + τ²) / τ² · (ln((V + τ²) / V) − 2 ln α)).
SequentialResult mixture_sequential_test(double difference, double se, double tau, double alpha) {
  if (!(se > 0.0 && std::isfinite(se)))
    throw std::invalid_argument(fmt::format("sequential test: the standard error must be a positive number, got {:g}", se));
  if (!(tau > 0.0 && std::isfinite(tau)))
    throw std::invalid_argument(fmt::format("sequential test: tau must be a positive number, got {:g}", tau));
  detail::check_probability(alpha, "alpha");
  const double v = se * se, t2 = tau * tau;
  // In logs: at large samples exp() of the quadratic term would overflow long before 1/Λ matters.
  const double log_lambda = 0.5 * std::log(v / (v + t2)) + t2 * difference * difference / (2.0 * v * (v + t2));
  SequentialResult r;
  r.p_value = std::exp(-std::max(0.0, log_lambda));
  const double half = std::sqrt(v * (v + t2) / t2 * (std::log((v + t2) / v) - 2.0 * std::log(alpha)));
  r.ci_low = difference - half;
  r.ci_high = difference + half;
  return r;
}

}  // namespace seatsync::ab
