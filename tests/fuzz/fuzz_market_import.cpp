// Real market data imports (listing_import.hpp): SeatGeek statistics snapshots, the three
// listing-tracks tables, section and game maps, then the rows placed in a small dataset and a
// market-only dataset, as `seatsync market import` does. The input holds the files as `head`
// prints them (fuzz_support.hpp): seatgeek.csv, events.csv, listings.csv,
// listing_price_observations.csv, sections.csv, games.csv; seatgeek.csv also goes through the
// gzip-or-text file reader. Problems are reported into Diagnostics (or ValidationError).
#include <cstdint>
#include <map>
#include <string>

#include "fuzz_support.hpp"
#include "seatsync/listing_import.hpp"
#include "seatsync/season_io.hpp"

namespace {
void use(const seatsync::MarketImport& import, const seatsync::Dataset& data, const std::map<std::string, std::string>& games,
         const seatsync::SectionMap* sections) {
  (void)seatsync::to_market_rows(import, data, games, sections);
  (void)seatsync::market_only_dataset(import, sections);
  for (const auto& l : import.listings) (void)seatsync::default_section_level(l.section);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  static const Dataset tiny = load_season_dir(SEATSYNC_TEST_DATA "/tiny");
  static const fuzz::ScratchDir dir("market");
  std::map<std::string, std::string> files;
  for (auto& [name, text] : fuzz::split_files(fuzz::as_text(data, size))) files[name] = std::move(text);

  Diagnostics diag;
  const SectionMap sections = parse_section_map(files["sections.csv"], "sections.csv", diag);
  const auto games = parse_game_map(files["games.csv"], "games.csv", diag);
  const SectionMap* map = sections.empty() ? nullptr : &sections;
  try {
    if (files.count("seatgeek.csv")) {
      use(parse_seatgeek_stats(files["seatgeek.csv"], "seatgeek.csv", diag), tiny, games, map);
      fuzz::write_text(dir / "seatgeek.csv.gz", files["seatgeek.csv"]);
      if (const auto text = read_text_maybe_gzip(dir / "seatgeek.csv.gz"))
        use(parse_seatgeek_stats(*text, "seatgeek.csv.gz", diag), tiny, games, map);
    }
    ListingTracksText tracks{files["events.csv"], files["listings.csv"], files["listing_price_observations.csv"]};
    if (!tracks.events.empty() || !tracks.listings.empty() || !tracks.observations.empty())
      use(parse_listing_tracks(tracks, diag), tiny, games, map);
  } catch (const ValidationError& e) {
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
  for (const auto& d : diag.items()) (void)d.format();
  return 0;
}
