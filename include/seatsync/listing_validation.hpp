#pragma once
// Extracted listings → the listings contract: prices parsed and bounded, sections mapped to
// price codes, currency checked. What is refused is kept with its reason, never dropped silently.
#include <string>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/listing_extract.hpp"
#include "seatsync/market_source.hpp"

namespace seatsync {

struct RejectedListing {
  std::string source, game_id, observed_at;
  ExtractedListing raw;
  std::string reason;   // "price is not a positive number: 'free'", "price 0.5 below min_price 1"
};

struct ValidatedListings {
  std::vector<Listing> accepted;        // code empty when the section is unmapped (and flagged below)
  std::vector<RejectedListing> flagged;  // accepted but worth a look: unmapped section
  std::vector<RejectedListing> rejected; // not stored
};

// `observed_at` is the poll's time (UTC, "2026-12-02T15:04:05Z"); observed_date is its date in
// the dataset's time zone (params.timezone) as every other timestamp of the dataset.
ValidatedListings validate_listings(const SourceConfig& source, const Dataset& data, GameIndex game,
                                    const std::string& observed_at, const std::vector<ExtractedListing>& items);

}  // namespace seatsync
