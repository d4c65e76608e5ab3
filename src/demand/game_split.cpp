#include <algorithm>
#include <cmath>
#include <map>
#include <random>

#include "seatsync/demand_evaluation.hpp"

namespace seatsync {

int season_of(Date game_date) { return game_date.month() >= 7 ? game_date.year() : game_date.year() - 1; }

GameSplit split_games(const Dataset& data, double test_share, std::uint64_t seed, Date as_of) {
  GameSplit split;
  split.train.assign(data.games.size(), false);
  split.test.assign(data.games.size(), false);
  std::map<std::pair<int, int>, std::vector<GameIndex>> strata;
  std::size_t played = 0;
  for (GameIndex g = 0; g < data.games.size(); ++g) {
    if (data.games[g].date >= as_of) continue;
    strata[{season_of(data.games[g].date), data.games[g].tier}].push_back(g);
    ++played;
  }
  // mt19937_64's output is fixed by the standard, and the shuffle below is ours, so the split
  // is the same on every platform for a seed.
  std::mt19937_64 rng(seed);
  struct Share {
    std::vector<GameIndex>* games;
    std::size_t base;
    double remainder;
    std::uint64_t tie;
  };
  std::vector<Share> shares;
  std::size_t assigned = 0;
  for (auto& [key, games] : strata) {
    for (std::size_t i = games.size(); i > 1; --i) std::swap(games[i - 1], games[rng() % i]);
    const double exact = test_share * static_cast<double>(games.size());
    const auto base = static_cast<std::size_t>(std::floor(exact));
    shares.push_back({&games, base, exact - static_cast<double>(base), rng()});
    assigned += base;
  }
  const auto target = static_cast<std::size_t>(std::llround(test_share * static_cast<double>(played)));
  std::sort(shares.begin(), shares.end(), [](const Share& a, const Share& b) {
    return a.remainder != b.remainder ? a.remainder > b.remainder : a.tie < b.tie;
  });
  for (auto& s : shares)
    if (assigned < target && s.base < s.games->size()) {
      ++s.base;
      ++assigned;
    }
  for (const auto& s : shares)
    for (std::size_t i = 0; i < s.games->size(); ++i) {
      const GameIndex g = (*s.games)[i];
      (i < s.base ? split.test : split.train)[g] = true;
      ++(i < s.base ? split.test_games : split.train_games);
    }
  return split;
}

}  // namespace seatsync
