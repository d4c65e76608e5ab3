// EM for Poisson counts with game effects and right-censoring. See censored_poisson.hpp.
#include "censored_poisson.hpp"

#include <algorithm>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace seatsync {
namespace {

// Bounds on the gamma prior's shape: a coefficient of variation of game demand between
// 1/sqrt(400) = 5% and 1/sqrt(2) = 71%.
constexpr double kMinShape = 2.0, kMaxShape = 400.0;

}  // namespace

double poisson_mean_at_least(double mean, double n) {
  if (n <= 0 || mean <= 0) return std::max(mean, n);
  // P(N ≥ k) = P(k, mean), the regularised lower incomplete gamma; E[N; N ≥ n] = mean · P(N ≥ n − 1).
  const double at_least_n = boost::math::gamma_p(n, mean);
  if (at_least_n < 1e-300) return n;  // far in the tail: the bound is all we know
  const double at_least_n_minus_1 = n - 1 <= 0 ? 1.0 : boost::math::gamma_p(n - 1, mean);
  return std::max(n, mean * at_least_n_minus_1 / at_least_n);
}

CensoredPoissonFit fit_censored_poisson(const std::vector<CensoredCount>& obs, std::size_t n_games,
                                        std::size_t n_cells, const CensoredPoissonOptions& options) {
  CensoredPoissonFit fit;
  fit.rate.assign(n_cells, 0.0);
  fit.multiplier.assign(n_games, 1.0);
  fit.expected.assign(n_games, 0.0);
  fit.unconstrained.resize(obs.size());
  for (std::size_t i = 0; i < obs.size(); ++i) fit.unconstrained[i] = obs[i].orders;
  auto current = [&](std::size_t g) { return g < options.current_season.size() && options.current_season[g]; };
  const bool factored = !options.cell_row.empty();
  const double w = factored ? options.prior_weight : 0.0;
  std::vector<double> row_level(options.n_rows, 1.0), col_profile(options.n_cols, 1.0);
  std::vector<double> num(n_cells), den(n_cells), game_orders(n_games), game_expected(n_games);
  std::vector<double> fnum, fden;
  for (int it = 0; it < options.iterations; ++it) {
    // M-step for the cells, given the multipliers and the unconstrained counts.
    std::fill(num.begin(), num.end(), 0.0);
    std::fill(den.begin(), den.end(), 0.0);
    for (std::size_t i = 0; i < obs.size(); ++i) {
      num[obs[i].cell] += fit.unconstrained[i];
      den[obs[i].cell] += fit.multiplier[obs[i].game] * obs[i].exposure;
    }
    if (factored) {
      // One alternating pass per iteration on the factored prior (Poisson maximum likelihood of
      // level × profile on the cells' totals); the EM iterations converge it along with the rest.
      // factor[index[c]] = Σ counts / Σ exposure × the other factor, over the cells it covers.
      auto update = [&](std::vector<double>& factor, const std::vector<std::size_t>& index,
                        const std::vector<double>& other, const std::vector<std::size_t>& other_index) {
        fnum.assign(factor.size(), 0.0);
        fden.assign(factor.size(), 0.0);
        for (std::size_t c = 0; c < n_cells; ++c) {
          fnum[index[c]] += num[c];
          fden[index[c]] += den[c] * other[other_index[c]];
        }
        for (std::size_t j = 0; j < factor.size(); ++j) factor[j] = fden[j] > 0 ? fnum[j] / fden[j] : 0.0;
      };
      update(col_profile, options.cell_col, row_level, options.cell_row);
      update(row_level, options.cell_row, col_profile, options.cell_col);
    }
    for (std::size_t c = 0; c < n_cells; ++c) {
      const double prior = factored ? row_level[options.cell_row[c]] * col_profile[options.cell_col[c]] : 0.0;
      fit.rate[c] = den[c] + w > 0 ? (num[c] + w * prior) / (den[c] + w) : 0.0;
    }

    // M-step for the games: the gamma-Poisson posterior mean around 1 (past) or s (current).
    std::fill(game_orders.begin(), game_orders.end(), 0.0);
    std::fill(game_expected.begin(), game_expected.end(), 0.0);
    for (std::size_t i = 0; i < obs.size(); ++i) {
      game_orders[obs[i].game] += fit.unconstrained[i];
      game_expected[obs[i].game] += fit.rate[obs[i].cell] * obs[i].exposure;
    }
    double cur_orders = 0, cur_expected = 0;
    for (std::size_t g = 0; g < n_games; ++g)
      if (current(g)) cur_orders += game_orders[g], cur_expected += game_expected[g];
    // The season's level as one pooled posterior with a weak prior at 1 (one game's worth).
    const double a = fit.prior_shape;
    fit.season_level = (a + cur_orders) / (a + cur_expected);
    for (std::size_t g = 0; g < n_games; ++g) {
      const double centre = current(g) ? fit.season_level : 1.0;
      fit.multiplier[g] = (a * centre + game_orders[g]) / (a + game_expected[g]);
    }
    // Past games fix the scale: their multipliers average 1.
    double past_sum = 0, past_n = 0;
    for (std::size_t g = 0; g < n_games; ++g)
      if (!current(g) && game_expected[g] > 0) past_sum += fit.multiplier[g], past_n += 1;
    if (past_n > 0 && past_sum > 0) {
      const double scale = past_sum / past_n;
      for (double& m : fit.multiplier) m /= scale;
      for (double& r : fit.rate) r *= scale;
      fit.season_level /= scale;
    }
    // The prior's shape from the past games' spread, net of the Poisson noise (method of moments
    // on the raw ratios orders / expected: the posterior means are shrunk by the prior itself,
    // and a shape estimated from them would only ever grow).
    double var = 0, noise = 0;
    for (std::size_t g = 0; g < n_games; ++g)
      if (!current(g) && game_expected[g] > 0) {
        const double ratio = game_orders[g] / game_expected[g];
        var += (ratio - 1) * (ratio - 1);
        noise += 1.0 / game_expected[g];
      }
    if (past_n > 1) {
      const double excess = var / (past_n - 1) - noise / past_n;
      fit.prior_shape = std::clamp(excess > 0 ? 1.0 / excess : kMaxShape, kMinShape, kMaxShape);
    }

    // E-step: each censored count becomes its expected demand given the bound.
    for (std::size_t i = 0; i < obs.size(); ++i)
      if (obs[i].censored)
        fit.unconstrained[i] =
            poisson_mean_at_least(fit.rate[obs[i].cell] * fit.multiplier[obs[i].game] * obs[i].exposure, obs[i].orders);
  }
  fit.expected = game_expected;
  return fit;
}

}  // namespace seatsync
