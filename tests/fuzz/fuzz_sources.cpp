// The collector's sources file (parse_sources_toml), checked against a small dataset as
// `seatsync collect` does, and read as a section map (parse_section_map_toml). ValidationError is
// the answer to bad input; anything else escaping is a finding.
#include <cstdint>

#include "fuzz_support.hpp"
#include "seatsync/market_comparison.hpp"
#include "seatsync/market_source.hpp"
#include "seatsync/season_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  static const Dataset tiny = load_season_dir(SEATSYNC_TEST_DATA "/tiny");
  const std::string text = fuzz::as_text(data, size);
  try {
    const SourcesFile sources = parse_sources_toml(text, "sources.toml");
    for (const auto& s : sources.sources) (void)source_url(s, "G3 & G4/ü");
    validate_sources_against(sources, tiny, "sources.toml");
  } catch (const ValidationError& e) {
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
  try {
    (void)parse_section_map_toml(text, "sections.toml", tiny);
  } catch (const ValidationError& e) {
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
  return 0;
}
