// Poll statistics per game and source, and the trend of the median.
#include "seatsync/market_trend.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "seatsync/market_stats.hpp"

namespace seatsync {

namespace {

// Seconds on the timestamp's own clock (local wall time as written): differences between
// polls of one game are what matters, and they share the venue's clock.
double poll_seconds(const MarketPollStats& s) {
  auto t = parse_timestamp(s.polled_at);
  if (!t) return static_cast<double>(s.polled_date.days()) * 86400.0;
  return static_cast<double>(t->date.days()) * 86400.0 + t->seconds;
}

std::optional<double> slope(const std::vector<std::pair<double, double>>& xy) {
  if (xy.size() < 2) return std::nullopt;
  double mx = 0, my = 0;
  for (auto [x, y] : xy) { mx += x; my += y; }
  mx /= static_cast<double>(xy.size());
  my /= static_cast<double>(xy.size());
  double sxx = 0, sxy = 0;
  for (auto [x, y] : xy) { sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my); }
  if (sxx <= 0) return std::nullopt;
  return sxy / sxx;
}

}  // namespace

MarketTrend market_trend(const std::vector<MarketPoll>& polls) {
  MarketTrend t;
  std::vector<std::pair<double, double>> medians;  // (day, median), or (day, mean)
  for (const auto& p : polls)
    if (p.stats.median) medians.emplace_back(poll_seconds(p.stats) / 86400.0, *p.stats.median);
  if (medians.size() < 2) {
    std::vector<std::pair<double, double>> means;
    for (const auto& p : polls)
      if (p.stats.mean) means.emplace_back(poll_seconds(p.stats) / 86400.0, *p.stats.mean);
    if (means.size() >= 2) {
      medians = std::move(means);
      t.statistic = "mean";
    }
  }
  if (medians.empty()) return t;
  const auto [first_day, first] = medians.front();
  const auto [last_day, last] = medians.back();
  t.days_covered = last_day - first_day;
  if (medians.size() >= 2) {
    t.median_change = last - first;
    t.median_change_relative = (last - first) / first;
    if (t.days_covered > 0) t.median_per_day = (last - first) / t.days_covered;
  }
  std::vector<std::pair<double, double>> recent;
  for (auto [day, median] : medians)
    if (day >= last_day - 7.0 - 1e-9) recent.emplace_back(day, median);
  t.median_per_day_last_7d = slope(recent);
  return t;
}

std::vector<GameMarket> market_by_game(const Dataset& data, std::optional<GameIndex> only) {
  std::map<std::pair<GameIndex, std::string>, std::vector<MarketPoll>> polls;
  auto days_before = [&](const MarketPollStats& s) { return data.games[s.game].date - s.polled_date; };
  for (const auto& s : data.market_stats) {
    if (only && s.game != *only) continue;
    polls[{s.game, s.source}].push_back({s, days_before(s), false});
  }
  // Listings of (game, source) pairs without stored statistics: one poll per observed_at.
  std::map<std::tuple<GameIndex, std::string, std::string>, std::vector<Listing>> unsummarised;
  for (const auto& l : data.listings) {
    if (only && l.game != *only) continue;
    if (polls.count({l.game, l.source})) continue;
    unsummarised[{l.game, l.source, l.observed_at}].push_back(l);
  }
  for (const auto& [key, listings] : unsummarised) {
    const auto& [game, source, at] = key;
    auto s = poll_stats(listings, game, source, at, listings.front().observed_date);
    polls[{game, source}].push_back({s, days_before(s), true});
  }
  std::vector<GameMarket> out;
  for (auto& [key, list] : polls) {
    std::stable_sort(list.begin(), list.end(), [](const MarketPoll& a, const MarketPoll& b) {
      return poll_seconds(a.stats) < poll_seconds(b.stats);
    });
    GameMarket g{key.first, key.second, std::move(list), {}};
    g.trend = market_trend(g.polls);
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [&](const GameMarket& a, const GameMarket& b) {
    const auto& ga = data.games[a.game];
    const auto& gb = data.games[b.game];
    return std::tie(ga.date, ga.id, a.source) < std::tie(gb.date, gb.id, b.source);
  });
  return out;
}

}  // namespace seatsync
