#pragma once
// Unconstraining demand: order counts per (game, cell) are Poisson with mean
// rate[cell] × multiplier[game] × exposure, but where a price code sold out during the bucket
// the count is only a lower bound (the buyers who would have come later were never seen), and
// where it sold out before the bucket opened there is no count at all. Fitting the game
// multipliers together with the cell rates is what removes the selection bias of the missing
// cells: a late bucket of the best games is missing exactly because demand was strong, and
// averaging only over the games left would call late demand weak. The censored counts are
// unconstrained by EM (the E-step replaces each lower bound by E[N | N ≥ n]) — the classic
// expectation-maximisation detruncation of revenue management (Weatherford & Pölt 2002;
// Talluri & van Ryzin 2004, ch. 9), here with the game effect in the model.
//
// Game multipliers have a gamma prior: mean 1 for past seasons (which fixes the scale) and the
// current season's own level for its games, shape estimated from the spread of the past games'
// multipliers. A game of the current season with few buckets observed so is shrunk towards its
// season: the gamma-Poisson posterior mean (a·s + orders) / (a + expected orders at 1).
#include <cstddef>
#include <vector>

namespace seatsync {

struct CensoredCount {
  std::size_t game = 0;
  std::size_t cell = 0;
  double orders = 0;
  double exposure = 1;    // multiplies the mean: the price's effect on conversion, the share of the bucket seen
  bool censored = false;  // the code sold out during the bucket: demand ≥ orders
};

struct CensoredPoissonOptions {
  int iterations = 60;
  // Each cell's rate is shrunk towards a factored prior, row level × column profile (for
  // ArrivalDemandModel: the tier's level for a code × the code's profile over buckets), fitted on
  // the same unconstrained counts, with the weight of `prior_weight` observations at exposure 1.
  // A cell without observations (every game sold out before that bucket) gets the prior: the
  // profile, seen in the games that still had seats, scaled to the cell's row.
  // Empty cell_row: no shrinkage (cells without observations get 0).
  double prior_weight = 1.0;
  std::vector<std::size_t> cell_row, cell_col;  // [cell]
  std::size_t n_rows = 0, n_cols = 0;
  // [game]: true for games of the current season, whose multipliers centre on that season's
  // level rather than on 1.
  std::vector<bool> current_season;
};

struct CensoredPoissonFit {
  std::vector<double> rate;        // [cell]: mean count at exposure 1 and multiplier 1
  std::vector<double> multiplier;  // [game]: posterior mean; 1 for games without observations (s for the current season)
  std::vector<double> expected;    // [game]: Σ rate × exposure over the game's observations (its evidence)
  double season_level = 1;         // the current season's multiplier level s
  double prior_shape = 1;          // a
  std::vector<double> unconstrained;  // [observation]: E[demand] (= orders unless censored)
};

CensoredPoissonFit fit_censored_poisson(const std::vector<CensoredCount>& observations, std::size_t n_games,
                                        std::size_t n_cells, const CensoredPoissonOptions& options = {});

// E[N | N ≥ n] for N ~ Poisson(mean).
double poisson_mean_at_least(double mean, double n);

}  // namespace seatsync
