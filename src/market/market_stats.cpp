// A poll's statistics, a listing's identity, and appending market rows without duplicates.
#include "seatsync/market_stats.hpp"

#include "seatsync/file_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <system_error>
#include <tuple>

#include "seatsync/sample_quantile.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync {

namespace {

// The shortest text that reads back as the same double: equal prices give equal keys.
std::string exact(double value) {
  char buffer[32];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  return std::string(buffer, end);
}

using PollKey = std::tuple<GameIndex, std::string, std::string>;
PollKey poll_key(const MarketPollStats& s) { return {s.game, s.source, s.polled_at}; }

}  // namespace

MarketPollStats poll_stats(std::span<const Listing> listings, GameIndex game, std::string source,
                           std::string polled_at, Date polled_date) {
  MarketPollStats stats;
  stats.game = game;
  stats.source = std::move(source);
  stats.polled_at = std::move(polled_at);
  stats.polled_date = polled_date;
  std::vector<double> prices;
  prices.reserve(listings.size());
  for (const Listing& l : listings) {
    if (!std::isfinite(l.price) || l.price <= 0) continue;
    prices.push_back(l.price);
    stats.tickets += std::max(l.quantity, 0);
  }
  stats.count = prices.size();
  if (prices.empty()) return stats;
  std::sort(prices.begin(), prices.end());
  const double n = static_cast<double>(prices.size());
  const double mean = std::accumulate(prices.begin(), prices.end(), 0.0) / n;
  stats.min = prices.front();
  stats.max = prices.back();
  stats.p10 = sorted_quantile(prices, 0.10);
  stats.median = sorted_quantile(prices, 0.50);
  stats.p90 = sorted_quantile(prices, 0.90);
  stats.mean = mean;
  if (prices.size() > 1) {
    double squares = 0.0;
    for (double p : prices) squares += (p - mean) * (p - mean);
    stats.sd = std::sqrt(squares / (n - 1.0));
  }
  return stats;
}

std::string listing_key(const Dataset& data, const Listing& listing) {
  // Fields joined by a byte no CSV field of ours contains unquoted; the marketplace's own id,
  // when given, identifies the listing better than its (changeable) fields.
  constexpr char sep = '\x1f';
  std::string key = listing.source + sep + listing.observed_at + sep;
  if (!listing.listing_id.empty()) return key + "id" + sep + listing.listing_id;
  key += data.games.at(listing.game).id;
  key += sep;
  key += listing.code ? data.codes.at(*listing.code).code : std::string();
  key += sep + listing.section + sep + exact(listing.price) + sep + std::to_string(listing.quantity);
  return key;
}

NewMarketRows new_market_rows(const Dataset& data, std::span<const Listing> stored_listings,
                              std::span<const MarketPollStats> stored_stats, std::span<const Listing> incoming,
                              std::span<const MarketPollStats> incoming_stats) {
  NewMarketRows rows;
  std::set<std::string> seen;
  for (const Listing& l : stored_listings) seen.insert(listing_key(data, l));
  for (const Listing& l : incoming)
    if (seen.insert(listing_key(data, l)).second) rows.listings.push_back(l);
  std::set<PollKey> polls;
  for (const MarketPollStats& s : stored_stats) polls.insert(poll_key(s));
  for (const MarketPollStats& s : incoming_stats)
    if (polls.insert(poll_key(s)).second) rows.stats.push_back(s);
  return rows;
}

MarketAppendResult append_market_data(const DataSource& where, const Dataset& data, std::span<const Listing> listings,
                                      std::span<const MarketPollStats> stats) {
  if (where.db) return open_store(*where.db)->append_market(data, listings, stats);
  if (!where.data_dir) throw std::invalid_argument("append_market_data: neither a directory nor a database given");
  if (where.csv.delimiter != ',')
    throw std::invalid_argument("appending market data writes comma-separated files; " +
                                where.data_dir->string() + " is read with delimiter '" +
                                std::string(1, where.csv.delimiter) + "'");
  // Two processes appending to one directory take turns instead of one overwriting the other's rows.
  const FileLock lock(*where.data_dir / ".market.lock");
  // Re-read under the lock: another process may have appended since `data` was loaded.
  Dataset current = load_season_dir(*where.data_dir, nullptr, where.csv);
  // The rows name games and codes by index into `data`: those must still mean the same.
  auto same_ids = [&] {
    if (current.games.size() != data.games.size() || current.codes.size() != data.codes.size()) return false;
    for (std::size_t g = 0; g < data.games.size(); ++g)
      if (current.games[g].id != data.games[g].id) return false;
    for (std::size_t c = 0; c < data.codes.size(); ++c)
      if (current.codes[c].code != data.codes[c].code) return false;
    return true;
  };
  if (!same_ids())
    throw std::runtime_error(where.data_dir->string() + ": games or price codes changed while collecting; run again");
  NewMarketRows rows = new_market_rows(current, current.listings, current.market_stats, listings, stats);
  const MarketAppendResult result{rows.listings.size(), listings.size() - rows.listings.size(), rows.stats.size(),
                                  stats.size() - rows.stats.size()};
  if (rows.listings.empty() && rows.stats.empty()) return result;
  current.listings.insert(current.listings.end(), rows.listings.begin(), rows.listings.end());
  current.market_stats.insert(current.market_stats.end(), rows.stats.begin(), rows.stats.end());
  write_market_tables(current, *where.data_dir);
  return result;
}

}  // namespace seatsync
