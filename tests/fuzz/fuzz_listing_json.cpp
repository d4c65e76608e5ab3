// The collector's JSON listing extraction (JSON pointers) and validation; see fuzz_listing_page.hpp.
#include "fuzz_listing_page.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return seatsync::fuzz::extract_page(seatsync::SourceConfig::Kind::json, data, size);
}
