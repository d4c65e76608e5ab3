#include "seatsync/dataset.hpp"

#include <algorithm>
#include <limits>
#include <set>

namespace seatsync {

void Dataset::reindex() {
  game_index_.clear();
  code_index_.clear();
  for (GameIndex i = 0; i < games.size(); ++i) game_index_.emplace(games[i].id, i);
  for (CodeIndex i = 0; i < codes.size(); ++i) code_index_.emplace(codes[i].code, i);
}

std::optional<GameIndex> Dataset::find_game(std::string_view id) const {
  auto it = game_index_.find(std::string(id));
  if (it == game_index_.end()) return std::nullopt;
  return it->second;
}

std::optional<CodeIndex> Dataset::find_code(std::string_view code) const {
  auto it = code_index_.find(std::string(code));
  if (it == code_index_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Dataset::groups() const {
  std::vector<std::string> out;
  for (const auto& c : codes)
    if (std::find(out.begin(), out.end(), c.group) == out.end()) out.push_back(c.group);
  return out;
}

std::vector<int> Dataset::tiers_present() const {
  std::set<int> tiers;
  for (const auto& g : games) tiers.insert(g.tier);
  return {tiers.begin(), tiers.end()};
}

std::optional<Date> Dataset::last_sale_day() const {
  if (transactions.empty()) return std::nullopt;
  Date last = transactions.front().sold_date;
  for (const auto& t : transactions) last = std::max(last, t.sold_date);
  return last;
}

Date day_after_last_sale(const Dataset& data) {
  const auto last = data.last_sale_day();
  return last ? *last + 1 : Date::from_days(std::numeric_limits<std::int32_t>::min() / 2) + 1;
}

}  // namespace seatsync
