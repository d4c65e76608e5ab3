#pragma once
// The collector's rejects file: every listing it refused or flagged, with the reason, so a person
// can see what a source's page held that did not make it into the listings (docs/market-data.md).
#include <filesystem>
#include <span>

#include "seatsync/listing_validation.hpp"

namespace seatsync {

// Appends rows "observed_at,source,game_id,status,item,price,quantity,section,listing_id,currency,
// reason" (status rejected | flagged) to `file`, creating it with its header; the file is
// replaced atomically, so a reader sees it before or after, never half-written.
void append_rejects_file(const std::filesystem::path& file, std::span<const RejectedListing> rejected,
                         std::span<const RejectedListing> flagged);

}  // namespace seatsync
