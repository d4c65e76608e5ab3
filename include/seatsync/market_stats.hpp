#pragma once
// A poll's statistics from its listings, and appending what a poll brought to where the
// dataset lives — listings.csv and market_stats.csv (each replaced atomically) or the store
// (one transaction) — without duplicating what is already there.
#include <span>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/source.hpp"
#include "seatsync/store.hpp"

namespace seatsync {

// Of one game's listings from one source in one poll, unweighted by quantity (a poll's
// statistics describe the asks on the page, as marketplaces report them). Quantiles by linear
// interpolation (type 7); sd the sample sd (empty for one listing); no listings → count 0.
MarketPollStats poll_stats(std::span<const Listing> listings, GameIndex game, std::string source,
                           std::string polled_at, Date polled_date);

// A listing's identity: source, its listing_id (or, without one, game, code, section, price and
// quantity), observed_at. Re-collecting or re-importing the same poll adds nothing.
std::string listing_key(const Dataset& data, const Listing& listing);

// Which of `incoming` are not among `stored` nor repeated earlier in `incoming` (by
// listing_key, and (game, source, polled_at) for stats); both name indexes of `data`.
struct NewMarketRows {
  std::vector<Listing> listings;
  std::vector<MarketPollStats> stats;
};
NewMarketRows new_market_rows(const Dataset& data, std::span<const Listing> stored_listings,
                              std::span<const MarketPollStats> stored_stats, std::span<const Listing> incoming,
                              std::span<const MarketPollStats> incoming_stats);

// `data` is the dataset loaded from `where` (its games and codes name the rows' indexes).
// Stats are keyed by (game, source, polled_at). A directory gets listings.csv and
// market_stats.csv rewritten from the merged rows (each atomically: temporary file, rename),
// comma-separated; a database one transaction (Store::append_market).
MarketAppendResult append_market_data(const DataSource& where, const Dataset& data, std::span<const Listing> listings,
                                      std::span<const MarketPollStats> stats);

}  // namespace seatsync
