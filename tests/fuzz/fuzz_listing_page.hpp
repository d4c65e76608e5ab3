#pragma once
// The input of the listing-extraction targets (fuzz_listing_json, fuzz_listing_html): six lines of
// locators — items, price, quantity, section, listing_id, currency — then the page. The page's
// listings are extracted and validated as `seatsync collect` does, against a small dataset.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "seatsync/listing_extract.hpp"
#include "seatsync/listing_validation.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync::fuzz {

inline int extract_page(SourceConfig::Kind kind, const std::uint8_t* data, std::size_t size) {
  static const Dataset tiny = load_season_dir(SEATSYNC_TEST_DATA "/tiny");
  const std::string text = as_text(data, size);
  SourceConfig source;
  source.name = "fuzz";
  source.kind = kind;
  source.url = "https://tickets.example/{game_id}";
  source.expected_currency = "USD";
  source.sections = {{"Floor", "A"}, {"Upper 3", "P"}};
  std::string* fields[] = {&source.items, &source.price, &source.quantity, &source.section, &source.listing_id,
                           &source.currency};
  std::size_t pos = 0;
  for (std::string* field : fields) {
    const std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) return 0;
    *field = text.substr(pos, nl - pos);
    pos = nl + 1;
  }
  std::vector<ExtractedListing> items;
  try {
    items = extract_listings(source, std::string_view(text).substr(pos));
  } catch (const ExtractionError&) {
    return 0;
  } catch (const std::invalid_argument&) {  // a selector it cannot read (named by position)
    return 0;
  }
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].index != i) std::abort();  // listings come in page order
  const auto game = tiny.find_game("G3");
  const ValidatedListings v = validate_listings(source, tiny, *game, "2025-12-30T15:04:05Z", items);
  if (v.accepted.size() + v.rejected.size() != items.size()) std::abort();  // none dropped silently
  for (const auto& l : v.accepted)
    if (!(l.price >= source.min_price && l.price <= source.max_price)) std::abort();
  return 0;
}

}  // namespace seatsync::fuzz
