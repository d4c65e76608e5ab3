// The closed loop: each policy plays every upcoming (game, code) from as_of to game day against
// the truth's customers. See include/seatsync/backtest.hpp.
#include "seatsync/backtest.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>

#include "baseline_policies.hpp"
#include "parallel_for.hpp"
#include "seatsync/planner.hpp"

namespace seatsync {
namespace {

struct Tally {
  double revenue = 0;
  long long tickets = 0, sold_at_end = 0;
};

// Plays one (game, code) under `policy`: returns revenue, tickets and seats left at game day.
struct Play {
  double revenue = 0;
  int tickets = 0, seats_left = 0;
};
Play play(const MarketTruth& truth, const Dataset& data, GameIndex game, CodeIndex code, int seats,
          std::optional<double> price_in_force, const CodePolicy& policy) {
  Play out;
  const int days = data.games[game].date - truth.as_of;
  const auto first = data.params.bucket_index(days).value_or(0);
  for (std::size_t b = first; b < data.params.buckets.size(); ++b) {
    const double price = policy.price(b, seats, price_in_force);
    auto customers = draw_customers(truth, game, code, b);
    // Customers who came before as_of met the analyst's price: they are history.
    std::erase_if(customers, [&](const Customer& c) { return c.days_before > days; });
    for (const Sale& sale : serve_customers(customers, price, seats)) {
      out.revenue += sale.quantity * price;
      out.tickets += sale.quantity;
      seats -= sale.quantity;
    }
    price_in_force = price;
  }
  out.seats_left = seats;
  return out;
}

}  // namespace

BacktestResult run_backtest(const SimulatedMarket& market, const BacktestOptions& options, const ProgressFn& progress) {
  const Dataset& data = market.dataset;
  const MarketTruth& truth = market.truth;
  BacktestResult result;
  result.scenario = truth.scenario;
  result.seed = truth.seed;
  result.as_of = truth.as_of;

  std::vector<GameIndex> games;
  for (GameIndex g = 0; g < data.games.size(); ++g)
    if (data.games[g].date >= truth.as_of) games.push_back(g);
  std::sort(games.begin(), games.end(), [&](GameIndex a, GameIndex b) { return data.games[a].date < data.games[b].date; });
  if (options.max_games > 0 && games.size() > static_cast<std::size_t>(options.max_games)) games.resize(options.max_games);
  result.games = games.size();

  PlanParams stochastic = options.plan, deterministic = options.plan;
  stochastic.method = "stochastic";
  deterministic.method = "deterministic";
  const Planner seatsync_stochastic(data, truth.as_of, stochastic);
  const Planner seatsync_deterministic(data, truth.as_of, deterministic);

  // The historical average price of each (tier, code): the static policy holds it.
  std::map<std::pair<int, CodeIndex>, std::pair<double, double>> history;
  for (const auto& t : data.transactions)
    if (t.sold_date < truth.as_of) {
      auto& h = history[{data.games[t.game].tier, t.code}];
      h.first += t.price * t.quantity;
      h.second += t.quantity;
    }

  using Factory = std::function<std::unique_ptr<CodePolicy>(const InventoryRow&, std::size_t first, double share)>;
  struct Policy {
    std::string name, description;
    Factory make;
  };
  const double weight = options.plan.attendance_weight;
  const int points = options.plan.price_points;
  std::vector<Policy> policies = {
      {"seatsync-stochastic", "seatsync, stochastic DP on demand learned from sales (default)",
       [&](const InventoryRow& r, std::size_t, double) {
         return seatsync_stochastic.policy(r.game, r.code, r.remaining, truth.as_of, r.current_price);
       }},
      {"seatsync-deterministic", "seatsync, the thesis's deterministic DP on completed Demand Matrices",
       [&](const InventoryRow& r, std::size_t, double) { return seatsync_deterministic.policy(r.game, r.code, r.remaining, truth.as_of); }},
      // Every policy is held to the same constraints (floor, ceiling, change limit, rounding).
      {"static", "historical average price of the tier and code, held",
       [&](const InventoryRow& r, std::size_t, double) {
         auto it = history.find({data.games[r.game].tier, r.code});
         const double price = it != history.end() && it->second.second > 0 ? it->second.first / it->second.second : r.current_price;
         return fixed_price_policy(price, seatsync_stochastic.constraints(r.code));
       }},
      {"analyst", "the simulator's analyst rule (what priced the history)",
       [&](const InventoryRow& r, std::size_t, double) {
         return analyst_policy(truth, r.game, r.code, seatsync_stochastic.constraints(r.code));
       }},
      {"best-static-oracle", "the best single price per game and code, knowing the true demand",
       [&](const InventoryRow& r, std::size_t first, double share) {
         const auto c = seatsync_stochastic.constraints(r.code);
         return fixed_price_policy(best_static_price(truth, r.game, r.code, first, share, r.remaining, c, 2 * points, weight), c);
       }},
      {"oracle", "stochastic DP on the true demand (truth.json), re-planned each bucket",
       [&](const InventoryRow& r, std::size_t first, double share) {
         return oracle_policy(truth, r.game, r.code, first, share, r.remaining, r.current_price,
                              seatsync_stochastic.constraints(r.code), 2 * points, weight);
       }},
  };

  std::vector<InventoryRow> rows;
  for (const auto& r : data.inventory)
    if (std::find(games.begin(), games.end(), r.game) != games.end()) rows.push_back(r);
  result.codes = rows.size();
  std::vector<std::vector<Tally>> tallies(rows.size(), std::vector<Tally>(policies.size()));
  long long capacity = 0;
  for (const auto& r : rows) {
    capacity += data.codes[r.code].capacity;
    result.seats_at_start += r.remaining;
  }

  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  parallel_for(rows.size(), [&](std::size_t i) {
    const auto& r = rows[i];
    const int days = data.games[r.game].date - truth.as_of;
    const auto first = data.params.bucket_index(days).value_or(0);
    const auto& bucket = data.params.buckets[first];
    const double share = data.params.bucket_index(days) ? double(days - bucket.days_from + 1) / bucket.length() : 1.0;
    const int sold_before = data.codes[r.code].capacity - r.remaining;
    for (std::size_t p = 0; p < policies.size(); ++p) {
      const auto policy = policies[p].make(r, first, share);
      const Play outcome = play(truth, data, r.game, r.code, r.remaining, r.current_price, *policy);
      tallies[i][p] = {outcome.revenue, outcome.tickets, sold_before + (r.remaining - outcome.seats_left)};
    }
    const std::size_t finished = ++done;
    std::lock_guard lock(progress_mutex);
    report(progress, "backtest", finished, rows.size());
  });

  for (std::size_t p = 0; p < policies.size(); ++p) {
    PolicyOutcome o;
    o.policy = policies[p].name;
    o.description = policies[p].description;
    long long sold = 0;
    for (const auto& row : tallies) {
      o.revenue += row[p].revenue;
      o.tickets += row[p].tickets;
      sold += row[p].sold_at_end;
    }
    o.sell_through = capacity > 0 ? static_cast<double>(sold) / static_cast<double>(capacity) : 0.0;
    o.objective = o.revenue + weight * static_cast<double>(o.tickets);
    result.outcomes.push_back(o);
  }
  const double oracle = result.outcomes.back().revenue;
  for (auto& o : result.outcomes) {
    o.ratio_to_oracle = oracle > 0 ? o.revenue / oracle : 0.0;
    // The oracle is an upper bound in expectation; one draw of customers may still favour a
    // policy a little. Say so rather than print ratios above 100% as if they meant nothing.
    if (o.revenue > oracle) result.oracle_is_bound = false;
  }
  return result;
}

}  // namespace seatsync
