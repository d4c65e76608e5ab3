#include "seatsync/season_summary.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace seatsync {

SeasonSummary summarize(const Dataset& data) {
  SeasonSummary s;
  s.games = data.games.size();
  for (const auto& g : data.games) ++s.games_per_tier[g.tier];
  std::set<GameIndex> upcoming;
  for (const auto& r : data.inventory) upcoming.insert(r.game);
  s.upcoming_games = upcoming.size();

  s.groups = data.groups();
  for (const auto& b : data.params.buckets) s.buckets.push_back(b.name);
  s.by_group_bucket.assign(s.groups.size(), std::vector<SalesCell>(s.buckets.size()));
  s.by_group.assign(s.groups.size(), {});

  std::vector<std::size_t> group_of(data.codes.size());
  for (std::size_t c = 0; c < data.codes.size(); ++c)
    group_of[c] = static_cast<std::size_t>(
        std::find(s.groups.begin(), s.groups.end(), data.codes[c].group) - s.groups.begin());

  for (const auto& t : data.transactions) {
    auto add = [&](SalesCell& cell) {
      cell.orders += 1;
      cell.tickets += t.quantity;
      cell.revenue += t.quantity * t.price;
    };
    auto bucket = data.params.bucket_index(data.days_before(t));
    if (!bucket) {
      s.outside_buckets += t.quantity;
      continue;
    }
    add(s.by_group_bucket[group_of[t.code]][*bucket]);
    add(s.by_group[group_of[t.code]]);
    add(s.total);
  }
  return s;
}

namespace {
std::string money(double v) {
  if (v >= 1e6) return fmt::format("${:.2f}M", v / 1e6);
  if (v >= 1e4) return fmt::format("${:.1f}k", v / 1e3);
  return fmt::format("${:.0f}", v);
}
}  // namespace

std::string format_summary(const SeasonSummary& s) {
  std::string out;
  out += fmt::format("Games: {} ({} upcoming with inventory)\n", s.games, s.upcoming_games);
  out += "  tier  games\n";
  for (const auto& [tier, n] : s.games_per_tier) out += fmt::format("  {:>4}  {:>5}\n", tier, n);

  std::size_t width = 5;
  for (const auto& g : s.groups) width = std::max(width, g.size());
  auto table = [&](const char* title, auto cell_text) {
    out += fmt::format("\n{}\n  {:<{}}", title, "group", width);
    for (const auto& b : s.buckets) out += fmt::format(" {:>9}", b);
    out += fmt::format(" {:>10}\n", "all");
    for (std::size_t g = 0; g < s.groups.size(); ++g) {
      out += fmt::format("  {:<{}}", s.groups[g], width);
      for (const auto& cell : s.by_group_bucket[g]) out += fmt::format(" {:>9}", cell_text(cell));
      out += fmt::format(" {:>10}\n", cell_text(s.by_group[g]));
    }
  };
  table("Tickets sold by group and bucket (days before the game)",
        [](const SalesCell& c) { return std::to_string(c.tickets); });
  table("Revenue", [](const SalesCell& c) { return money(c.revenue); });
  table("Average price per ticket", [](const SalesCell& c) {
    return c.tickets ? fmt::format("${:.2f}", c.average_price()) : std::string("-");
  });
  out += fmt::format("\nTotal: {} orders, {} tickets, {} revenue, average ${:.2f}\n", s.total.orders,
                     s.total.tickets, money(s.total.revenue), s.total.average_price());
  if (s.outside_buckets > 0)
    out += fmt::format("({} tickets sold before the first bucket opens are not counted)\n", s.outside_buckets);
  return out;
}

}  // namespace seatsync
