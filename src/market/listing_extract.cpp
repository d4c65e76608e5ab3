// One page → its listings as written, by the source's kind.
#include "market/extractors.hpp"

namespace seatsync {

std::vector<ExtractedListing> extract_listings(const SourceConfig& source, std::string_view body) {
  switch (source.kind) {
    case SourceConfig::Kind::json: return extract_json_listings(source, body);
    case SourceConfig::Kind::html: return extract_html_listings(source, body);
  }
  return {};
}

}  // namespace seatsync
