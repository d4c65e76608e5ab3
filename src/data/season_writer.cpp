// Writes a dataset in the public CSV contract, one atomically renamed file at a time.
#include <algorithm>

#include "csv.hpp"
#include "seatsync/atomic_file.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync {
namespace fs = std::filesystem;

namespace {
using csv::format_number;

void write_games(const Dataset& d, std::ostream& out) {
  csv::write_row(out, {"game_id", "game_date", "tier", "opponent"});
  for (const auto& g : d.games) csv::write_row(out, {g.id, g.date.str(), std::to_string(g.tier), g.opponent});
}

void write_seats(const Dataset& d, std::ostream& out) {
  csv::write_row(out, {"price_code", "group", "capacity", "floor_price"});
  for (const auto& c : d.codes)
    csv::write_row(out, {c.code, c.group, std::to_string(c.capacity), format_number(c.floor_price)});
}

void write_transactions(const Dataset& d, std::ostream& out, const ProgressFn& progress) {
  csv::write_row(out, {"game_id", "price_code", "sold_at", "quantity", "price"});
  const auto n = d.transactions.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto& t = d.transactions[i];
    csv::write_row(out, {d.games[t.game].id, d.codes[t.code].code, t.sold_at, std::to_string(t.quantity),
                         format_number(t.price)});
    if (i % 20000 == 0) report(progress, "write transactions", i, n);
  }
  report(progress, "write transactions", n, n);
}

void write_inventory(const Dataset& d, std::ostream& out) {
  // observed_at is optional: written only when some row has it, so older readers see no change.
  const bool observed = std::any_of(d.inventory.begin(), d.inventory.end(),
                                    [](const InventoryRow& r) { return !r.observed_at.empty(); });
  std::vector<std::string> header{"game_id", "price_code", "remaining", "current_price"};
  if (observed) header.push_back("observed_at");
  csv::write_row(out, header);
  for (const auto& r : d.inventory) {
    std::vector<std::string> row{d.games[r.game].id, d.codes[r.code].code, std::to_string(r.remaining),
                                 format_number(r.current_price)};
    if (observed) row.push_back(r.observed_at);
    csv::write_row(out, row);
  }
}

void write_listings(const Dataset& d, std::ostream& out) {
  // listing_id and section, like inventory's observed_at, only when some row has them.
  const bool ids = std::any_of(d.listings.begin(), d.listings.end(), [](const Listing& l) { return !l.listing_id.empty(); });
  const bool sections = std::any_of(d.listings.begin(), d.listings.end(), [](const Listing& l) { return !l.section.empty(); });
  std::vector<std::string> header{"game_id", "price_code", "observed_at", "price", "quantity", "source"};
  if (ids) header.push_back("listing_id");
  if (sections) header.push_back("section");
  csv::write_row(out, header);
  for (const auto& l : d.listings) {
    std::vector<std::string> row{d.games[l.game].id, l.code ? d.codes[*l.code].code : "", l.observed_at,
                                 format_number(l.price), std::to_string(l.quantity), l.source};
    if (ids) row.push_back(l.listing_id);
    if (sections) row.push_back(l.section);
    csv::write_row(out, row);
  }
}
void write_market_stats(const Dataset& d, std::ostream& out) {
  csv::write_row(out, {"game_id", "source", "polled_at", "count", "min", "p10", "median", "mean", "p90", "max",
                       "sd", "tickets"});
  auto cell = [](const std::optional<double>& v) { return v ? format_number(*v) : std::string(); };
  for (const auto& s : d.market_stats)
    csv::write_row(out, {d.games[s.game].id, s.source, s.polled_at, std::to_string(s.count), cell(s.min),
                         cell(s.p10), cell(s.median), cell(s.mean), cell(s.p90), cell(s.max), cell(s.sd),
                         std::to_string(s.tickets)});
}
}  // namespace

void write_market_tables(const Dataset& data, const fs::path& dir) {
  // Statistics first: listings.csv is the commit point of an append, so a crash between the two
  // renames can leave a poll's statistics without its listings, never listings without them.
  if (data.market_stats.empty()) fs::remove(dir / "market_stats.csv");
  else write_file_atomic(dir / "market_stats.csv", [&](std::ostream& o) { write_market_stats(data, o); });
  if (data.listings.empty()) fs::remove(dir / "listings.csv");
  else write_file_atomic(dir / "listings.csv", [&](std::ostream& o) { write_listings(data, o); });
}

void write_season_dir(const Dataset& data, const fs::path& dir, const ProgressFn& progress) {
  fs::create_directories(dir);
  write_file_atomic(dir / "seats.csv", [&](std::ostream& o) { write_seats(data, o); });
  write_file_atomic(dir / "games.csv", [&](std::ostream& o) { write_games(data, o); });
  write_file_atomic(dir / "transactions.csv", [&](std::ostream& o) { write_transactions(data, o, progress); });
  // An optional file the dataset does not have must not survive from an earlier dataset.
  auto write_or_remove = [&](const char* name, bool present, const std::function<void(std::ostream&)>& write) {
    if (present) write_file_atomic(dir / name, write);
    else fs::remove(dir / name);
  };
  write_or_remove("inventory.csv", !data.inventory.empty(), [&](std::ostream& o) { write_inventory(data, o); });
  write_market_tables(data, dir);
  write_or_remove("params.toml", !data.params_toml.empty(), [&](std::ostream& o) { o << data.params_toml; });
}

}  // namespace seatsync
