// The closed loop: each policy plays every upcoming (game, code) from as_of to game day against
// the truth's customers. See include/seatsync/backtest.hpp.
#include "seatsync/backtest.hpp"

#include <algorithm>
#include <atomic>
#include <functional>
#include <map>
#include <mutex>

#include "backtest_play.hpp"
#include "baseline_policies.hpp"
#include "parallel_for.hpp"
#include "seatsync/planner.hpp"

namespace seatsync {

BacktestResult run_backtest(const SimulatedMarket& market, const BacktestOptions& options, const ProgressFn& progress) {
  const Dataset& data = market.dataset;
  const MarketTruth& truth = market.truth;
  BacktestResult result;
  result.scenario = truth.scenario;
  result.seed = truth.seed;
  result.as_of = truth.as_of;
  result.refit = options.refit;

  const std::vector<GameIndex> games = upcoming_games_by_date(data, truth.as_of, options.max_games);
  result.games = games.size();

  PlanParams stochastic = options.plan, deterministic = options.plan;
  stochastic.method = "stochastic";
  deterministic.method = "deterministic";
  // The constraints every policy is held to: those of the plan made at as_of.
  const Planner seatsync_stochastic(data, truth.as_of, stochastic);

  const HistoricalAveragePrice static_price(data, truth.as_of);

  // Policies planned once at as_of, replayed from the state each bucket.
  using Factory = std::function<std::unique_ptr<CodePolicy>(const BacktestRow&)>;
  struct Policy {
    std::string name, description;
    Factory make;                      // a fixed policy …
    std::optional<PlanParams> learner;  // … or seatsync's planner, learning as the season sells
  };
  const double weight = options.plan.attendance_weight;
  const int points = options.plan.price_points;
  const std::string refitted = options.refit ? ", re-fitted on every decision day from the sales so far" : ", fitted once at as_of";
  std::vector<Policy> policies = {
      {"seatsync-stochastic", "seatsync, stochastic DP on demand learned from sales (default)" + refitted, {}, stochastic},
      {"seatsync-deterministic", "seatsync, the thesis's deterministic DP on completed Demand Matrices" + refitted, {},
       deterministic},
      // Every policy is held to the same constraints (floor, ceiling, change limit, rounding).
      {"static", "historical average price of the tier and code, held",
       [&](const BacktestRow& row) {
         return fixed_price_policy(static_price(row.state), seatsync_stochastic.constraints(row.state.code));
       }, {}},
      {"analyst", "the simulator's analyst rule (what priced the history)",
       [&](const BacktestRow& row) {
         return analyst_policy(truth, row.state.game, row.state.code, seatsync_stochastic.constraints(row.state.code));
       }, {}},
      {"best-static-oracle", "the best single price per game and code, knowing the true demand",
       [&](const BacktestRow& row) {
         const auto& r = row.state;
         const auto c = seatsync_stochastic.constraints(r.code);
         return fixed_price_policy(
             best_static_price(truth, r.game, r.code, row.first_bucket, row.first_share, r.remaining, c, 2 * points, weight), c);
       }, {}},
      {"oracle", "stochastic DP on the true demand (truth.json), re-planned each bucket",
       [&](const BacktestRow& row) {
         const auto& r = row.state;
         return oracle_policy(truth, r.game, r.code, row.first_bucket, row.first_share, r.remaining, r.current_price,
                              seatsync_stochastic.constraints(r.code), 2 * points, weight);
       }, {}},
  };

  std::vector<BacktestRow> rows;
  for (const auto& r : data.inventory) {
    if (std::find(games.begin(), games.end(), r.game) == games.end()) continue;
    const int days = data.games[r.game].date - truth.as_of;
    const auto bucket = data.params.bucket_index(days);
    const std::size_t first = bucket.value_or(0);
    const auto& b = data.params.buckets[first];
    rows.push_back({r, first, bucket ? double(days - b.days_from + 1) / b.length() : 1.0});
  }
  result.codes = rows.size();
  long long capacity = 0;
  for (const auto& r : rows) {
    capacity += data.codes[r.state.code].capacity;
    result.seats_at_start += r.state.remaining;
  }

  // plays[p][i]: policy p on row i.
  std::vector<std::vector<Play>> plays(policies.size(), std::vector<Play>(rows.size()));
  for (std::size_t p = 0; p < policies.size(); ++p) {
    const std::string stage = "backtest " + policies[p].name;
    if (policies[p].learner) {
      plays[p] = play_learning_planner(market, rows, *policies[p].learner, options.refit, stage, progress);
      continue;
    }
    std::atomic<std::size_t> done{0};
    std::mutex progress_mutex;
    parallel_for(rows.size(), [&](std::size_t i) {
      plays[p][i] = play_row(truth, rows[i], *policies[p].make(rows[i]));
      const std::size_t finished = ++done;
      std::lock_guard lock(progress_mutex);
      report(progress, stage, finished, rows.size());
    });
  }

  for (std::size_t p = 0; p < policies.size(); ++p) {
    PolicyOutcome o;
    o.policy = policies[p].name;
    o.description = policies[p].description;
    long long sold = 0;
    std::map<int, double> by_tier;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Play& play = plays[p][i];
      by_tier[data.games[rows[i].state.game].tier] += play.revenue;
      o.revenue += play.revenue;
      o.tickets += play.tickets;
      sold += data.codes[rows[i].state.code].capacity - play.seats_left;
    }
    o.sell_through = capacity > 0 ? static_cast<double>(sold) / static_cast<double>(capacity) : 0.0;
    o.objective = o.revenue + weight * static_cast<double>(o.tickets);
    o.tier_revenue.assign(by_tier.begin(), by_tier.end());
    result.outcomes.push_back(o);
  }
  const double oracle = result.outcomes.back().revenue;
  for (auto& o : result.outcomes) {
    o.ratio_to_oracle = oracle > 0 ? o.revenue / oracle : 0.0;
    const auto& oracle_tiers = result.outcomes.back().tier_revenue;
    for (std::size_t k = 0; k < o.tier_revenue.size(); ++k)
      o.tier_ratio.emplace_back(o.tier_revenue[k].first,
                                oracle_tiers[k].second > 0 ? o.tier_revenue[k].second / oracle_tiers[k].second : 0.0);
    // The oracle is an upper bound in expectation; one draw of customers may still favour a
    // policy a little. Say so rather than print ratios above 100% as if they meant nothing.
    if (o.revenue > oracle) result.oracle_is_bound = false;
  }
  return result;
}

std::vector<GameIndex> upcoming_games_by_date(const Dataset& data, Date as_of, int max_games) {
  std::vector<GameIndex> games;
  for (GameIndex g = 0; g < data.games.size(); ++g)
    if (data.games[g].date >= as_of) games.push_back(g);
  std::sort(games.begin(), games.end(), [&](GameIndex a, GameIndex b) { return data.games[a].date < data.games[b].date; });
  if (max_games > 0 && games.size() > static_cast<std::size_t>(max_games)) games.resize(max_games);
  return games;
}

HistoricalAveragePrice::HistoricalAveragePrice(const Dataset& data, Date as_of) : data_(data) {
  for (const auto& t : data.transactions)
    if (t.sold_date < as_of) {
      auto& h = revenue_tickets_[{data.games[t.game].tier, t.code}];
      h.first += t.price * t.quantity;
      h.second += t.quantity;
    }
}

double HistoricalAveragePrice::operator()(const InventoryRow& r) const {
  const auto it = revenue_tickets_.find({data_.games[r.game].tier, r.code});
  return it != revenue_tickets_.end() && it->second.second > 0 ? it->second.first / it->second.second : r.current_price;
}

}  // namespace seatsync
