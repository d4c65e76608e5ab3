// evaluate_booking_methods: held-out games of simulated seasons, each forecast from several
// days-before as if the data had been cut there, scored against the final tickets the game sold
// and against the truth's expected final demand.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <stdexcept>

#include "seatsync/booking_curve.hpp"
#include "seatsync/simulator.hpp"

namespace seatsync {
namespace {

// The truth's expected final tickets of a played game × code seen from D days before: the
// tickets sold before then plus the tickets expected to be wanted on each remaining day at the
// price the analyst charged in its bucket (set at the bucket's start from the seats unsold then,
// as the simulator did), capped at the seats.
double truth_expected_final(const MarketTruth& truth, const BookingCurve& played, int days_before) {
  double expected = played.at(days_before);
  for (BucketIndex b = 0; b < truth.buckets.size(); ++b) {
    const int days = selling_days(truth, b);
    if (days == 0) continue;
    const TimeBucket& bucket = truth.buckets[b];
    const int opens = std::min(bucket.days_to, truth.sales_window_days);
    const int remaining_days = std::min(opens, days_before) - bucket.days_from + 1;
    if (remaining_days <= 0) continue;
    const int unsold_at_start = played.seats - static_cast<int>(std::lround(played.at(opens)));
    const double price = analyst_price(truth, played.game, played.code, b, unsold_at_start);
    expected += expected_tickets_demanded(truth, played.game, played.code, b, price) * remaining_days / days;
  }
  return std::min(expected, static_cast<double>(played.seats));
}

struct Accumulator {
  std::size_t cases = 0;
  double abs_actual = 0, abs_truth = 0, in_80 = 0, in_95 = 0, brier = 0, p = 0, sold_out = 0;
};

}  // namespace

BookingEvaluation evaluate_booking_methods(const BookingEvaluationOptions& options) {
  std::vector<std::string> methods = options.methods.empty() ? pickup_method_names() : options.methods;
  for (const auto& m : methods)
    if (!find_pickup_method(m)) throw std::invalid_argument(fmt::format("unknown booking-curve method '{}'", m));
  BookingEvaluation evaluation;
  std::map<std::pair<std::string, int>, Accumulator> totals;
  for (const auto& scenario_name : options.scenarios) {
    const auto scenario = parse_scenario(scenario_name);
    if (!scenario) throw std::invalid_argument(fmt::format("unknown scenario '{}'", scenario_name));
    for (const std::uint64_t seed : options.seeds) {
      SimulationConfig config;
      config.seed = seed;
      config.scenario = *scenario;
      config.seasons = options.seasons;
      config.games_per_season = options.games_per_season;
      const SimulatedMarket market = simulate_market(config);
      const Dataset& data = market.dataset;
      evaluation.datasets.push_back(fmt::format("{} seed {}", scenario_name, seed));
      const int horizon = booking_horizon(data);
      // Every curve in full: the played games' final tickets.
      const std::vector<BookingCurve> full = booking_curves(data, market.truth.as_of, horizon);
      std::vector<GameIndex> played;
      for (GameIndex g = 0; g < data.games.size(); ++g)
        if (data.games[g].date < market.truth.as_of) played.push_back(g);
      std::sort(played.begin(), played.end(), [&](GameIndex a, GameIndex b) { return data.games[a].date < data.games[b].date; });
      const std::size_t held = std::min<std::size_t>(played.size(), static_cast<std::size_t>(options.games_per_season));
      for (std::size_t i = played.size() - held; i < played.size(); ++i) {
        const GameIndex g = played[i];
        for (const int d : options.days_before) {
          const Date as_of = data.games[g].date - d;
          for (const auto& method : methods) {
            BookingOptions booking = options.booking;
            booking.method = method;
            const BookingForecastSet set = forecast_bookings(data, as_of, {data.games[g].id}, booking);
            for (const auto& f : set.games.front().codes) {
              if (!std::isfinite(f.expected_final)) continue;
              const BookingCurve& curve = full[g * data.codes.size() + f.code];
              Accumulator& acc = totals[{method, d}];
              ++acc.cases;
              acc.abs_actual += std::abs(f.expected_final - curve.final_tickets);
              acc.abs_truth += std::abs(f.expected_final - truth_expected_final(market.truth, curve, d));
              acc.in_80 += curve.final_tickets >= f.lower_80 && curve.final_tickets <= f.upper_80;
              acc.in_95 += curve.final_tickets >= f.lower_95 && curve.final_tickets <= f.upper_95;
              const double out = curve.final_tickets >= curve.seats ? 1.0 : 0.0;
              acc.brier += (f.p_sellout - out) * (f.p_sellout - out);
              acc.p += f.p_sellout;
              acc.sold_out += out;
            }
          }
        }
      }
    }
  }
  for (const int d : options.days_before)
    for (const auto& method : methods) {
      const Accumulator& acc = totals[{method, d}];
      const double n = std::max<double>(1, static_cast<double>(acc.cases));
      evaluation.rows.push_back({method, d, acc.cases, acc.abs_actual / n, acc.abs_truth / n, acc.in_80 / n, acc.in_95 / n,
                                 acc.brier / n, acc.p / n, acc.sold_out / n});
    }
  return evaluation;
}

std::string booking_evaluation_markdown(const BookingEvaluation& evaluation) {
  std::vector<std::string> methods;
  std::vector<int> days;
  for (const auto& r : evaluation.rows) {
    if (std::find(methods.begin(), methods.end(), r.method) == methods.end()) methods.push_back(r.method);
    if (std::find(days.begin(), days.end(), r.days_before) == days.end()) days.push_back(r.days_before);
  }
  auto row_of = [&](const std::string& m, int d) -> const BookingEvaluationRow* {
    for (const auto& r : evaluation.rows)
      if (r.method == m && r.days_before == d) return &r;
    return nullptr;
  };
  // One table: a row per days-before, a column per method, `cell` formatting (method row, additive row).
  auto table = [&](const std::string& title, bool with_cases, auto cell) {
    std::string t = title + "\n\n| days before |" + (with_cases ? " cases |" : "");
    for (const auto& m : methods) t += " " + m + " |";
    t += with_cases ? "\n|---:|---:|" : "\n|---:|";
    for (std::size_t i = 0; i < methods.size(); ++i) t += "---:|";
    t += "\n";
    for (const int d : days) {
      const BookingEvaluationRow* base = row_of("additive", d);
      t += fmt::format("| {} |", d);
      if (with_cases) t += fmt::format(" {} |", base ? base->cases : row_of(methods.front(), d)->cases);
      for (const auto& m : methods) t += " " + cell(*row_of(m, d), base) + " |";
      t += "\n";
    }
    return t + "\n";
  };
  auto mae_cell = [](bool truth) {
    return [truth](const BookingEvaluationRow& r, const BookingEvaluationRow* base) {
      const double mae = truth ? r.mae_truth : r.mae_actual;
      const double base_mae = base ? (truth ? base->mae_truth : base->mae_actual) : NAN;
      return base && base_mae > 0 ? fmt::format("{:.2f} ({:.2f})", mae, mae / base_mae) : fmt::format("{:.2f}", mae);
    };
  };
  std::string out = "Datasets: ";
  for (std::size_t i = 0; i < evaluation.datasets.size(); ++i) out += (i ? ", " : "") + evaluation.datasets[i];
  out += "\n\n";
  out += table("MAE of final tickets per game × code against the tickets actually sold (ratio to additive)", true,
               mae_cell(false));
  out += table("MAE of final tickets per game × code against the truth's expected final demand (ratio to additive)",
               true, mae_cell(true));
  out += table("Interval coverage of the actual final tickets, 80% / 95%", false,
               [](const BookingEvaluationRow& r, const BookingEvaluationRow*) {
                 return fmt::format("{:.0f}% / {:.0f}%", 100 * r.coverage_80, 100 * r.coverage_95);
               });
  out += table("P(sellout): Brier score (mean P / share that sold out)", false,
               [](const BookingEvaluationRow& r, const BookingEvaluationRow*) {
                 return fmt::format("{:.3f} ({:.2f} / {:.2f})", r.brier, r.mean_p_sellout, r.sellout_rate);
               });
  return out;
}

}  // namespace seatsync
