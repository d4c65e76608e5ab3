#pragma once
// The in-season update of willingness to pay: does this season's crowd pay more (or less) than
// history's at the same seats? Its orders at the prices actually charged say so when the prices
// moved: a game whose orders held up after a price rise has buyers further above the price than
// history's model puts them. One log shift δ of the median WTP for every game of the current
// season, with each game's demand multiplier profiled out (the gamma-Poisson posterior mean
// given δ), chosen by the censored Poisson likelihood plus a normal prior on δ. When the prices
// did not move, the likelihood is flat in δ and the prior keeps it at 0: the volume multiplier
// alone carries the update.
#include <cstddef>
#include <vector>

namespace seatsync {

struct SeasonObservation {
  std::size_t game = 0;
  double rate = 0;       // the cell's orders at its reference price (multiplier 1)
  double orders = 0;
  bool censored = false;  // sold out during the bucket: demand ≥ orders
  double z = 0;           // the cell's reference price's position in the WTP: (ln p̄ − ln median) / σ
  double gap = 0;         // (ln p − ln p̄) / σ: this game's price against the cell's, in σ units
  double sigma = 0.4;     // the spread of log WTP
};

struct SeasonWtpFit {
  double log_shift = 0;            // δ: the season's median WTP is e^δ × history's model's
  double season_level = 1;         // the season's volume level given δ
  std::vector<double> multiplier;  // [game]: posterior mean given δ (games without observations: season_level)
  std::vector<double> expected;    // [game]: expected orders at multiplier 1 given δ
};

// `prior_shape`: the gamma prior's shape of game multipliers; `prior_sd`: the sd of δ's prior.
SeasonWtpFit fit_season_wtp(const std::vector<SeasonObservation>& observations, std::size_t n_games,
                            double prior_shape, double prior_sd);

}  // namespace seatsync
