// A season's home schedule: dates, opponents, tiers and per-game demand shocks.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <stdexcept>

#include "sim/market_design.hpp"

namespace seatsync::sim {
namespace {

// The regular season runs from mid-October to mid-April.
constexpr unsigned kFirstMonth = 10, kFirstDay = 18;
constexpr unsigned kLastMonth = 4, kLastDay = 12;
// Tier score = attractiveness + weekend bonus + noise (the team's marketing judgement).
constexpr double kWeekendBonus = 0.12;
constexpr double kTierScoreNoise = 0.08;
// Cumulative share of games in tiers 1..5 by descending score: tier 1 rare, 3-4 common.
constexpr double kTierCumulativeShare[5] = {0.10, 0.30, 0.60, 0.85, 1.00};
// Per-game demand shock: lognormal with mean 1.
constexpr double kShockSigma = 0.25;

bool is_weekend(Date date) {
  const unsigned wd = date.weekday();  // 0 = Sunday
  return wd == 0 || wd == 5 || wd == 6;
}

// One date per equal slice of the season, so dates are distinct and spread out, with
// weekdays and weekends mixed as they fall.
std::vector<Date> game_dates(int season_year, int count, Rng& rng) {
  const Date first = Date::from_ymd(season_year, kFirstMonth, kFirstDay);
  const Date last = Date::from_ymd(season_year + 1, kLastMonth, kLastDay);
  const int span = last - first + 1;
  if (count > span) throw std::invalid_argument("more games than days in the season");
  std::vector<Date> dates;
  for (int i = 0; i < count; ++i) {
    const int from = static_cast<int>(static_cast<long long>(i) * span / count);
    const int to = static_cast<int>(static_cast<long long>(i + 1) * span / count) - 1;
    dates.push_back(first + rng.uniform_int(from, to));
  }
  return dates;
}

// Every team visits once before any visits twice; the order is shuffled.
std::vector<const Opponent*> opponents(int count, Rng& rng) {
  std::vector<const Opponent*> visits;
  while (static_cast<int>(visits.size()) < count) {
    std::vector<const Opponent*> round;
    for (const Opponent& o : league()) round.push_back(&o);
    shuffle(round, rng);
    visits.insert(visits.end(), round.begin(), round.end());
  }
  visits.resize(static_cast<std::size_t>(count));
  shuffle(visits, rng);
  return visits;
}

// Tiers by rank of score: fixed shares per tier, and at least one game in every tier.
std::vector<int> tiers_by_rank(const std::vector<double>& scores) {
  const int n = static_cast<int>(scores.size());
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  int end[5];
  for (int t = 0; t < 5; ++t) {
    const int wanted = static_cast<int>(std::lround(kTierCumulativeShare[t] * n));
    const int at_least = (t == 0 ? 0 : end[t - 1]) + 1;
    const int at_most = n - (4 - t);
    end[t] = std::clamp(wanted, at_least, at_most);
  }
  std::vector<int> tiers(scores.size());
  int tier = 0;
  for (int rank = 0; rank < n; ++rank) {
    while (rank >= end[tier]) ++tier;
    tiers[order[static_cast<std::size_t>(rank)]] = tier + 1;
  }
  return tiers;
}

}  // namespace

std::vector<GameTruth> schedule_season(int season_year, int game_count, Rng& rng) {
  if (game_count < 5) throw std::invalid_argument("a season needs at least 5 games (one per tier)");
  const std::vector<Date> dates = game_dates(season_year, game_count, rng);
  const std::vector<const Opponent*> visitors = opponents(game_count, rng);

  std::vector<GameTruth> games(static_cast<std::size_t>(game_count));
  std::vector<double> scores;
  for (std::size_t i = 0; i < games.size(); ++i) {
    GameTruth& g = games[i];
    char id[32];
    std::snprintf(id, sizeof id, "S%d-G%02zu", season_year, i + 1);
    g.id = id;
    g.date = dates[i];
    g.season = season_year;
    g.opponent = std::string(visitors[i]->name);
    g.attractiveness = visitors[i]->attractiveness;
    g.weekend = is_weekend(g.date);
    scores.push_back(g.attractiveness + (g.weekend ? kWeekendBonus : 0.0) + kTierScoreNoise * rng.normal());
    g.shock = std::exp(kShockSigma * rng.normal() - 0.5 * kShockSigma * kShockSigma);
  }
  const std::vector<int> tiers = tiers_by_rank(scores);
  for (std::size_t i = 0; i < games.size(); ++i) games[i].tier = tiers[i];
  return games;
}

}  // namespace seatsync::sim
