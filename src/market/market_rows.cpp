// Placing imported market data in a dataset: events to games, sections to price codes.
#include <algorithm>
#include <set>

#include "seatsync/listing_import.hpp"

namespace seatsync {

namespace {

std::string level_of(const std::string& section, const SectionMap* map) {
  if (!map) return default_section_level(section);
  auto it = map->find(section);
  return it == map->end() ? "" : it->second;
}

}  // namespace

MarketRows to_market_rows(const MarketImport& import, const Dataset& data,
                          const std::map<std::string, std::string>& game_of, const SectionMap* section_map) {
  MarketRows out;
  std::set<std::string> unmatched;
  auto game = [&](const std::string& event) -> std::optional<GameIndex> {
    auto it = game_of.find(event);
    std::optional<GameIndex> g;
    if (it != game_of.end()) g = data.find_game(it->second);
    if (!g) unmatched.insert(event);
    return g;
  };
  for (const auto& l : import.listings) {
    auto g = game(l.event);
    if (!g) continue;
    Listing row;
    row.game = *g;
    const std::string level = level_of(l.section, section_map);
    if (!level.empty()) row.code = data.find_code(level);
    if (!row.code) ++out.unmapped_sections;
    row.observed_at = l.observed_at;
    row.observed_date = *parse_date_or_datetime(l.observed_at);
    row.price = l.price;
    row.quantity = 0;  // the source does not say
    row.source = l.source;
    row.listing_id = l.listing_id;
    row.section = l.section;
    out.listings.push_back(std::move(row));
  }
  for (const auto& p : import.polls) {
    auto g = game(p.event);
    if (!g) continue;
    out.stats.push_back(p.stats);
    out.stats.back().game = *g;
  }
  out.unmatched_events.assign(unmatched.begin(), unmatched.end());
  return out;
}

Dataset market_only_dataset(const MarketImport& import, const SectionMap* section_map) {
  Dataset data;
  std::vector<const MarketEvent*> events;
  for (const auto& e : import.events) events.push_back(&e);
  std::sort(events.begin(), events.end(), [](const MarketEvent* a, const MarketEvent* b) {
    return a->start_utc != b->start_utc ? a->start_utc < b->start_utc : a->key < b->key;
  });
  std::map<std::string, std::string> game_of;
  for (const auto* e : events) {
    data.games.push_back({e->key, e->date, 1, e->title});
    game_of[e->key] = e->key;
  }
  // Levels in first-seen order; capacity = the most distinct listings a level had at one event.
  std::map<std::string, std::map<std::string, std::set<std::string>>> ids;  // level → event → ids
  std::vector<std::string> levels;
  for (const auto& l : import.listings) {
    const std::string level = level_of(l.section, section_map);
    if (level.empty()) continue;
    if (!ids.count(level)) levels.push_back(level);
    ids[level][l.event].insert(l.listing_id);
  }
  for (const auto& level : levels) {
    std::size_t most = 1;
    for (const auto& [event, set] : ids[level]) most = std::max(most, set.size());
    data.codes.push_back({level, level, static_cast<int>(most), 0.0});
  }
  data.reindex();
  auto rows = to_market_rows(import, data, game_of, section_map);
  data.listings = std::move(rows.listings);
  data.market_stats = std::move(rows.stats);
  return data;
}

}  // namespace seatsync
