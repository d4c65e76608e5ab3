#pragma once
// One poll of one game's market, summarised: what `seatsync market` prints and trends. Stored
// beside the listings (market_stats.csv, or the store's market_stats table), because some
// sources give only these statistics (SeatGeek's event stats) and no listings.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"

namespace seatsync {

struct MarketPollStats {
  std::string game_id;
  std::string source;
  std::string polled_at;     // the poll's timestamp as stored in the listings' observed_at
  std::size_t count = 0;     // listings
  std::optional<double> min, p10, median, mean, p90, max, sd;  // per-ticket prices; empty when unknown
  long long tickets = 0;     // sum of quantities (0 when the source does not say)
};

// Of listings (one game, one source, one poll): unweighted by quantity — a poll's statistics
// describe the asks on the page, as marketplaces report them. Quantiles by linear
// interpolation (type 7); sd is the sample sd (empty for one listing). Empty input → count 0.
MarketPollStats poll_stats(std::span<const Listing> listings, std::string game_id, std::string source,
                           std::string polled_at);

}  // namespace seatsync
