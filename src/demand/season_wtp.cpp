// The current season's WTP shift by profile likelihood on a grid. See season_wtp.hpp.
#include "season_wtp.hpp"

#include <boost/math/special_functions/gamma.hpp>
#include <cmath>
#include <limits>

#include "seatsync/arrival_demand.hpp"

namespace seatsync {
namespace {

// δ from −0.5 (a season paying 0.61× history) to +1.2 (3.3×), in steps of 2.5%.
constexpr double kLowest = -0.5, kHighest = 1.2, kStep = 0.025;

// P(an arrival buys at its price) / P(buys at the cell's price under history's model).
double exposure(const SeasonObservation& o, double shift) {
  return (1.0 - normal_cdf(o.z + o.gap - shift / o.sigma)) / (1.0 - normal_cdf(o.z));
}

struct Profile {
  double log_likelihood = -std::numeric_limits<double>::infinity();
  SeasonWtpFit fit;
};

Profile profile(const std::vector<SeasonObservation>& obs, std::size_t n_games, double a, double shift) {
  Profile p;
  auto& fit = p.fit;
  fit.log_shift = shift;
  std::vector<double> orders(n_games, 0.0);
  fit.expected.assign(n_games, 0.0);
  std::vector<double> mean(obs.size());
  double all_orders = 0, all_expected = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    mean[i] = obs[i].rate * exposure(obs[i], shift);
    orders[obs[i].game] += obs[i].orders;
    fit.expected[obs[i].game] += mean[i];
    all_orders += obs[i].orders;
    all_expected += mean[i];
  }
  fit.season_level = (a + all_orders) / (a + all_expected);
  fit.multiplier.resize(n_games);
  for (std::size_t g = 0; g < n_games; ++g)
    fit.multiplier[g] = (a * fit.season_level + orders[g]) / (a + fit.expected[g]);
  double ll = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const double lambda = std::max(mean[i] * fit.multiplier[obs[i].game], 1e-12);
    if (!obs[i].censored || obs[i].orders <= 0) {
      ll += obs[i].orders * std::log(lambda) - lambda;  // the Poisson log pmf without its constant
    } else {
      // log P(N ≥ n) for a count seen only up to the sell-out; its constant-free part is itself.
      ll += std::log(std::max(boost::math::gamma_p(obs[i].orders, lambda), 1e-300));
    }
  }
  p.log_likelihood = ll;
  return p;
}

}  // namespace

SeasonWtpFit fit_season_wtp(const std::vector<SeasonObservation>& obs, std::size_t n_games, double prior_shape,
                            double prior_sd) {
  Profile best;
  double best_score = -std::numeric_limits<double>::infinity();
  for (double shift = kLowest; shift <= kHighest + 1e-9; shift += kStep) {
    auto p = profile(obs, n_games, prior_shape, shift);
    const double score = p.log_likelihood - 0.5 * (shift / prior_sd) * (shift / prior_sd);
    if (score > best_score) {
      best_score = score;
      best = std::move(p);
    }
  }
  return best.fit;
}

}  // namespace seatsync
