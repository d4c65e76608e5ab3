#pragma once
// A poll's statistics from its listings, and appending what a poll brought to where the
// dataset lives — listings.csv and market_stats.csv (each replaced atomically) or the store
// (one transaction) — without duplicating what is already there.
#include <span>
#include <string>

#include "seatsync/dataset.hpp"
#include "seatsync/source.hpp"

namespace seatsync {

// Of one game's listings from one source in one poll, unweighted by quantity (a poll's
// statistics describe the asks on the page, as marketplaces report them). Quantiles by linear
// interpolation (type 7); sd the sample sd (empty for one listing); no listings → count 0.
MarketPollStats poll_stats(std::span<const Listing> listings, GameIndex game, std::string source,
                           std::string polled_at, Date polled_date);

// A listing's identity: source, its listing_id (or, without one, game, code, section, price and
// quantity), observed_at. Re-collecting or re-importing the same poll adds nothing.
std::string listing_key(const Dataset& data, const Listing& listing);

struct MarketAppendResult {
  std::size_t listings_added = 0, listings_duplicate = 0, stats_added = 0, stats_duplicate = 0;
};

// `data` is the dataset loaded from `where` (its games and codes name the rows' indexes).
// Stats are keyed by (game, source, polled_at).
MarketAppendResult append_market_data(const DataSource& where, const Dataset& data, std::span<const Listing> listings,
                                      std::span<const MarketPollStats> stats);

}  // namespace seatsync
