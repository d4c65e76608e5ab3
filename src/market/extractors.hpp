#pragma once
// The two page readers behind extract_listings (listing_extract.cpp dispatches on the kind).
#include <string_view>
#include <vector>

#include "seatsync/listing_extract.hpp"

namespace seatsync {

std::vector<ExtractedListing> extract_json_listings(const SourceConfig& source, std::string_view body);
std::vector<ExtractedListing> extract_html_listings(const SourceConfig& source, std::string_view body);

}  // namespace seatsync
