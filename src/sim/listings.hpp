#pragma once
// Secondary-market observations around a game.
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/truth.hpp"

namespace seatsync::sim {

// Listings of one game: one per price-code group every `every_days` during the last
// `window_days` before it, priced around the market's median WTP. For upcoming games only
// those observed before as_of.
std::vector<Listing> draw_listings(const MarketTruth& truth, GameIndex game);

}  // namespace seatsync::sim
