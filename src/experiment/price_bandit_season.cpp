// The price bandits and their benchmarks over one simulated season. See
// include/seatsync/bandit_season.hpp.
#include "seatsync/bandit_season.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>
#include <stdexcept>

#include "../plan/baseline_policies.hpp"
#include "../plan/code_policies.hpp"
#include "../plan/parallel_for.hpp"
#include "bandit_play.hpp"
#include "seatsync/planner.hpp"
#include "sim/rng.hpp"

namespace seatsync {
namespace {

// The bandits' own random stream, apart from the simulator's tags.
constexpr std::uint64_t kBanditStream = 0x62616e64;  // "band"

std::vector<BanditVariant> bandit_variants() {
  return {
      {"ts-flat", "plain Thompson sampling, Beta(1, 1) on every price, a decision every day", BanditRule::thompson,
       false, true},
      {"ts", "plain Thompson sampling, prior from the demand model learned at as_of, daily", BanditRule::thompson, true,
       true},
      {"ts-fixed", "inventory-aware TS-fixed (LP at the initial seats per arrival), informed prior, daily",
       BanditRule::inventory_fixed, true, true},
      {"ts-update", "inventory-aware TS-update (LP re-solved on seats left over arrivals ahead), informed, daily",
       BanditRule::inventory_update, true, true},
      {"ts-update-bucket", "TS-update with one decision per bucket, like the other policies", BanditRule::inventory_update,
       true, false},
      {"lp-truth", "TS-update's LP on the true demand as a certain prior (no learning): the heuristic's own loss",
       BanditRule::inventory_update, true, true, true},
  };
}

struct Row {
  BacktestRow row;
  PriceConstraints constraints;
  std::vector<double> menu;
  RowForecast forecast;
  RowForecast truth_forecast;  // the same from truth.json: what the bandit would be told by an oracle
};

// A policy built once, played bucket by bucket as play_row does, keeping each bucket's revenue.
BanditPlay play_policy(const MarketTruth& truth, const BacktestRow& row, const CodePolicy& policy) {
  BanditPlay out;
  out.play.seats_left = row.state.remaining;
  std::optional<double> in_force = row.state.current_price;
  for (std::size_t b = row.first_bucket; b < truth.buckets.size(); ++b) {
    const double price = policy.price(b, out.play.seats_left, in_force);
    const double before = out.play.revenue;
    play_bucket(truth, row, b, price, out.play);
    out.bucket_revenue.push_back(out.play.revenue - before);
    in_force = price;
  }
  return out;
}

// The learned model's forecast for a row, from its first bucket on.
RowForecast forecast_of(const Planner& planner, const Dataset& data, const BacktestRow& r,
                        const std::vector<double>& menu) {
  const ArrivalDemandModel& model = planner.arrivals();
  const int tier = data.games[r.state.game].tier;
  const CodeIndex code = r.state.code;
  const GameDemand demand = model.game_demand(r.state.game);
  RowForecast f;
  for (std::size_t b = r.first_bucket; b < data.params.buckets.size(); ++b) {
    const double share = b == r.first_bucket ? r.first_share : 1.0;
    f.arrivals.push_back(model.arrivals(tier, code, b) * demand.multiplier * share);
    std::vector<double> q;
    for (double p : menu) q.push_back(model.purchase_probability(tier, code, b, demand.tier_price(p)));
    f.purchase.push_back(std::move(q));
  }
  const auto& sizes = model.response(code).size_pmf;
  double mean = 0, total = 0;
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    mean += static_cast<double>(k + 1) * sizes[k];
    total += sizes[k];
  }
  f.mean_order_size = total > 0 ? mean / total : 1.0;
  return f;
}

RowForecast truth_forecast_of(const MarketTruth& truth, const BacktestRow& r, const std::vector<double>& menu) {
  RowForecast f;
  for (std::size_t b = r.first_bucket; b < truth.buckets.size(); ++b) {
    const double share = b == r.first_bucket ? r.first_share : 1.0;
    f.arrivals.push_back(expected_arrivals(truth, r.state.game, r.state.code, b) * share);
    std::vector<double> q;
    for (double p : menu) q.push_back(purchase_probability(truth, r.state.game, r.state.code, b, p));
    f.purchase.push_back(std::move(q));
  }
  f.mean_order_size = mean_order_size(truth);
  return f;
}

}  // namespace

BanditSeasonResult run_bandit_season(const SimulatedMarket& market, const BanditSeasonOptions& options,
                                     const ProgressFn& progress) {
  if (options.menu_points < 1) throw std::invalid_argument("bandit: the menu needs at least one price");
  if (!(options.prior_arrivals > 0)) throw std::invalid_argument("bandit: the prior's weight must be > 0 arrivals");
  if (!(options.carry_over >= 0 && options.carry_over <= 1))
    throw std::invalid_argument("bandit: the evidence carried over must lie in [0, 1]");
  const Dataset& data = market.dataset;
  const MarketTruth& truth = market.truth;
  BanditSeasonResult result;
  result.scenario = truth.scenario;
  result.seed = truth.seed;
  result.as_of = truth.as_of;
  result.menu_points = options.menu_points;
  for (const auto& b : truth.buckets) result.bucket_names.push_back(b.name);

  // The upcoming games and their rows, as the backtest selects and builds them.
  const std::vector<GameIndex> games = upcoming_games_by_date(data, truth.as_of, options.max_games);
  result.games = games.size();

  PlanParams stochastic = options.plan;
  stochastic.method = "stochastic";
  // The constraints every policy is held to and the demand model the bandits' priors and
  // traffic forecasts come from: the plan made at as_of.
  const Planner planner(data, truth.as_of, stochastic);
  std::vector<Row> rows;
  for (const auto& r : data.inventory) {
    if (std::find(games.begin(), games.end(), r.game) == games.end()) continue;
    const int days = data.games[r.game].date - truth.as_of;
    const auto bucket = data.params.bucket_index(days);
    const std::size_t first = bucket.value_or(0);
    const auto& b = data.params.buckets[first];
    Row row;
    row.row = {r, first, bucket ? double(days - b.days_from + 1) / b.length() : 1.0};
    row.constraints = planner.constraints(r.code);
    const double top = row.constraints.ceiling.value_or(4 * planner.arrivals().reference_price(r.code));
    // The change-limited DP's grid: chains of the largest allowed moves through the price in
    // force, so that the bandit, like the DP, can climb by the full limit each bucket (a plain
    // geometric menu lets it climb only by whole menu steps, which compounds where prices must
    // rise far), and every menu price reaches its neighbours in one move.
    row.menu = limited_price_grid(row.constraints, std::max(row.constraints.floor, 1.0), top, options.menu_points,
                                  r.current_price);
    row.forecast = forecast_of(planner, data, row.row, row.menu);
    row.truth_forecast = truth_forecast_of(truth, row.row, row.menu);
    result.seats_at_start += r.remaining;
    rows.push_back(std::move(row));
  }
  result.codes = rows.size();

  const HistoricalAveragePrice static_price(data, truth.as_of);

  const double weight = options.plan.attendance_weight;
  const int points = options.plan.price_points;
  const auto variants = bandit_variants();
  struct Policy {
    std::string name, description;
    std::vector<BanditPlay> plays;
  };
  std::vector<Policy> policies;
  auto play_all = [&](const std::string& stage, const std::function<BanditPlay(std::size_t)>& body) {
    std::vector<BanditPlay> plays(rows.size());
    std::atomic<std::size_t> done{0};
    std::mutex progress_mutex;
    parallel_for(rows.size(), [&](std::size_t i) {
      plays[i] = body(i);
      const std::size_t finished = ++done;
      std::lock_guard lock(progress_mutex);
      report(progress, stage, finished, rows.size());
    });
    return plays;
  };

  const BanditSettings settings{options.prior_arrivals, options.carry_over, weight};
  for (std::size_t v = 0; v < variants.size(); ++v)
    policies.push_back({variants[v].name, variants[v].description, play_all("bandit " + variants[v].name, [&](std::size_t i) {
      const Row& r = rows[i];
      std::mt19937_64 rng(sim::stream_seed(options.bandit_seed, kBanditStream, r.row.state.game, r.row.state.code, v));
      if (variants[v].knows_truth) {
        BanditSettings certain = settings;
        certain.prior_arrivals = 1e6;
        return play_bandit_row(truth, r.row, r.menu, r.constraints, r.truth_forecast, variants[v], certain, rng);
      }
      return play_bandit_row(truth, r.row, r.menu, r.constraints, r.forecast, variants[v], settings, rng);
    })});

  // The regret benchmark: the single menu price (held from as_of, walking to it within the change
  // limit) that earns the most on each row's own customers, found in hindsight.
  policies.push_back({"best-fixed-hindsight", "the best single menu price per game and code on these very customers",
                      play_all("best fixed price", [&](std::size_t i) {
                        const Row& r = rows[i];
                        BanditPlay best;
                        double best_objective = -std::numeric_limits<double>::infinity();
                        for (double p : r.menu) {
                          BanditPlay play = play_policy(truth, r.row, *fixed_price_policy(p, r.constraints));
                          const double objective = play.play.revenue + weight * play.play.tickets;
                          if (objective > best_objective) {
                            best_objective = objective;
                            best = std::move(play);
                          }
                        }
                        return best;
                      })});

  // seatsync's stochastic policy as the backtest plays it. Re-fitted: each bucket's revenue is
  // recovered by replaying the prices it set (the customers are the same). Fitted once: the
  // policy of the plan made at as_of, which is what the backtest plays then.
  const std::string learner_description = std::string("seatsync's stochastic DP on demand learned from sales, ") +
                                          (options.refit ? "re-fitted on every decision day" : "fitted once at as_of");
  if (!options.refit) {
    policies.push_back({"seatsync-stochastic", learner_description, play_all("seatsync-stochastic", [&](std::size_t i) {
                          const auto& r = rows[i].row.state;
                          const auto policy = planner.policy(r.game, r.code, r.remaining, truth.as_of, r.current_price);
                          return play_policy(truth, rows[i].row, *policy);
                        })});
  } else {
    std::vector<BacktestRow> plain;
    for (const auto& r : rows) plain.push_back(r.row);
    std::vector<std::vector<double>> prices(rows.size(), std::vector<double>(truth.buckets.size(), std::nan("")));
    const auto plays = play_learning_planner(
        market, plain, stochastic, true, "seatsync-stochastic", progress,
        [&](std::size_t i, std::size_t b, double price, std::optional<double>, const PriceConstraints&) {
          prices[i][b] = price;  // one writer per (row, bucket)
        });
    Policy learner{"seatsync-stochastic", learner_description, {}};
    for (std::size_t i = 0; i < rows.size(); ++i) {
      BanditPlay replay;
      replay.play.seats_left = rows[i].row.state.remaining;
      for (std::size_t b = rows[i].row.first_bucket; b < truth.buckets.size(); ++b) {
        const double before = replay.play.revenue;
        if (!std::isnan(prices[i][b])) play_bucket(truth, rows[i].row, b, prices[i][b], replay.play);
        replay.bucket_revenue.push_back(replay.play.revenue - before);
      }
      if (std::abs(replay.play.revenue - plays[i].revenue) > 1e-6 * std::max(1.0, plays[i].revenue))
        throw std::logic_error("bandit season: replaying seatsync's prices did not reproduce its revenue");
      learner.plays.push_back(std::move(replay));
    }
    policies.push_back(std::move(learner));
  }

  policies.push_back({"static", "historical average price of the tier and code, held",
                      play_all("static", [&](std::size_t i) {
                        const double price = static_price(rows[i].row.state);
                        return play_policy(truth, rows[i].row, *fixed_price_policy(price, rows[i].constraints));
                      })});
  policies.push_back({"oracle", "stochastic DP on the true demand (truth.json), re-planned each bucket",
                      play_all("oracle", [&](std::size_t i) {
                        const auto& r = rows[i].row;
                        return play_policy(truth, r,
                                           *oracle_policy(truth, r.state.game, r.state.code, r.first_bucket,
                                                          r.first_share, r.state.remaining, r.state.current_price,
                                                          rows[i].constraints, 2 * points, weight));
                      })});

  for (const auto& p : policies) {
    BanditPolicyResult o;
    o.policy = p.name;
    o.description = p.description;
    std::vector<double> by_bucket(truth.buckets.size(), 0.0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const BanditPlay& play = p.plays[i];
      o.revenue += play.play.revenue;
      o.tickets += play.play.tickets;
      o.decisions += play.decisions;
      o.off_menu += play.off_menu;
      for (std::size_t k = 0; k < play.bucket_revenue.size(); ++k)
        by_bucket[rows[i].row.first_bucket + k] += play.bucket_revenue[k];
    }
    double running = 0;
    for (double r : by_bucket) o.cumulative_revenue.push_back(running += r);
    result.policies.push_back(std::move(o));
  }
  const auto revenue_of = [&](const std::string& name) {
    return std::find_if(result.policies.begin(), result.policies.end(), [&](const auto& o) { return o.policy == name; })
        ->revenue;
  };
  const double oracle = revenue_of("oracle"), best_fixed = revenue_of("best-fixed-hindsight");
  for (auto& o : result.policies) {
    o.share_of_oracle = oracle > 0 ? o.revenue / oracle : 0.0;
    o.regret_vs_best_fixed = best_fixed - o.revenue;
    o.regret_vs_oracle = oracle - o.revenue;
  }
  return result;
}

}  // namespace seatsync
