// seatsync's planner in the closed loop, learning as the season sells: re-fitted on every
// decision day from the history plus its own sales so far. See backtest_play.hpp.
#include <map>
#include <mutex>

#include "backtest_play.hpp"
#include "parallel_for.hpp"
#include "sim/timestamp.hpp"

namespace seatsync {

void play_bucket(const MarketTruth& truth, const BacktestRow& row, std::size_t bucket, double price, Play& state,
                 const std::function<void(const Customer&, int quantity)>& on_sale) {
  const int days = truth.games[row.state.game].date - truth.as_of;
  auto customers = draw_customers(truth, row.state.game, row.state.code, bucket);
  // Customers who came before as_of met the price in force then: they are history.
  std::erase_if(customers, [&](const Customer& c) { return c.days_before > days; });
  for (const Sale& sale : serve_customers(customers, price, state.seats_left)) {
    state.revenue += sale.quantity * price;
    state.tickets += sale.quantity;
    state.seats_left -= sale.quantity;
    if (on_sale) on_sale(customers[sale.customer], sale.quantity);
  }
}

Play play_row(const MarketTruth& truth, const BacktestRow& row, const CodePolicy& policy) {
  Play out;
  out.seats_left = row.state.remaining;
  std::optional<double> in_force = row.state.current_price;
  for (std::size_t b = row.first_bucket; b < truth.buckets.size(); ++b) {
    const double price = policy.price(b, out.seats_left, in_force);
    play_bucket(truth, row, b, price, out);
    in_force = price;
  }
  return out;
}

std::vector<Play> play_learning_planner(const SimulatedMarket& market, const std::vector<BacktestRow>& rows,
                                        const PlanParams& params, bool refit, std::string_view stage,
                                        const ProgressFn& progress, const PriceObserver& on_price) {
  const MarketTruth& truth = market.truth;
  std::vector<Play> plays(rows.size());
  if (!refit) {
    const Planner planner(market.dataset, truth.as_of, params);
    parallel_for(rows.size(), [&](std::size_t i) {
      const auto& r = rows[i].state;
      const auto policy = planner.policy(r.game, r.code, r.remaining, truth.as_of, r.current_price);
      plays[i] = play_row(truth, rows[i], *policy);
    });
    report(progress, stage, 1, 1);
    return plays;
  }

  // The decision days: as_of for each row's current bucket, then the day each later bucket opens.
  std::map<Date, std::vector<std::pair<std::size_t, std::size_t>>> decisions;  // day -> (row, bucket)
  std::vector<std::optional<double>> in_force(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    plays[i].seats_left = rows[i].state.remaining;
    in_force[i] = rows[i].state.current_price;
    const Date game_day = market.dataset.games[rows[i].state.game].date;
    for (std::size_t b = rows[i].first_bucket; b < truth.buckets.size(); ++b)
      decisions[b == rows[i].first_bucket ? truth.as_of : game_day - truth.buckets[b].days_to].push_back({i, b});
  }

  Dataset data = market.dataset;  // grows by this policy's sales; each fit sees those dated before its day
  std::size_t days_done = 0;
  for (const auto& [day, due] : decisions) {
    report(progress, stage, days_done++, decisions.size());
    const Planner planner(data, day, params);
    std::vector<std::vector<Transaction>> sold(due.size());
    parallel_for(due.size(), [&, &due = due, day = day](std::size_t k) {
      const auto [i, b] = due[k];
      const auto& r = rows[i].state;
      if (plays[i].seats_left <= 0) return;  // sold out: nothing left to price
      const auto policy = planner.policy(r.game, r.code, plays[i].seats_left, day, in_force[i]);
      const double price = policy->price(b, plays[i].seats_left, in_force[i]);
      if (on_price) on_price(i, b, price, in_force[i], planner.constraints(r.code));
      const Date game_day = data.games[r.game].date;
      play_bucket(truth, rows[i], b, price, plays[i], [&](const Customer& c, int quantity) {
        Transaction t;
        t.game = r.game;
        t.code = r.code;
        t.sold_date = c.date(game_day);
        t.sold_at = sim::timestamp(t.sold_date, c.minute);
        t.quantity = quantity;
        t.price = price;
        sold[k].push_back(std::move(t));
      });
      in_force[i] = price;
    });
    for (auto& s : sold) data.transactions.insert(data.transactions.end(), s.begin(), s.end());
  }
  report(progress, stage, decisions.size(), decisions.size());
  return plays;
}

}  // namespace seatsync
