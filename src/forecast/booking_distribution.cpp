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

namespace {

// log P(R = x) and log P(R ≥ x) of a negative binomial (mean m, dispersion φ; Poisson at φ = 0).
double log_probability(double x, double m, double phi, bool at_least) {
  m = std::max(m, 1e-6);
  if (phi < 1e-9) {
    const boost::math::poisson_distribution<double> d(m);
    if (at_least) return x <= 0 ? 0.0 : std::log(std::max(1e-300, boost::math::cdf(boost::math::complement(d, x - 1))));
    return x * std::log(m) - m - std::lgamma(x + 1);
  }
  const double r = 1.0 / phi, p = r / (r + m);
  if (at_least) {
    const boost::math::negative_binomial_distribution<double> d(r, p);
    return x <= 0 ? 0.0 : std::log(std::max(1e-300, boost::math::cdf(boost::math::complement(d, x - 1))));
  }
  return std::lgamma(x + r) - std::lgamma(r) - std::lgamma(x + 1) + r * std::log(p) + x * std::log1p(-p);
}

}  // namespace

CensoredPickupFit fit_censored_pickups(const std::vector<double>& pickups, const std::vector<double>& predicted,
                                       const std::vector<bool>& censored) {
  CensoredPickupFit best{1.0, pickup_dispersion(pickups, predicted)};
  if (std::find(censored.begin(), censored.end(), true) == censored.end()) return best;
  double best_ll = -HUGE_VAL;
  // A grid is enough: the likelihood is smooth in the scale and a percent or two changes nothing
  // an analyst reads.
  for (double scale = 1.0; scale <= 2.0 + 1e-9; scale += 0.05) {
    std::vector<double> open_pickups, open_predicted;
    for (std::size_t i = 0; i < pickups.size(); ++i)
      if (!censored[i]) {
        open_pickups.push_back(pickups[i]);
        open_predicted.push_back(scale * predicted[i]);
      }
    const double phi = pickup_dispersion(open_pickups, open_predicted);
    double ll = 0;
    for (std::size_t i = 0; i < pickups.size(); ++i) ll += log_probability(pickups[i], scale * predicted[i], phi, censored[i]);
    if (ll > best_ll) {
      best_ll = ll;
      best = {scale, phi};
    }
  }
  return best;
}

}  // namespace seatsync
