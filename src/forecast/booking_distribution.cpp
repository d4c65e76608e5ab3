// The distribution of a game × code's final tickets: the remaining demand R is negative binomial
// (a Poisson whose rate varies from game to game as a gamma — the overdispersion booking data
// show), the seats cap what can be sold: final = min(seats, sold + R). Its quantiles and
// P(sellout) = P(R ≥ seats left) come from the distribution itself (Boost.Math) rather than from
// Monte Carlo draws: exact, and the same on every run.
#include <algorithm>
#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>

#include "seatsync/booking_curve.hpp"

namespace seatsync {
namespace {

// Quantiles are the smallest k with P(R ≤ k) ≥ p (scipy's ppf), for both ends: then
// P(R < lower) < α and P(R > upper) ≤ α, the interval holds at least its nominal probability,
// and it is the tightest such interval of whole tickets.
using RoundUp = boost::math::policies::policy<
    boost::math::policies::discrete_quantile<boost::math::policies::integer_round_up>>;

template <class Distribution>
FinalTicketsDistribution from_remaining(const Distribution& remaining, int sold, int seats) {
  const double cap = std::max(sold, seats);
  auto final_at = [&](double p) { return std::min(cap, sold + boost::math::quantile(remaining, p)); };
  FinalTicketsDistribution out;
  out.lower_80 = final_at(0.10);
  out.upper_80 = final_at(0.90);
  out.lower_95 = final_at(0.025);
  out.upper_95 = final_at(0.975);
  const int left = seats - sold;
  out.p_sellout = left <= 0 ? 1.0 : boost::math::cdf(boost::math::complement(remaining, left - 1.0));
  return out;
}

}  // namespace

FinalTicketsDistribution final_tickets_distribution(int sold, int seats, double mean_remaining, double dispersion) {
  if (sold >= seats) {
    const double all = std::max(sold, seats);
    return {all, all, all, all, 1.0};
  }
  if (!(mean_remaining > 1e-9)) {  // nothing more expected: what is sold is final
    return {double(sold), double(sold), double(sold), double(sold), 0.0};
  }
  if (!(dispersion > 1e-9)) return from_remaining(boost::math::poisson_distribution<double, RoundUp>(mean_remaining), sold, seats);
  // Boost's parameters: r successes, success probability p; mean r(1 − p)/p, variance
  // mean + mean²/r. So r = 1/φ and p = r / (r + mean).
  const double r = 1.0 / dispersion;
  return from_remaining(boost::math::negative_binomial_distribution<double, RoundUp>(r, r / (r + mean_remaining)), sold, seats);
}

double pickup_dispersion(const std::vector<double>& pickups, const std::vector<double>& predicted) {
  double excess = 0, scale = 0;
  for (std::size_t i = 0; i < pickups.size() && i < predicted.size(); ++i) {
    const double e = pickups[i] - predicted[i];
    excess += e * e - predicted[i];
    scale += predicted[i] * predicted[i];
  }
  return scale > 0 ? std::max(0.0, excess / scale) : 0.0;
}

}  // namespace seatsync
