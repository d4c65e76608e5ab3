// Unconstraining censored demand (EM detruncation with game multipliers) on synthetic data
// whose true rates are known: games of random strength, codes that sell out, buckets that
// later games never reach with seats left.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "demand/censored_poisson.hpp"

using namespace seatsync;

namespace {

struct Synthetic {
  std::vector<CensoredCount> counts;
  std::vector<double> rate, multiplier;
  std::size_t games = 0, cells = 0;
};

// `games` games × `buckets` cells in order; each game draws Poisson(rate × multiplier) per cell
// until `capacity` orders have sold: the cell where it sells out is censored (demand ≥ the
// orders seen), later cells are not observed at all. Games [current_from, games) are the
// current season, whose multipliers are scaled by `season_shift`.
Synthetic simulate(std::size_t games, std::size_t buckets, double capacity, std::uint64_t seed,
                   std::size_t current_from, double season_shift) {
  std::mt19937_64 rng(seed);
  Synthetic s;
  s.games = games;
  s.cells = buckets;
  for (std::size_t b = 0; b < buckets; ++b) s.rate.push_back(4.0 + 3.0 * static_cast<double>(b));  // demand grows to game day
  std::lognormal_distribution<double> strength(-0.5 * 0.3 * 0.3, 0.3);
  for (std::size_t g = 0; g < games; ++g) {
    s.multiplier.push_back(strength(rng) * (g >= current_from ? season_shift : 1.0));
    double sold = 0;
    for (std::size_t b = 0; b < buckets && sold < capacity; ++b) {
      const double demand = std::poisson_distribution<int>(s.rate[b] * s.multiplier[g])(rng);
      const double orders = std::min(demand, capacity - sold);
      s.counts.push_back({g, b, orders, 1.0, sold + demand >= capacity});
      sold += orders;
    }
  }
  return s;
}

CensoredPoissonOptions season(const Synthetic& s, std::size_t current_from) {
  CensoredPoissonOptions o;
  o.current_season.assign(s.games, false);
  for (std::size_t g = current_from; g < s.games; ++g) o.current_season[g] = true;
  return o;
}

}  // namespace

TEST(PoissonMeanAtLeast, KnownValues) {
  EXPECT_DOUBLE_EQ(poisson_mean_at_least(3.0, 0), 3.0);  // no bound: the mean
  // E[N | N ≥ 1] = λ / (1 − e^−λ).
  EXPECT_NEAR(poisson_mean_at_least(2.0, 1), 2.0 / (1 - std::exp(-2.0)), 1e-12);
  // Far above the mean the bound itself is (almost) the answer.
  EXPECT_NEAR(poisson_mean_at_least(1.0, 40), 40.0, 0.1);
  EXPECT_GT(poisson_mean_at_least(10.0, 10), 10.0);
}

// Capacity binds for most games: the naive mean of the counts seen (what seatsync did before)
// is far below the truth in late cells; the unconstrained rates are within 8%.
TEST(CensoredPoisson, RecoversRatesFromHeavilyCensoredCounts) {
  const auto s = simulate(400, 6, 45.0, 1, 400, 1.0);
  const auto fit = fit_censored_poisson(s.counts, s.games, s.cells);
  std::vector<double> naive_sum(s.cells), naive_n(s.cells);
  for (const auto& c : s.counts) naive_sum[c.cell] += c.orders, naive_n[c.cell] += 1;
  for (std::size_t b = 0; b < s.cells; ++b) {
    EXPECT_NEAR(fit.rate[b] / s.rate[b], 1.0, 0.08) << "cell " << b;
    if (b >= 4) EXPECT_LT(naive_sum[b] / naive_n[b] / s.rate[b], 0.85) << "the synthetic data must be censored";
  }
  // The game multipliers track the truth.
  double err = 0;
  for (std::size_t g = 0; g < s.games; ++g) err += std::abs(fit.multiplier[g] - s.multiplier[g]);
  EXPECT_LT(err / static_cast<double>(s.games), 0.15);
  EXPECT_GT(fit.prior_shape, 4.0);  // a 30% spread: shape ≈ 11
  EXPECT_LT(fit.prior_shape, 40.0);
}

// The in-season update: a current season selling 1.4× history is measured as such, and a game of
// it with no completed bucket yet is expected at that level, not at history's.
TEST(CensoredPoisson, CurrentSeasonLevelMovesTheRightWay) {
  for (double shift : {0.7, 1.4}) {
    auto s = simulate(300, 6, 1e9, 2, 260, shift);
    // One current game seen only in its first cell, one not at all.
    std::erase_if(s.counts, [](const CensoredCount& c) { return (c.game == 298 && c.cell > 0) || c.game == 299; });
    const auto fit = fit_censored_poisson(s.counts, s.games, s.cells, season(s, 260));
    EXPECT_NEAR(fit.season_level, shift, 0.1 * shift) << shift;
    EXPECT_NEAR(fit.multiplier[299], fit.season_level, 1e-9);
    // Thin evidence is shrunk towards the season, not towards 1.
    EXPECT_GT(std::abs(fit.multiplier[298] - 1.0), 0.5 * std::abs(shift - 1.0)) << shift;
    for (std::size_t b = 0; b < s.cells; ++b) EXPECT_NEAR(fit.rate[b] / s.rate[b], 1.0, 0.08);
  }
}

// A cell no game reached with seats left takes its factored prior: its row's level × its
// column's profile, learned where the other rows did reach it.
TEST(CensoredPoisson, EmptyCellBorrowsTheFactoredPrior) {
  // Two rows (say two tiers) × 3 columns (buckets); row 1 has twice row 0's level; row 1's last
  // column is never observed.
  std::vector<CensoredCount> counts;
  const double rate[2][3] = {{5, 10, 20}, {10, 20, 40}};
  std::mt19937_64 rng(3);
  for (std::size_t g = 0; g < 1000; ++g)
    for (std::size_t r = 0; r < 2; ++r)
      for (std::size_t c = 0; c < 3; ++c) {
        if (r == 1 && c == 2) continue;
        counts.push_back({g, r * 3 + c, double(std::poisson_distribution<int>(rate[r][c])(rng)), 1.0, false});
      }
  CensoredPoissonOptions o;
  o.n_rows = 2;
  o.n_cols = 3;
  for (std::size_t r = 0; r < 2; ++r)
    for (std::size_t c = 0; c < 3; ++c) o.cell_row.push_back(r), o.cell_col.push_back(c);
  const auto fit = fit_censored_poisson(counts, 1000, 6, o);
  EXPECT_NEAR(fit.rate[5], 40.0, 2.0);
  EXPECT_NEAR(fit.rate[0], 5.0, 0.3);
}
