#pragma once
// The pieces of the backtest on history (include/seatsync/historical_backtest.hpp): the past
// decisions as the data shows them, and the policies that re-make them.
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "seatsync/historical_backtest.hpp"
#include "seatsync/planner.hpp"

namespace seatsync {

// ---- The records (historical_records.cpp) -------------------------------------------------

struct RecordSet {
  std::vector<HistoricalRecord> records;  // by game date, game, code, bucket
  std::vector<GameIndex> games;           // replayed, by date
  std::size_t pairs = 0, sold_out = 0, incomplete = 0;
};

// Every bucket of the games played in [from, to] (the first `max_games` by date when > 0) that
// is over by the end of the data (the day after its last sale) and had seats left when it
// opened. A record's `charged` is 0 when neither its own price nor an earlier one was observed:
// the caller imputes it from what was known on its day. Throws std::invalid_argument when the
// window holds no game or no such bucket.
RecordSet historical_records(const Dataset& data, Date from, Date to, int max_games);

// ---- The policies (historical_policies.cpp) -----------------------------------------------

struct HistoricalPolicy {
  enum class Kind { seatsync_stochastic, seatsync_deterministic, rule_based, static_price, multiplier };
  Kind kind = Kind::seatsync_stochastic;
  double multiplier = 1.0;  // Kind::multiplier
  std::string name;
};
// Throws std::invalid_argument naming the policy when it is unknown or its multiplier is bad.
HistoricalPolicy parse_historical_policy(std::string_view name);

// The average price per ticket of each (tier, code) over the sales dated before `day`.
using StaticPrices = std::map<std::pair<int, CodeIndex>, double>;
StaticPrices static_prices(const Dataset& data, Date day);

// What a policy may look at when it re-makes one decision: everything known on the record's day.
struct DecisionInputs {
  const Dataset* data = nullptr;
  const HistoricalRecord* record = nullptr;
  const Planner* stochastic = nullptr;     // fitted on the sales before the day
  const Planner* deterministic = nullptr;  // the same, deterministic method (when a policy needs it)
  const StaticPrices* static_prices = nullptr;  // when a policy needs them
  std::span<const Listing> listings;       // the game's
};

// The policy's price before the constraints (the caller passes it through enforce_price).
double policy_target(const HistoricalPolicy& policy, const DecisionInputs& in);

}  // namespace seatsync
