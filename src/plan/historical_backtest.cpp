// The backtest on history: every past decision of the window re-made by each policy from a fit on
// the sales before its day, and every price set's sales estimated by the model (and, with the
// simulator's truth, by the true demand). See include/seatsync/historical_backtest.hpp.
#include "seatsync/historical_backtest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <stdexcept>

#include "code_policies.hpp"
#include "historical_replay.hpp"
#include "parallel_for.hpp"

namespace seatsync {
namespace {

// Where the truth keeps the data's games and codes (matched by id: a store may order them
// differently from the CSV files the simulator wrote).
struct TruthIndex {
  std::vector<GameIndex> game;
  std::vector<CodeIndex> code;
};

TruthIndex index_truth(const Dataset& data, const MarketTruth& truth, const std::vector<GameIndex>& games) {
  if (truth.buckets.size() != data.params.buckets.size() ||
      !std::equal(truth.buckets.begin(), truth.buckets.end(), data.params.buckets.begin(),
                  [](const TimeBucket& a, const TimeBucket& b) {
                    return a.days_from == b.days_from && a.days_to == b.days_to;
                  }))
    throw std::invalid_argument("the truth's time buckets differ from the data's (params.toml): it did not generate "
                                "this data");
  TruthIndex ix;
  ix.game.assign(data.games.size(), 0);
  for (GameIndex g : games) {
    const auto it = std::find_if(truth.games.begin(), truth.games.end(),
                                 [&](const GameTruth& t) { return t.id == data.games[g].id; });
    if (it == truth.games.end())
      throw std::invalid_argument("game " + data.games[g].id + " is not in the truth: it did not generate this data");
    ix.game[g] = static_cast<GameIndex>(it - truth.games.begin());
  }
  for (const auto& c : data.codes) {
    const auto it = std::find_if(truth.codes.begin(), truth.codes.end(),
                                 [&](const CodeTruth& t) { return t.code == c.code; });
    if (it == truth.codes.end())
      throw std::invalid_argument("price code " + c.code + " is not in the truth: it did not generate this data");
    ix.code.push_back(static_cast<CodeIndex>(it - truth.codes.begin()));
  }
  return ix;
}

// Everything fitted on one decision day: only the sales dated before it.
struct DayFit {
  DayFit(const Dataset& data, Date day, const PlanParams& params, bool deterministic_needed, bool statics_needed) {
    PlanParams p = params;
    p.method = "stochastic";
    stochastic.emplace(data, day, p);
    if (deterministic_needed) {
      p.method = "deterministic";
      deterministic.emplace(data, day, p);
    }
    if (statics_needed) statics = static_prices(data, day);
  }
  std::optional<Planner> stochastic, deterministic;
  StaticPrices statics;
};

DayFit fit_day(const Dataset& data, Date day, const PlanParams& params, bool deterministic_needed, bool statics_needed) {
  try {
    return DayFit(data, day, params, deterministic_needed, statics_needed);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(fmt::format("the demand cannot be fitted on the sales before {}, when a decision of the "
                                            "window was made ({}): start the window later, with history before its "
                                            "games' first time buckets open",
                                            day.str(), e.what()));
  }
}

void add(SalesTotals& t, int seats, double tickets, double price) {
  ++t.records;
  t.seats_offered += seats;
  t.tickets += tickets;
  t.revenue += tickets * price;
}

void add(ArmTotals& t, const HistoricalRecord& r, const ArmDecision& d, bool actual) {
  if (actual) {
    if (!t.observed) t.observed.emplace();
    ++t.observed->records;
    t.observed->seats_offered += r.seats_left;
    t.observed->tickets += r.tickets;
    t.observed->revenue += r.revenue;
  }
  add(t.model, r.seats_left, d.model_tickets, d.price);
  if (d.true_tickets) add(t.truth ? *t.truth : t.truth.emplace(), r.seats_left, *d.true_tickets, d.price);
  if (d.realized_tickets) add(t.realized ? *t.realized : t.realized.emplace(), r.seats_left, *d.realized_tickets, d.price);
}

}  // namespace

HistoricalBacktestResult run_historical_backtest(const Dataset& data, const MarketTruth* truth,
                                                 const HistoricalBacktestOptions& options, const ProgressFn& progress) {
  if (options.from > options.to)
    throw std::invalid_argument("the window starts on " + options.from.str() + ", after its end " + options.to.str());
  std::vector<HistoricalPolicy> policies;
  for (const auto& name : options.policies) policies.push_back(parse_historical_policy(name));
  const auto needs = [&](HistoricalPolicy::Kind kind) {
    return std::any_of(policies.begin(), policies.end(), [&](const HistoricalPolicy& p) { return p.kind == kind; });
  };
  const bool deterministic_needed = needs(HistoricalPolicy::Kind::seatsync_deterministic);
  const bool statics_needed = needs(HistoricalPolicy::Kind::static_price);

  RecordSet set = historical_records(data, options.from, options.to, options.max_games);
  HistoricalBacktestResult result;
  result.from = options.from;
  result.to = options.to;
  result.games = set.games.size();
  result.pairs = set.pairs;
  result.records = set.records.size();
  result.sold_out = set.sold_out;
  result.incomplete = set.incomplete;
  result.has_truth = truth != nullptr;
  const TruthIndex tix = truth ? index_truth(data, *truth, set.games) : TruthIndex{};

  std::vector<std::vector<Listing>> listings(data.games.size());
  for (const auto& l : data.listings) listings[l.game].push_back(l);

  std::map<Date, std::vector<std::size_t>> by_day;
  for (std::size_t i = 0; i < set.records.size(); ++i) by_day[set.records[i].day].push_back(i);
  const std::vector<std::pair<Date, std::vector<std::size_t>>> days(by_day.begin(), by_day.end());
  result.decision_days = days.size();

  result.decisions.resize(set.records.size());
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  const auto decide_day = [&](std::size_t k) {
    const auto& [day, due] = days[k];
    const DayFit fit = fit_day(data, day, options.plan, deterministic_needed, statics_needed);
    for (std::size_t i : due) {
      HistoricalDecision& d = result.decisions[i];
      d.record = set.records[i];
      HistoricalRecord& r = d.record;
      d.constraints = fit.stochastic->constraints(r.code);
      if (r.charged <= 0) r.charged = std::max(fit.stochastic->arrivals().reference_price(r.code), d.constraints.floor);

      std::vector<Customer> customers;
      if (truth) customers = draw_customers(*truth, tix.game[r.game], tix.code[r.code], r.bucket);
      const auto estimate = [&](double price) {
        ArmDecision a;
        a.price = price;
        const auto pmf = fit.stochastic->bucket_sales_pmf(r.game, r.code, r.bucket, 1.0, r.seats_left, price);
        a.model_tickets = expected_sales(pmf, r.seats_left);
        if (truth) {
          const GameIndex tg = tix.game[r.game];
          const CodeIndex tc = tix.code[r.code];
          const double rate = expected_arrivals(*truth, tg, tc, r.bucket) *
                              purchase_probability(*truth, tg, tc, r.bucket, price);
          a.true_tickets = expected_sales(bucket_demand_pmf(rate, truth->order_size_pmf, r.seats_left), r.seats_left);
          int sold = 0;
          for (const Sale& s : serve_customers(customers, price, r.seats_left)) sold += s.quantity;
          a.realized_tickets = sold;
        }
        return a;
      };

      d.arms.push_back(estimate(r.charged));  // what was actually charged: not a policy, not re-priced
      DecisionInputs in;
      in.data = &data;
      in.record = &r;
      in.stochastic = &*fit.stochastic;
      in.deterministic = fit.deterministic ? &*fit.deterministic : nullptr;
      in.static_prices = &fit.statics;
      in.listings = listings[r.game];
      for (const auto& p : policies)
        d.arms.push_back(estimate(enforce_price(policy_target(p, in), d.constraints, r.price_in_force)));
    }
    const std::size_t finished = ++done;
    std::lock_guard lock(progress_mutex);
    report(progress, "backtest on history", finished, days.size());
  };
  // The earliest day first, alone: it has the least history, so a window that starts too early
  // for a fit fails there, with the same message on every run.
  decide_day(0);
  parallel_for(days.size() - 1, [&](std::size_t k) { decide_day(k + 1); });


  // Totals, in record order (so the sums do not depend on the threads).
  result.arms.push_back({"actual", "the prices actually charged (a bucket without sales: the price in force)", {}, {}});
  for (const auto& p : policies) result.arms.push_back({p.name, describe_historical_policy(p.name), {}, {}});
  std::vector<std::map<int, ArmTotals>> tiers(result.arms.size());
  for (const auto& d : result.decisions) {
    if (!d.record.observed_price) ++result.imputed;
    const int tier = data.games[d.record.game].tier;
    for (std::size_t a = 0; a < result.arms.size(); ++a) {
      add(result.arms[a].total, d.record, d.arms[a], a == 0);
      add(tiers[a][tier], d.record, d.arms[a], a == 0);
    }
  }
  for (std::size_t a = 0; a < result.arms.size(); ++a) result.arms[a].tiers.assign(tiers[a].begin(), tiers[a].end());

  // Open-loop replay: count the (game, code) pairs whose estimated sales exceed the seats there were.
  for (std::size_t a = 0; a < result.arms.size(); ++a) {
    std::map<std::pair<GameIndex, CodeIndex>, std::pair<int, double>> pair_sales;  // seats at first record, sales
    for (const auto& d : result.decisions) {
      auto it = pair_sales.try_emplace({d.record.game, d.record.code}, d.record.seats_left, 0.0).first;
      it->second.second += d.arms[a].model_tickets;
    }
    for (const auto& [key, v] : pair_sales)
      if (v.second > v.first + 1e-6) {
        ++result.arms[a].total.over_capacity;
        result.arms[a].total.excess_tickets += v.second - v.first;
      }
  }
  return result;
}

}  // namespace seatsync
