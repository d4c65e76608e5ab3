// The rules a season dataset obeys whatever its source (CSV directory or store).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <unordered_set>

#include <fmt/format.h>

#include "seatsync/season_io.hpp"

namespace seatsync {
namespace {

const char* table_name(SeasonTable t) {
  switch (t) {
    case SeasonTable::games: return "games";
    case SeasonTable::seats: return "seats";
    case SeasonTable::transactions: return "transactions";
    case SeasonTable::inventory: return "inventory";
    case SeasonTable::listings: return "listings";
    case SeasonTable::market_stats: return "market_stats";
  }
  return "?";
}

std::string money(double v) { return fmt::format("{:.2f}", v); }

class Validator {
 public:
  Validator(const Dataset& data, Diagnostics& diag, const RowLocator& locate)
      : data_(data), diag_(diag), locate_(locate) {}

  void run() {
    games();
    seats();
    transactions();
    inventory();
    listings();
    market_stats();
  }

 private:
  void error(SeasonTable t, std::size_t row, const std::string& column, const std::string& message) {
    auto [file, line] = where(t, row);
    diag_.error(file, line, column, message);
  }
  void warning(SeasonTable t, std::size_t row, const std::string& column, const std::string& message) {
    auto [file, line] = where(t, row);
    diag_.warning(file, line, column, message);
  }
  std::pair<std::string, std::size_t> where(SeasonTable t, std::size_t row) const {
    if (locate_) return locate_(t, row);
    return {table_name(t), row + 1};
  }

  void games() {
    std::unordered_set<std::string> seen;
    const auto& tiers = data_.params.tiers;
    for (std::size_t i = 0; i < data_.games.size(); ++i) {
      const auto& g = data_.games[i];
      if (!seen.insert(g.id).second) error(SeasonTable::games, i, "game_id", "duplicate game_id '" + g.id + "'");
      if (g.tier < 1) error(SeasonTable::games, i, "tier", "tier must be >= 1, found " + std::to_string(g.tier));
      else if (!tiers.empty() && std::find(tiers.begin(), tiers.end(), g.tier) == tiers.end())
        error(SeasonTable::games, i, "tier", "tier " + std::to_string(g.tier) + " is not among the tiers in use (params.toml)");
    }
  }

  void seats() {
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < data_.codes.size(); ++i) {
      const auto& c = data_.codes[i];
      if (!seen.insert(c.code).second) error(SeasonTable::seats, i, "price_code", "duplicate price_code '" + c.code + "'");
      if (c.group.empty()) error(SeasonTable::seats, i, "group", "empty group");
      if (c.capacity < 1) error(SeasonTable::seats, i, "capacity", "capacity must be >= 1, found " + std::to_string(c.capacity));
      if (!std::isfinite(c.floor_price) || c.floor_price < 0)
        error(SeasonTable::seats, i, "floor_price", "floor_price must be a finite number >= 0");
    }
  }

  void transactions() {
    // Tickets sold per (game, code), flat: one slot per pair, looked up once per order.
    const std::size_t n_codes = data_.codes.size();
    std::vector<long long> sold(data_.games.size() * n_codes, 0);
    const int max_days = data_.params.max_days();
    for (std::size_t i = 0; i < data_.transactions.size() && !diag_.full(); ++i) {
      const auto& t = data_.transactions[i];
      if (t.quantity < 1) error(SeasonTable::transactions, i, "quantity", "quantity must be >= 1, found " + std::to_string(t.quantity));
      if (!std::isfinite(t.price) || t.price <= 0)
        error(SeasonTable::transactions, i, "price", "price must be a finite number > 0, found " + money(t.price));
      if (t.game >= data_.games.size() || t.code >= data_.codes.size()) continue;
      const auto& g = data_.games[t.game];
      int days = data_.days_before(t);
      if (days < 0)
        error(SeasonTable::transactions, i, "sold_at", "sold on " + t.sold_date.str() + ", after its game on " + g.date.str());
      else if (days > max_days)
        warning(SeasonTable::transactions, i, "sold_at", "sold " + std::to_string(days) +
                " days before the game, outside every time bucket (ignored by the demand model)");
      if (t.quantity < 1) continue;
      // Reported once, at the order that takes the game's price code past its capacity.
      const auto& c = data_.codes[t.code];
      auto& total = sold[static_cast<std::size_t>(t.game) * n_codes + t.code];
      if (total <= c.capacity && total + t.quantity > c.capacity)
        error(SeasonTable::transactions, i, "quantity", "game '" + g.id + "' price code '" + c.code + "' has sold " +
              std::to_string(total + t.quantity) + " tickets, more than its capacity " + std::to_string(c.capacity));
      total += t.quantity;
    }
  }

  void inventory() {
    std::set<std::pair<GameIndex, CodeIndex>> seen;
    for (std::size_t i = 0; i < data_.inventory.size(); ++i) {
      const auto& r = data_.inventory[i];
      if (r.game >= data_.games.size() || r.code >= data_.codes.size()) continue;
      const auto& c = data_.codes[r.code];
      if (!seen.insert({r.game, r.code}).second)
        error(SeasonTable::inventory, i, "price_code", "duplicate row for game '" + data_.games[r.game].id +
              "' and price code '" + c.code + "'");
      if (r.remaining < 0) error(SeasonTable::inventory, i, "remaining", "remaining must be >= 0");
      else if (r.remaining > c.capacity)
        error(SeasonTable::inventory, i, "remaining", "remaining " + std::to_string(r.remaining) +
              " exceeds the capacity " + std::to_string(c.capacity) + " of price code '" + c.code + "'");
      if (!std::isfinite(r.current_price) || r.current_price <= 0)
        error(SeasonTable::inventory, i, "current_price", "current_price must be a finite number > 0");
      else if (r.current_price < c.floor_price)
        warning(SeasonTable::inventory, i, "current_price", "current_price " + money(r.current_price) +
                " is below the floor " + money(c.floor_price));
    }
  }

  void listings() {
    for (std::size_t i = 0; i < data_.listings.size() && !diag_.full(); ++i) {
      const auto& l = data_.listings[i];
      if (!std::isfinite(l.price) || l.price <= 0)
        error(SeasonTable::listings, i, "price", "price must be a finite number > 0");
      if (l.quantity < 0) error(SeasonTable::listings, i, "quantity", "quantity must be >= 0");
    }
  }

  void market_stats() {
    std::set<std::tuple<GameIndex, std::string, std::string>> seen;
    for (std::size_t i = 0; i < data_.market_stats.size() && !diag_.full(); ++i) {
      const auto& s = data_.market_stats[i];
      if (!seen.insert({s.game, s.source, s.polled_at}).second)
        error(SeasonTable::market_stats, i, "polled_at", "duplicate poll of game '" + data_.games[s.game].id +
              "' from source '" + s.source + "' at " + s.polled_at);
      const std::pair<const char*, const std::optional<double>*> prices[] = {
          {"min", &s.min}, {"p10", &s.p10}, {"median", &s.median}, {"mean", &s.mean}, {"p90", &s.p90}, {"max", &s.max}};
      for (const auto& [name, value] : prices)
        if (*value && (!std::isfinite(**value) || **value <= 0))
          error(SeasonTable::market_stats, i, name, std::string(name) + " must be empty or a finite number > 0");
      if (s.sd && (!std::isfinite(*s.sd) || *s.sd < 0))
        error(SeasonTable::market_stats, i, "sd", "sd must be empty or a finite number >= 0");
      if (s.min && s.max && *s.min > *s.max)
        error(SeasonTable::market_stats, i, "min", "min " + money(*s.min) + " is above max " + money(*s.max));
      if (s.tickets < 0) error(SeasonTable::market_stats, i, "tickets", "tickets must be >= 0");
    }
  }

  const Dataset& data_;
  Diagnostics& diag_;
  const RowLocator& locate_;
};

}  // namespace

void validate_dataset(const Dataset& data, Diagnostics& diag, const RowLocator& locate) {
  Validator(data, diag, locate).run();
}

}  // namespace seatsync
