// seatsync import-listings: real secondary-market data (SeatGeek poll statistics, resale
// listing tracks) into a dataset's listings and market statistics (docs/market-data.md).
#include <spdlog/spdlog.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/listing_import.hpp"
#include "seatsync/market_stats.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/store.hpp"

namespace seatsync::cli {

namespace {

struct ImportListingsOptions {
  std::string format, file, data, db, sections, game_map;
};

// Whether `where` already holds a dataset (a directory with games.csv, or a store with one).
bool has_dataset(const ImportListingsOptions& opt) {
  if (!opt.data.empty()) return std::filesystem::exists(std::filesystem::path(opt.data) / "games.csv");
  if (!is_postgres_url(opt.db) && !std::filesystem::exists(opt.db)) return false;
  try {
    open_store(opt.db)->load();
    return true;
  } catch (const ValidationError&) {
    throw;
  } catch (const std::runtime_error&) {
    return false;  // a store without a dataset
  }
}

MarketImport read_source(const ImportListingsOptions& opt, Diagnostics& diag) {
  if (opt.format == "seatgeek-stats") return read_seatgeek_stats(opt.file, diag);
  return read_listing_tracks(opt.file, diag);
}

void run_import_listings(const ImportListingsOptions& opt) {
  Diagnostics diag;
  MarketImport import = read_source(opt, diag);
  std::optional<SectionMap> sections;
  if (!opt.sections.empty()) sections = parse_section_map(read_file_text(opt.sections), opt.sections, diag);
  std::map<std::string, std::string> game_of;
  if (!opt.game_map.empty()) game_of = parse_game_map(read_file_text(opt.game_map), opt.game_map, diag);
  diag.throw_if_errors();
  for (const auto& [what, count] : import.skipped) spdlog::info("left out: {} {}", count, what);
  for (const auto& note : import.notes) spdlog::info("note: {}", note);
  const SectionMap* section_map = sections ? &*sections : nullptr;

  DataSource where;
  if (!opt.data.empty()) where.data_dir = opt.data;
  else where.db = opt.db;
  const std::string target = opt.data.empty() ? redact_location(opt.db) : opt.data;
  if (!has_dataset(opt)) {
    if (!opt.game_map.empty())
      throw std::invalid_argument("--game-map: " + target + " has no dataset to map events onto");
    // A new dataset replaces every season file of the directory: never one the user already has.
    if (where.data_dir) {
      for (const char* name : {"seats.csv", "transactions.csv", "inventory.csv", "listings.csv", "market_stats.csv",
                               "params.toml"}) {
        if (std::filesystem::exists(*where.data_dir / name))
          throw std::invalid_argument(target + " has " + name + " but no games.csv: not a dataset to add to, and "
                                      "not an empty place for a new one (choose another --data directory)");
      }
    }
    Dataset data = market_only_dataset(import, section_map);
    Diagnostics check;
    validate_dataset(data, check);
    check.throw_if_errors();
    if (where.data_dir) write_season_dir(data, *where.data_dir);
    else open_store(opt.db)->replace(data);
    std::size_t unmapped = 0;
    for (const auto& l : data.listings) unmapped += l.code ? 0 : 1;
    std::cout << "created a market-only dataset in " << target << ": " << data.games.size() << " games, "
              << data.codes.size() << " price codes, " << data.listings.size() << " listings ("
              << unmapped << " without a price code), " << data.market_stats.size() << " poll statistics\n";
    return;
  }

  Dataset data = load_input(where);
  // Without a map, an event is the game of the same id: what an earlier import into a
  // market-only dataset made, so importing the same file again needs no map.
  if (opt.game_map.empty())
    for (const auto& e : import.events)
      if (data.find_game(e.key)) game_of[e.key] = e.key;
  if (game_of.empty() && !import.events.empty())
    throw std::invalid_argument(target + " already has a dataset whose game ids are not the source's events: "
                                "give --game-map FILE.csv (event,game_id)");
  MarketRows rows = to_market_rows(import, data, game_of, section_map);
  for (const auto& event : rows.unmatched_events) spdlog::warn("event '{}' matches no game: its rows were left out", event);
  auto result = append_market_data(where, data, rows.listings, rows.stats);
  std::cout << "appended to " << target << ": " << result.listings_added << " listings ("
            << result.listings_duplicate << " already there, " << rows.unmapped_sections
            << " without a price code), " << result.stats_added << " poll statistics (" << result.stats_duplicate
            << " already there); " << rows.unmatched_events.size() << " event(s) matched no game\n";
}

}  // namespace

void add_import_listings_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<ImportListingsOptions>();
  auto* cmd = app.add_subcommand("import-listings",
                                 "Import real secondary-market data (SeatGeek poll statistics, resale listing tracks)");
  cmd->add_option("--format", opt->format, "seatgeek-stats | listing-tracks")
      ->required()
      ->check(CLI::IsMember({"seatgeek-stats", "listing-tracks"}));
  cmd->add_option("FILE", opt->file,
                  "seatgeek-stats: the snapshots CSV (gzip or not); listing-tracks: its directory or one of its files")
      ->required();
  auto* data = cmd->add_option("--data", opt->data, "Dataset directory (created as a market-only dataset when it has none)");
  auto* db = cmd->add_option("--db", opt->db, std::string(kDbHelp) + " (likewise)");
  data->excludes(db);
  db->excludes(data);
  cmd->callback([data, db] {
    if (data->count() + db->count() != 1) throw CLI::RequiredError("--data DIR or --db FILE|URL");
  });
  cmd->add_option("--sections", opt->sections, "CSV section,price_code (default: the section's level)");
  cmd->add_option("--game-map", opt->game_map, "CSV event,game_id: where the events go in an existing dataset");
  commands.push_back({cmd, [opt] { run_import_listings(*opt); }});
}

}  // namespace seatsync::cli
