// The promotion rule: the candidate against the current model on the latest window, and its
// backtest lift.
#include "seatsync/model_promotion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "monitor/monitor_rows.hpp"
#include "seatsync/demand_response.hpp"

namespace seatsync {
namespace {

Date window_day(const nlohmann::json& metadata, const char* key) {
  const auto d = Date::parse(metadata.at("data").at(key).get<std::string>());
  if (!d) throw std::runtime_error(std::string("the candidate's metadata has a bad data.") + key);
  return *d;
}

double error_on(const Model& model, const Table& rows, ModelKind kind, const std::string& metric) {
  for (const auto& [name, value] : score_predictions(task_of(kind), rows.y, model.predict(rows)))
    if (name == metric) return value;
  throw std::logic_error("no metric " + metric);
}

}  // namespace

namespace {

// A model's view of one decision: its expected tickets at each candidate price (capped by the
// seats left) and the price of most expected revenue.
struct Choice {
  std::vector<double> tickets;
  std::size_t best = 0;
};

Choice choose(const Model& model, const nlohmann::json& metadata, const Dataset& data, const FeatureRowKey& k,
              const std::vector<double>& prices, double seats) {
  const auto points = demand_response(model, columns_from_metadata(metadata), data, feature_options_from_metadata(metadata),
                                      k.game, k.code, k.day, prices);
  Choice c;
  for (std::size_t p = 0; p < prices.size(); ++p) {
    c.tickets.push_back(std::min(points[p].expected, seats));
    if (prices[p] * c.tickets[p] > prices[c.best] * c.tickets[c.best]) c.best = p;
  }
  return c;
}

}  // namespace

BacktestLift backtest_lift(const Dataset& data, const Model& model, const nlohmann::json& metadata, const Model* current,
                           const nlohmann::json* current_metadata, Date from, Date to, const MarketTruth* truth) {
  std::vector<FeatureRowKey> keys;
  const Table rows = monitor::every_day_rows(data, metadata, ModelKind::demand, from, to, &keys);
  const auto price_col = find_column(rows.columns, "price"), seats_col = find_column(rows.columns, "remaining_share"),
             bucket_col = find_column(rows.columns, "bucket_index");
  if (!price_col || !seats_col || !bucket_col)
    throw std::runtime_error("the model lacks the price, remaining_share or bucket_index feature");
  const bool against_current = current && current_metadata;
  BacktestLift b;
  b.against = against_current ? "current" : "actual";
  b.judged_by = truth ? "truth" : against_current ? "models" : "model";
  // The first day of each (game, code, bucket) in the window: the day its price is decided.
  std::map<std::tuple<GameIndex, CodeIndex, float>, std::size_t> decisions;
  for (std::size_t i = 0; i < keys.size(); ++i)
    decisions.emplace(std::make_tuple(keys[i].game, keys[i].code, rows.x(Eigen::Index(i), Eigen::Index(*bucket_col))), i);
  for (const auto& [cell, i] : decisions) {
    const auto& k = keys[i];
    const double actual = rows.x(Eigen::Index(i), Eigen::Index(*price_col));
    const double seats = rows.x(Eigen::Index(i), Eigen::Index(*seats_col)) * data.codes[k.code].capacity;
    if (!std::isfinite(actual) || !(actual > 0) || !(seats > 0)) continue;
    std::vector<double> prices{actual};
    const double floor = std::max(data.codes[k.code].floor_price, 1.0);
    for (double m = 1.0; m <= 3.0 + 1e-9; m += 0.25) prices.push_back(std::round(floor * m * 100) / 100);
    std::sort(prices.begin(), prices.end());
    prices.erase(std::unique(prices.begin(), prices.end()), prices.end());
    const std::size_t at_actual = static_cast<std::size_t>(std::find(prices.begin(), prices.end(), actual) - prices.begin());

    const Choice mine = choose(model, metadata, data, k, prices, seats);
    const auto theirs = against_current ? std::optional(choose(*current, *current_metadata, data, k, prices, seats)) : std::nullopt;
    const std::size_t baseline = theirs ? theirs->best : at_actual;
    auto revenue = [&](std::size_t p) {
      double q = mine.tickets[p];
      if (truth) {
        const auto bucket = bucket_at(*truth, data.games[k.game].date - k.day);
        q = bucket ? std::min(seats, expected_tickets_demanded(*truth, k.game, k.code, *bucket, prices[p]) /
                                         std::max(1, selling_days(*truth, *bucket)))
                   : 0.0;
      } else if (theirs) {
        q = 0.5 * (mine.tickets[p] + theirs->tickets[p]);  // neither model judges itself alone
      }
      return prices[p] * q;
    };
    ++b.decisions;
    b.revenue_model += revenue(mine.best);
    b.revenue_baseline += revenue(baseline);
  }
  b.lift = b.revenue_baseline > 0 ? b.revenue_model / b.revenue_baseline - 1.0 : 0.0;
  return b;
}

PromotionDecision decide_promotion(const Dataset& data, const Model& candidate, const nlohmann::json& candidate_metadata,
                                   const Model* current, const nlohmann::json* current_metadata, const MarketTruth* truth) {
  const ModelKind kind = parse_model_kind(candidate_metadata.at("model").get<std::string>());
  const Date from = window_day(candidate_metadata, "split_day"), to = window_day(candidate_metadata, "last_day");
  PromotionDecision d;
  if (current && current_metadata) {
    WindowComparison w;
    w.metric = kind == ModelKind::conversion ? "logloss" : "rmse";
    w.from = from;
    w.to = to;
    const Table mine = monitor::every_day_rows(data, candidate_metadata, kind, from, to);
    const Table theirs = monitor::every_day_rows(data, *current_metadata, kind, from, to);
    w.rows = mine.rows();
    if (w.rows == 0) throw std::runtime_error("the candidate's held-out window " + from.str() + " .. " + to.str() + " has no rows");
    w.candidate = error_on(candidate, mine, kind, w.metric);
    w.current = error_on(*current, theirs, kind, w.metric);
    d.window = w;
  }
  if (kind == ModelKind::demand)
    d.backtest = backtest_lift(data, candidate, candidate_metadata, current, current_metadata, from, to, truth);

  if (d.window && !(d.window->candidate < d.window->current)) {
    d.reason = fmt::format("does not beat the current model on {} .. {}: {} {:.4f} against {:.4f}", from.str(), to.str(),
                           d.window->metric, d.window->candidate, d.window->current);
  } else if (d.backtest && d.backtest->lift < 0) {
    d.reason = fmt::format("backtest lift {:+.2f}% against the {} prices is negative ({} decisions, judged by the {})",
                           100 * d.backtest->lift, d.backtest->against, d.backtest->decisions, d.backtest->judged_by);
  } else {
    d.promote = true;
    d.reason = d.window ? fmt::format("beats the current model on {} .. {}: {} {:.4f} against {:.4f}", from.str(), to.str(),
                                      d.window->metric, d.window->candidate, d.window->current)
                        : std::string("no current model");
    if (d.backtest)
      d.reason += fmt::format("; backtest lift {:+.2f}% against the {} prices (judged by the {})", 100 * d.backtest->lift,
                              d.backtest->against, d.backtest->judged_by);
  }
  return d;
}

nlohmann::json to_json(const PromotionDecision& d) {
  nlohmann::json j{{"promote", d.promote}, {"reason", d.reason}, {"window", nullptr}, {"backtest", nullptr}};
  if (d.window)
    j["window"] = {{"metric", d.window->metric}, {"from", d.window->from.str()}, {"to", d.window->to.str()},
                   {"rows", d.window->rows}, {"candidate", d.window->candidate}, {"current", d.window->current}};
  if (d.backtest)
    j["backtest"] = {{"decisions", d.backtest->decisions}, {"revenue_model", d.backtest->revenue_model},
                     {"revenue_baseline", d.backtest->revenue_baseline}, {"against", d.backtest->against},
                     {"lift", d.backtest->lift}, {"judged_by", d.backtest->judged_by}};
  return j;
}

}  // namespace seatsync
