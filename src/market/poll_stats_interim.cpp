// INTERIM: poll_stats as market_stats.hpp declares it, until main's implementation lands
// (then this file is deleted). Unweighted, quantiles type 7, sample sd.
#include <algorithm>
#include <cmath>

#include "seatsync/market_stats.hpp"

namespace seatsync {

namespace {
double quantile_type7(const std::vector<double>& sorted, double q) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * q;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}
}  // namespace

MarketPollStats poll_stats(std::span<const Listing> listings, GameIndex game, std::string source,
                           std::string polled_at, Date polled_date) {
  MarketPollStats s;
  s.game = game;
  s.source = std::move(source);
  s.polled_at = std::move(polled_at);
  s.polled_date = polled_date;
  std::vector<double> prices;
  for (const auto& l : listings) {
    prices.push_back(l.price);
    s.tickets += std::max(0, l.quantity);
  }
  s.count = prices.size();
  if (prices.empty()) return s;
  std::sort(prices.begin(), prices.end());
  double sum = 0.0;
  for (double p : prices) sum += p;
  const double mean = sum / static_cast<double>(prices.size());
  s.min = prices.front();
  s.max = prices.back();
  s.p10 = quantile_type7(prices, 0.10);
  s.median = quantile_type7(prices, 0.50);
  s.p90 = quantile_type7(prices, 0.90);
  s.mean = mean;
  if (prices.size() > 1) {
    double ss = 0.0;
    for (double p : prices) ss += (p - mean) * (p - mean);
    s.sd = std::sqrt(ss / static_cast<double>(prices.size() - 1));
  }
  return s;
}

}  // namespace seatsync

// INTERIM as well: listing_key and append_market_data for a CSV directory, until main's land.
#include <set>
#include <stdexcept>
#include <tuple>

#include "data/csv.hpp"

namespace seatsync {

std::string listing_key(const Dataset& data, const Listing& l) {
  std::string key = l.source + '\x1f';
  if (!l.listing_id.empty()) key += "id:" + l.listing_id;
  else
    key += data.games[l.game].id + '\x1f' + (l.code ? data.codes[*l.code].code : "") + '\x1f' + l.section + '\x1f' +
           csv::format_number(l.price) + '\x1f' + std::to_string(l.quantity);
  return key + '\x1f' + l.observed_at;
}

MarketAppendResult append_market_data(const DataSource& where, const Dataset& data, std::span<const Listing> listings,
                                      std::span<const MarketPollStats> stats) {
  if (!where.data_dir) throw std::invalid_argument("interim append_market_data: only --data DIR");
  MarketAppendResult r;
  Dataset out = data;
  std::set<std::string> keys;
  for (const auto& l : out.listings) keys.insert(listing_key(out, l));
  for (const auto& l : listings) {
    if (keys.insert(listing_key(out, l)).second) { out.listings.push_back(l); ++r.listings_added; }
    else ++r.listings_duplicate;
  }
  std::set<std::tuple<GameIndex, std::string, std::string>> polls;
  for (const auto& s : out.market_stats) polls.insert({s.game, s.source, s.polled_at});
  for (const auto& s : stats) {
    if (polls.insert({s.game, s.source, s.polled_at}).second) { out.market_stats.push_back(s); ++r.stats_added; }
    else ++r.stats_duplicate;
  }
  write_season_dir(out, *where.data_dir);
  return r;
}

}  // namespace seatsync
