// seatsync market-study: what the real secondary-market data shows (docs/market-data.md):
// the asking-price path before the event, and whether comp_p50 helps predict sell-through.
#include <iostream>
#include <memory>

#include "cli.hpp"
#include "seatsync/market_study.hpp"

namespace seatsync::cli {

namespace {

struct StudyOptions {
  std::string format, file, sections;
  std::uint64_t seed = 1;
};

void print_seatgeek(const MarketImport& import, std::ostream& out) {
  out << "SeatGeek NFL 2018, regular season: each poll's price relative to its game's own median over all its polls\n";
  std::vector<std::vector<std::string>> rows{{"days_to_event", "polls", "games", "lowest/own", "median/own", "listings"}};
  for (const auto& r : seatgeek_days_to_event(import))
    rows.push_back({r.bucket, std::to_string(r.polls), std::to_string(r.events), fixed_or_dash(r.lowest_ratio, 3),
                    fixed_or_dash(r.median_ratio, 3), fixed_or_dash(r.listing_count, 0)});
  print_text_table(rows, out);
}

void print_tracks(const MarketImport& import, std::uint64_t seed, const SectionMap* map, std::ostream& out) {
  out << "Asks on the market by hour before the scheduled start (all sites; each listing at its last ask in the hour)\n";
  std::vector<std::vector<std::string>> rows{{"event", "hours_before", "listings", "p10", "median", "p90", "median/first"}};
  for (const auto& r : asks_by_hour(import))
    rows.push_back({r.event, std::to_string(r.hours_before), std::to_string(r.listings), fixed_or_dash(r.p10, 0),
                    fixed_or_dash(r.median, 0), fixed_or_dash(r.p90, 0), fixed_or_dash(r.median_vs_first, 3)});
  print_text_table(rows, out);
  out << "\nPrice changes between a listing's consecutive sightings, by hours before the start\n";
  rows = {{"event", "hours_before", "pairs", "cuts", "raises", "median_cut", "median_raise"}};
  for (const auto& r : price_changes(import))
    rows.push_back({r.event, r.bucket, std::to_string(r.observations), std::to_string(r.cuts), std::to_string(r.raises),
                    fixed_or_dash(r.median_cut * 100, 1) + "%", fixed_or_dash(r.median_raise * 100, 1) + "%"});
  print_text_table(rows, out);
  const auto study = sell_through_study(import, map, seed);
  out << "\nDisappears before the next scrape: " << study.train_rows << " listing-hours train (rate "
      << fixed_or_dash(study.train_rate, 3) << "), " << study.test_rows << " test, later hours (rate "
      << fixed_or_dash(study.test_rate, 3) << ")\n";
  rows = {{"model", "features", "log_loss", "auc"}};
  for (const auto& s : study.scores)
    rows.push_back({s.model, s.model == "base rate" ? "-" : s.with_comp ? "+ price/comp_p50" : "price, hours, level, site, event",
                    fixed_or_dash(s.log_loss, 4), fixed_or_dash(s.auc, 4)});
  print_text_table(rows, out);
  out << "\nShare of listing-hours that disappeared, by price / comp_p50 (all hours)\n";
  rows = {{"price/comp_p50", "listing_hours", "disappeared"}};
  for (const auto& b : study.by_relative_price)
    rows.push_back({b.bucket, std::to_string(b.rows), fixed_or_dash(b.rate, 3)});
  print_text_table(rows, out);
}

}  // namespace

void add_market_study_command(CLI::App& app, Commands& commands) {
  auto opt = std::make_shared<StudyOptions>();
  auto* cmd = app.add_subcommand("market-study", "What real secondary-market data shows (price paths, comp_p50 and sell-through)");
  cmd->add_option("--format", opt->format, "seatgeek-stats | listing-tracks")
      ->required()
      ->check(CLI::IsMember({"seatgeek-stats", "listing-tracks"}));
  cmd->add_option("FILE", opt->file, "As for import-listings")->required();
  cmd->add_option("--sections", opt->sections, "CSV section,price_code (default: the section's level)");
  cmd->add_option("--seed", opt->seed, "Seed of the boosted trees")->capture_default_str();
  commands.push_back({cmd, [opt] {
    Diagnostics diag;
    std::optional<SectionMap> map;
    if (!opt->sections.empty()) map = parse_section_map(read_file_text(opt->sections), opt->sections, diag);
    auto import = opt->format == "seatgeek-stats" ? read_seatgeek_stats(opt->file, diag) : read_listing_tracks(opt->file, diag);
    diag.throw_if_errors();
    if (opt->format == "seatgeek-stats") print_seatgeek(import, std::cout);
    else print_tracks(import, opt->seed, map ? &*map : nullptr, std::cout);
  }});
}

}  // namespace seatsync::cli
