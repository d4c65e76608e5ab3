#pragma once
// What `seatsync market` prints: per game and source, each poll's statistics and how the
// market's median moved. Polls come from market_stats; a (game, source) with no stored
// statistics gets them from its listings, one poll per distinct observed_at (a collector's
// poll stamps all its listings with one time).
#include <optional>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"

namespace seatsync {

struct MarketPoll {
  MarketPollStats stats;
  int days_before = 0;          // the game's date − the poll's date (0 = game day)
  bool from_listings = false;   // computed here, not stored
};

// The trend follows the median; polls without one (SeatGeek's before 2018-09-12) fall back on
// the mean when fewer than two polls have a median, and `statistic` says which was used.
struct MarketTrend {
  std::string statistic = "median";  // "median" or "mean"
  // Least-squares slope of the median against time, in price per day, over the polls of the
  // last 7 days up to the latest poll (needs two polls at different times there).
  std::optional<double> median_per_day_last_7d;
  // Latest median − first median, per day between them, and relative to the first.
  std::optional<double> median_change, median_per_day, median_change_relative;
  double days_covered = 0.0;  // first poll to latest, in days
};

struct GameMarket {
  GameIndex game = 0;
  std::string source;
  std::vector<MarketPoll> polls;  // by time
  MarketTrend trend;
};

// Every (game, source) with polls, by game date, game id, source; only `game` when given.
std::vector<GameMarket> market_by_game(const Dataset& data, std::optional<GameIndex> game = std::nullopt);

// The trend of polls ordered by time (a poll without the statistic is ignored).
MarketTrend market_trend(const std::vector<MarketPoll>& polls);

}  // namespace seatsync
