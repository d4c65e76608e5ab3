#pragma once
// What the market says about one (game, price code): the spread of competitor prices — seed
// 003's comp_p10 / comp_p50 / comp_p90 — weighted by the tickets each listing offers.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"

namespace seatsync {

struct CompetitorPrice {
  double price = 0.0;
  int quantity = 1;
  std::string source;
};

struct MarketSummary {
  double p10 = 0.0, p50 = 0.0, p90 = 0.0;
  std::size_t count = 0;  // listings behind the summary
  std::string source;     // the most common source, or "mixed: a, b"
};

// Quantiles of the prices weighted by quantity (a listing of 4 seats counts 4 times; quantity
// <= 0 counts once), by the inverse of the weighted empirical distribution. Listings whose price
// is not a finite positive number are skipped; none left = nullopt.
std::optional<MarketSummary> summarize_market(std::span<const CompetitorPrice> listings);

// Of one game's stored listings, those of `code` observed from `days` days before `day` up to
// `day` (observed_at's date); listings not tied to a code count when the code has none of its own.
std::vector<CompetitorPrice> stored_competitors(std::span<const Listing> game_listings, CodeIndex code, Date day,
                                                int days);

}  // namespace seatsync
