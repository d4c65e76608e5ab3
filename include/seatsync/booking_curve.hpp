#pragma once
// Booking-curve (pickup) forecasts for the season data: for every upcoming game × price code,
// the tickets expected by game day with 80% and 95% intervals, the booking velocity and the
// probability of selling out. The methods are those Weatherford & Kimes (2003) compared for hotel
// revenue management — classical additive and multiplicative pickup, advanced pickup, a
// regression on the booking curve — and their combination; see docs/forecasting.md.
//
// Conventions. A game's booking curve at D days before (D ≥ 0) is the tickets sold *before* the
// morning of day game − D: what an analyst running on that morning has seen. With as-of date A, a
// game on date G ≥ A is upcoming with D = G − A days to go and its curve is known for every
// days-before ≥ D; a game with G < A is complete (its game-day sales happened before A).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/dataset.hpp"
#include "seatsync/date.hpp"

namespace seatsync {

// One game × price code's sales by days before the game.
struct BookingCurve {
  GameIndex game = 0;
  CodeIndex code = 0;
  int tier = 1;
  int seats = 0;
  // booked[D] = tickets sold before day game − D, for D = 0 … horizon; 0 beyond it.
  std::vector<double> booked;
  double final_tickets = 0;  // every ticket sold, game day included (complete curves)
  // The days-before from which the curve is known: -1 for a complete game, else D at as-of.
  int observed_from = -1;

  bool complete() const { return observed_from < 0; }
  // booked at D, 0 past the horizon; the final tickets for D < 0.
  double at(int days_before) const;
};

// The curves of one price code a forecast learns from (one tier, or all when the tier has too
// few games), with the sums every method needs precomputed so that leave-one-out stays cheap.
class PickupReference {
 public:
  PickupReference(std::vector<const BookingCurve*> complete, std::vector<const BookingCurve*> partial, int horizon);

  const std::vector<const BookingCurve*>& complete() const { return complete_; }
  const std::vector<const BookingCurve*>& partial() const { return partial_; }
  int horizon() const { return horizon_; }
  // Σ over the complete curves of booked[D]; D < 0 gives Σ final tickets.
  double complete_booked_sum(int days_before) const;
  // Tickets sold on day D (booked[D − 1] − booked[D], final − booked[0] for D = 0): Σ over
  // the complete curves, and over the partial curves that have seen the whole day with their count.
  double complete_daily_sum(int days_before) const;
  double partial_daily_sum(int days_before) const;
  int partial_daily_count(int days_before) const;

 private:
  std::vector<const BookingCurve*> complete_, partial_;
  int horizon_ = 0;
  std::vector<double> booked_sum_;  // [D + 1]: D = -1 … horizon
  std::vector<double> daily_sum_, partial_daily_sum_;
  std::vector<int> partial_daily_count_;
};

// A pickup method fitted to the reference curves at one days-before D: the expected final
// tickets of a curve that has booked `booked` tickets with D days to go. `leave_out` drops one
// complete curve (its index in reference.complete()) — what leave-one-out cross-validation
// evaluates. Uncapped: the caller keeps the result within [booked, seats].
class FittedPickup {
 public:
  virtual ~FittedPickup() = default;
  virtual double expected_final(double booked, std::optional<std::size_t> leave_out = std::nullopt) const = 0;
};
// Fits a method; needs at least two complete curves (std::invalid_argument otherwise).
using PickupMethod = std::function<std::unique_ptr<FittedPickup>(const PickupReference&, int days_before)>;

// "additive", "multiplicative", "advanced", "regression", "average", "combination".
std::vector<std::string> pickup_method_names();
// nullptr when no method has that name.
const PickupMethod* find_pickup_method(std::string_view name);
inline constexpr std::string_view kDefaultPickupMethod = "combination";

struct BookingOptions {
  std::string method = std::string(kDefaultPickupMethod);
  // A tier with fewer complete games than this for a code learns from every tier instead.
  int min_reference_games = 6;
  int velocity_days = 7;  // booking velocity: the last N days' sales against the tier's
  // Leave out of the reference the completed games already sold out at the target's days-before
  // (their pickup is censored to zero); kept when fewer than two would remain.
  bool exclude_sold_out_reference = true;
  // Fit the remaining demand's distribution treating sold-out reference games' pickups as
  // censored (fit_censored_pickups): P(sellout) and the intervals then see demand, not sales.
  bool censored_demand = true;
};

// The forecast of one upcoming game × code.
struct CodeBookingForecast {
  CodeIndex code = 0;
  int seats = 0;
  int sold = 0;  // tickets sold before as-of
  int days_before = 0;
  // Expected final tickets, within [sold, seats]; NaN (with the bounds and P) without history.
  double expected_final = 0;
  double lower_80 = 0, upper_80 = 0, lower_95 = 0, upper_95 = 0;
  // Tickets sold in the last velocity_days over the reference curves' mean at the same
  // days-before: 1 = on the historical pace. NaN when the reference sold nothing then.
  double velocity = 0;
  int sold_last_days = 0;
  double p_sellout = 0;  // P(final tickets reach the seats)
  std::string method;
  std::size_t reference_games = 0;
  bool all_tiers_reference = false;  // the tier had too few games: every tier's were used
};

struct GameBookingForecast {
  GameIndex game = 0;
  std::vector<CodeBookingForecast> codes;
};

struct BookingForecastSet {
  Date as_of;
  std::string method;
  std::vector<GameBookingForecast> games;  // by date
  std::vector<std::string> notes;          // fallbacks, as a user reads them
};

// Every curve of the dataset as seen on as_of: complete games (date < as_of) and the upcoming
// games' partial curves. `horizon` bounds days-before (sales earlier count at the horizon).
std::vector<BookingCurve> booking_curves(const Dataset& data, Date as_of, int horizon);
// The longest days-before of any order, at least 1.
int booking_horizon(const Dataset& data);

// Forecasts for the upcoming games (date ≥ as_of; only `game_ids` when not empty — an unknown id
// is std::invalid_argument), each code the game has inventory for (every code when none).
// std::invalid_argument for an unknown method.
BookingForecastSet forecast_bookings(const Dataset& data, Date as_of, const std::vector<std::string>& game_ids = {},
                                     const BookingOptions& options = {});

// The distribution part, exposed for tests: remaining demand is negative binomial with `mean`
// and dispersion φ (variance = mean + φ·mean², φ = 0: Poisson); final = min(seats, sold + R).
struct FinalTicketsDistribution {
  double lower_80 = 0, upper_80 = 0, lower_95 = 0, upper_95 = 0, p_sellout = 0;
};
FinalTicketsDistribution final_tickets_distribution(int sold, int seats, double mean_remaining, double dispersion);
// φ by moments from leave-one-out residuals: Σ((x − μ)² − μ) / Σ μ², at least 0.
double pickup_dispersion(const std::vector<double>& pickups, const std::vector<double>& predicted);
// The reference games' pickups are censored where the game sold out (the pickup is then the seats
// it had left, a lower bound on its demand). Maximum likelihood over a grid of scales s ∈ [1, 2]
// of R_h ~ NB(s·predicted_h, φ), right-censored where `censored`, φ by moments on the uncensored
// ones: how much the remaining demand exceeds what the capped history shows. {1, moments} when
// nothing is censored.
struct CensoredPickupFit {
  double scale = 1.0, dispersion = 0.0;
};
CensoredPickupFit fit_censored_pickups(const std::vector<double>& pickups, const std::vector<double>& predicted,
                                       const std::vector<bool>& censored);

// ---- Charts ---------------------------------------------------------------------------------
// One upcoming game's booking curve summed over its codes: what the daily run draws.
struct BookingChartPoint {
  int days_before = 0;
  double tickets = 0;
};
struct GameBookingChart {
  GameIndex game = 0;
  int days_before = 0;  // today
  int seats = 0;
  std::vector<BookingChartPoint> sold;       // from the first sale's days-before down to today
  // The reference games' mean curve (the same tier's, per code as the forecast used), summed
  // over the codes; its last point (days_before = -1) is the mean final.
  std::vector<BookingChartPoint> reference;
  // From today to game day: the forecast and its bounds, following the reference curve's shape
  // (the pickup still to come is spread over the days as the reference games spread theirs).
  // The bounds are the sums of the codes' bounds: codes move together with the game's demand.
  std::vector<BookingChartPoint> expected, lower_80, upper_80, lower_95, upper_95;
  double p_any_sellout = 0;  // the largest P(sellout) of its codes
};
std::vector<GameBookingChart> booking_charts(const Dataset& data, const BookingForecastSet& set,
                                             const BookingOptions& options = {});

// ---- Output formats ------------------------------------------------------------------------
// {"as_of", "method", "notes", "games": [{"game_id", "game_date", "tier", "days_before",
// "codes": [{"price_code", "seats", "sold", "expected_final", "lower_80", …, "velocity",
// "p_sellout", "method", …}]}]}; NaN values are null.
std::string booking_forecast_json(const BookingForecastSet& set, const Dataset& data);
std::string booking_forecast_csv(const BookingForecastSet& set, const Dataset& data);
std::string booking_forecast_table(const BookingForecastSet& set, const Dataset& data);

// ---- Evaluation on the simulator -------------------------------------------------------------
// Held-out games: the last games_per_season games played before the truth's as-of (a season's
// worth, the most recent). For each days-before D, the dataset
// is cut at as-of = game − D (only sales before it seen; earlier games complete, later ones
// partial) and each method forecasts the final tickets. Errors against the actual final tickets
// and against the truth's expected final demand (sold + the expected tickets demanded in the
// remaining days at the prices the analyst charged, capped at the seats).
struct BookingEvaluationRow {
  std::string method;
  int days_before = 0;
  std::size_t cases = 0;  // game × code forecasts
  double mae_actual = 0, mae_truth = 0;
  double coverage_80 = 0, coverage_95 = 0;  // of the actual final by the intervals
  // P(sellout) against what happened: the Brier score, the mean P and the share that sold out.
  double brier = 0, mean_p_sellout = 0, sellout_rate = 0;
};
struct BookingEvaluation {
  std::vector<std::string> datasets;  // "balanced seed 1", …
  std::vector<BookingEvaluationRow> rows;
};
struct BookingEvaluationOptions {
  std::vector<std::string> scenarios = {"balanced", "sellout", "soft", "shift"};
  std::vector<std::uint64_t> seeds = {101};
  std::vector<int> days_before = {60, 30, 14, 7, 3, 1};
  std::vector<std::string> methods;  // empty: every method
  BookingOptions booking;            // its method is replaced by each of `methods`
  int games_per_season = 41;
  int seasons = 3;
};
BookingEvaluation evaluate_booking_methods(const BookingEvaluationOptions& options = {});
// A Markdown table: per days-before, each method's MAE (actual / truth) and its ratio to additive.
std::string booking_evaluation_markdown(const BookingEvaluation& evaluation);

}  // namespace seatsync
