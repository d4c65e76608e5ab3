#pragma once
// Real secondary-market data into the listings contract (docs/market-data.md):
//  - seatgeek-stats: SeatGeek API snapshots, one row per event per poll with the poll's
//    statistics (listing count, lowest, median, average, highest) — poll statistics, not
//    listings, so they become MarketPollStats and no listing rows;
//  - listing-tracks: listing-level asking prices scraped repeatedly (events.csv, listings.csv,
//    listing_price_observations.csv) — real listings with sections, mapped to price codes.
// Reading is separate from placing the rows in a dataset: a MarketImport names events by the
// source's keys, and to_market_rows() turns them into a dataset's games by a game map.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/diagnostics.hpp"

namespace seatsync {

// One marketplace event.
struct MarketEvent {
  std::string key;      // SeatGeek's event_id, or listing-tracks' event_key
  std::string title;    // "Away at Home", or the event's name
  Date date;            // local calendar date of the start
  std::int64_t start_utc = 0;  // scheduled start, seconds since 1970-01-01T00:00:00Z
  std::string venue;
};

// One observed ask, before it is tied to a game: the event's key and the section as written.
struct ImportedListing {
  std::string event;
  std::string source;      // the marketplace: seatgeek, stubhub, vividseats
  std::string listing_id;
  std::string section;
  std::int64_t observed_utc = 0;
  std::string observed_at;  // venue-local wall time "YYYY-MM-DDTHH:MM:SS" (the contract's local time)
  double price = 0.0;
};

// One poll of one event's market as the source summarised it.
struct ImportedPoll {
  std::string event;
  std::int64_t polled_utc = 0;
  MarketPollStats stats;  // game unset; polled_at local wall time, as ImportedListing
};

struct MarketImport {
  std::string source_label;  // what the statistics' `source` is (seatgeek)
  std::vector<MarketEvent> events;
  std::vector<ImportedListing> listings;
  std::vector<ImportedPoll> polls;
  // What was left out on purpose, with counts, for the command's summary ("non-NFL rows: 1571").
  std::vector<std::pair<std::string, std::size_t>> skipped;
  std::vector<std::string> notes;  // facts about the data worth a line on stderr (relocated games)
};

// A file's whole text; a gzip file (RFC 1952, by its magic bytes) is decompressed by zlib on the
// way. nullopt when it cannot be read or does not decompress.
std::optional<std::string> read_text_maybe_gzip(const std::filesystem::path& file);

// seatgeek_event_snapshots.csv(.gz). Keeps event_type "nfl" only; a poll taken after kickoff
// (negative hours_to_event) is left out; a row with no listings (empty listing_count) is a poll
// with count 0. Bad fields are reported as LABEL:LINE: COLUMN into `diag`.
MarketImport parse_seatgeek_stats(std::string_view text, const std::string& label, Diagnostics& diag);
MarketImport read_seatgeek_stats(const std::filesystem::path& file, Diagnostics& diag);

// The three listing-tracks tables. A listing id listed twice (a relabelled listing) keeps the
// row seen last (latest last_seen_utc); events without price observations bring no rows.
// Each (event, site, scrape hour) also gets a poll: the statistics of the asks seen in that hour
// (each listing's last price in the hour).
struct ListingTracksText {
  std::string events, listings, observations;
  std::string events_label = "events.csv", listings_label = "listings.csv",
              observations_label = "listing_price_observations.csv";
};
MarketImport parse_listing_tracks(const ListingTracksText& text, Diagnostics& diag);
// `where` is the directory holding the three files, or any one of them.
MarketImport read_listing_tracks(const std::filesystem::path& where, Diagnostics& diag);

// The default section → price-code rule: a numeric section of three or more digits is on the
// level of its first digit ("118" → "L1", "1203" → "L1"); a one- or two-digit number is below
// the 100 level ("12" → "L0"); otherwise the leading word names the level, title-cased, with
// the usual abbreviations spelt out ("Loge 12" → "Loge", "C 133" / "Club 133" → "Club",
// "Bal 3" → "Balcony", "GROUNDS PASS" → "Grounds"). Empty → empty (unmapped).
std::string default_section_level(std::string_view section);

// A user's map (CSV: section,price_code). A section it lacks stays unmapped (empty code).
using SectionMap = std::map<std::string, std::string>;
SectionMap parse_section_map(std::string_view text, const std::string& label, Diagnostics& diag);
// A game map (CSV: event,game_id).
std::map<std::string, std::string> parse_game_map(std::string_view text, const std::string& label,
                                                  Diagnostics& diag);

// The rows for a dataset. `game_of` gives an event's game_id (events it lacks are unmatched);
// `section_map` (nullptr = default_section_level) gives a section's code, which must be one of
// data's codes to be kept (otherwise the listing keeps its section and an empty code).
struct MarketRows {
  std::vector<Listing> listings;
  std::vector<MarketPollStats> stats;
  std::vector<std::string> unmatched_events;   // keys with no game
  std::size_t unmapped_sections = 0;           // listings left without a price code
};
MarketRows to_market_rows(const MarketImport& import, const Dataset& data,
                          const std::map<std::string, std::string>& game_of, const SectionMap* section_map);

// A market-only dataset for a directory that has none: one game per event (game_id = the event
// key, tier 1, the title as opponent), one price code per section level met (its own group;
// capacity = the most distinct listings it had at one event, floor 0: placeholders, since a
// market-only dataset sells nothing), no orders; then its rows as to_market_rows gives them.
Dataset market_only_dataset(const MarketImport& import, const SectionMap* section_map);

}  // namespace seatsync
