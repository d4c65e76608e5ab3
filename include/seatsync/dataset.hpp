#pragma once
// The season dataset: games, price codes, orders, the state of upcoming games and market
// observations. Rows refer to games and price codes by index, so algorithms never look
// strings up in their inner loops.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "seatsync/date.hpp"
#include "seatsync/params.hpp"

namespace seatsync {

using GameIndex = std::uint32_t;
using CodeIndex = std::uint32_t;

struct Game {
  std::string id;
  Date date;
  int tier = 1;          // 1 = most attractive
  std::string opponent;  // optional
};

struct PriceCode {
  std::string code;
  std::string group;
  int capacity = 0;          // seats per game sold through seatsync
  double floor_price = 0.0;  // season-ticket price: no recommendation may go below it
};

// One order.
struct Transaction {
  GameIndex game = 0;
  CodeIndex code = 0;
  std::string sold_at;  // as written in the source (date or date-time)
  Date sold_date;       // the calendar date of sold_at
  int quantity = 1;
  double price = 0.0;   // per ticket
};

// The state of an upcoming game's price code.
struct InventoryRow {
  GameIndex game = 0;
  CodeIndex code = 0;
  int remaining = 0;
  double current_price = 0.0;
  // When the seats left were counted (inventory.csv's optional observed_at), as written; empty
  // when not given. observed_date is its local calendar date.
  std::string observed_at;
  std::optional<Date> observed_date;
};

// A secondary-market or competitor observation.
struct Listing {
  GameIndex game = 0;
  std::optional<CodeIndex> code;  // empty when the observation is not tied to a price code
  std::string observed_at;
  Date observed_date;
  double price = 0.0;
  int quantity = 0;
  std::string source;
  std::string listing_id;  // the marketplace's own id for the listing, when it gives one
  std::string section;     // the seat location as the source names it (sources rarely use our codes)
};

// One poll of one game's market, summarised (market_stats.csv): what `seatsync market` trends.
// Kept beside the listings because some sources give only these statistics, no listings.
struct MarketPollStats {
  GameIndex game = 0;
  std::string source;
  std::string polled_at;  // the poll's timestamp, as its listings' observed_at
  Date polled_date;
  std::size_t count = 0;  // listings on the market
  std::optional<double> min, p10, median, mean, p90, max, sd;  // per-ticket prices; empty = unknown
  long long tickets = 0;  // sum of the listings' quantities (0 when the source does not say)
};

struct Dataset {
  Params params = Params::defaults();
  std::string params_toml;  // the params.toml text as given (empty = defaults); stores keep it verbatim
  std::vector<Game> games;
  std::vector<PriceCode> codes;
  std::vector<Transaction> transactions;
  std::vector<InventoryRow> inventory;
  std::vector<Listing> listings;
  std::vector<MarketPollStats> market_stats;

  // Rebuilds the id -> index maps; call after filling games or codes.
  void reindex();
  std::optional<GameIndex> find_game(std::string_view id) const;
  std::optional<CodeIndex> find_code(std::string_view code) const;

  int days_before(const Transaction& t) const { return games[t.game].date - t.sold_date; }
  // Price-code groups in the order they first appear in `codes`.
  std::vector<std::string> groups() const;
  // Distinct tiers of the games, ascending.
  std::vector<int> tiers_present() const;
  // The latest order's date, if there is any order.
  std::optional<Date> last_sale_day() const;

 private:
  std::unordered_map<std::string, GameIndex> game_index_;
  std::unordered_map<std::string, CodeIndex> code_index_;
};

// The day after the last sale: what "now" is for a dataset without an explicit as-of date.
// Without any order, a day before every date the data can hold.
Date day_after_last_sale(const Dataset& data);

}  // namespace seatsync
