// forecast_bookings: for each upcoming game × code, the chosen pickup method's expected final
// tickets, the distribution around it (dispersion from the method's leave-one-out residuals on
// the reference games), the booking velocity and P(sellout).
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <stdexcept>

#include "seatsync/booking_curve.hpp"

namespace seatsync {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The reference curves of one code: its tier's, or every tier's when the tier has too few.
struct ReferenceChoice {
  std::unique_ptr<PickupReference> reference;
  bool all_tiers = false;
};

class References {
 public:
  References(const std::vector<BookingCurve>& curves, int horizon, const BookingOptions& options)
      : curves_(curves), horizon_(horizon), options_(options) {}

  // The reference of a target `days_before` out. Completed games that had sold out by then are
  // left out when the options say so: their pickup from there is zero because no seat was left,
  // not because nobody wanted one, and the target (not sold out) cannot be like them.
  const ReferenceChoice& get(int tier, CodeIndex code, int days_before) {
    const int key_days = options_.exclude_sold_out_reference ? days_before : -1;
    auto& slot = cache_[{tier, code, key_days}];
    if (slot.reference) return slot;
    std::size_t in_tier = 0;
    for (const auto& c : curves_)
      if (c.code == code && c.complete() && c.tier == tier) ++in_tier;
    slot.all_tiers = in_tier < static_cast<std::size_t>(options_.min_reference_games);
    std::vector<const BookingCurve*> complete, open, partial;
    for (const auto& c : curves_) {
      if (c.code != code || (!slot.all_tiers && c.tier != tier)) continue;
      if (!c.complete()) partial.push_back(&c);
      else {
        complete.push_back(&c);
        if (c.at(days_before) < c.seats) open.push_back(&c);
      }
    }
    if (options_.exclude_sold_out_reference && open.size() >= 2) complete = std::move(open);
    slot.reference = std::make_unique<PickupReference>(std::move(complete), std::move(partial), horizon_);
    return slot;
  }

 private:
  const std::vector<BookingCurve>& curves_;
  int horizon_;
  const BookingOptions& options_;
  std::map<std::tuple<int, CodeIndex, int>, ReferenceChoice> cache_;
};

std::vector<GameIndex> selected_games(const Dataset& data, Date as_of, const std::vector<std::string>& ids) {
  std::vector<GameIndex> games;
  if (ids.empty()) {
    for (GameIndex g = 0; g < data.games.size(); ++g)
      if (data.games[g].date >= as_of) games.push_back(g);
  } else {
    std::set<GameIndex> seen;
    for (const auto& id : ids) {
      const auto g = data.find_game(id);
      if (!g) throw std::invalid_argument(fmt::format("unknown game '{}'", id));
      if (data.games[*g].date < as_of)
        throw std::invalid_argument(
            fmt::format("game '{}' was played on {}, before the as-of date {}", id, data.games[*g].date.str(), as_of.str()));
      if (seen.insert(*g).second) games.push_back(*g);
    }
  }
  std::stable_sort(games.begin(), games.end(),
                   [&](GameIndex a, GameIndex b) { return data.games[a].date < data.games[b].date; });
  return games;
}

CodeBookingForecast forecast_code(const BookingCurve& target, const ReferenceChoice& choice, int days_before,
                                  int seats_left, const PickupMethod& method, const BookingOptions& options) {
  const PickupReference& reference = *choice.reference;
  CodeBookingForecast f;
  f.code = target.code;
  f.seats = target.seats;
  f.days_before = days_before;
  f.sold = static_cast<int>(std::lround(target.at(days_before)));
  f.sold_last_days = static_cast<int>(std::lround(target.at(days_before) - target.at(days_before + options.velocity_days)));
  f.method = options.method;
  f.reference_games = reference.complete().size();
  f.all_tiers_reference = choice.all_tiers;
  const double n = static_cast<double>(reference.complete().size());
  const double reference_pace =
      n > 0 ? (reference.complete_booked_sum(days_before) - reference.complete_booked_sum(days_before + options.velocity_days)) / n
            : 0.0;
  f.velocity = reference_pace > 0 ? f.sold_last_days / reference_pace : kNaN;

  if (seats_left <= 0) {  // sold out already: nothing left to forecast
    f.expected_final = f.lower_80 = f.upper_80 = f.lower_95 = f.upper_95 = std::max(f.seats, f.sold);
    f.p_sellout = 1.0;
    return f;
  }
  if (reference.complete().size() < 2) {
    f.expected_final = f.lower_80 = f.upper_80 = f.lower_95 = f.upper_95 = f.p_sellout = kNaN;
    f.method = "none (fewer than two completed games)";
    return f;
  }
  const int seats = std::min(f.seats, f.sold + seats_left);
  const auto fitted = method(reference, days_before);
  const double expected = std::max(static_cast<double>(f.sold), fitted->expected_final(f.sold));

  // Dispersion from the method's own leave-one-out errors on the reference games' pickups.
  std::vector<double> pickups, predicted;
  std::vector<bool> censored;
  for (std::size_t j = 0; j < reference.complete().size(); ++j) {
    const BookingCurve& h = *reference.complete()[j];
    const double booked = h.at(days_before);
    const double forecast = std::clamp(fitted->expected_final(booked, j), booked, std::max(booked, double(h.seats)));
    pickups.push_back(h.final_tickets - booked);
    predicted.push_back(forecast - booked);
    censored.push_back(h.final_tickets >= h.seats);
  }
  const CensoredPickupFit fit = options.censored_demand ? fit_censored_pickups(pickups, predicted, censored)
                                                        : CensoredPickupFit{1.0, pickup_dispersion(pickups, predicted)};
  const FinalTicketsDistribution dist =
      final_tickets_distribution(f.sold, seats, fit.scale * (expected - f.sold), fit.dispersion);
  f.expected_final = std::min(expected, static_cast<double>(seats));
  f.lower_80 = dist.lower_80;
  f.upper_80 = dist.upper_80;
  f.lower_95 = dist.lower_95;
  f.upper_95 = dist.upper_95;
  f.p_sellout = dist.p_sellout;
  return f;
}

}  // namespace

BookingForecastSet forecast_bookings(const Dataset& data, Date as_of, const std::vector<std::string>& game_ids,
                                     const BookingOptions& options) {
  const PickupMethod* method = find_pickup_method(options.method);
  if (method == nullptr) throw std::invalid_argument(fmt::format("unknown booking-curve method '{}'", options.method));
  if (options.velocity_days < 1) throw std::invalid_argument("the velocity window must be at least 1 day");
  BookingForecastSet set;
  set.as_of = as_of;
  set.method = options.method;
  const std::vector<GameIndex> games = selected_games(data, as_of, game_ids);
  const int horizon = booking_horizon(data);
  const std::vector<BookingCurve> curves = booking_curves(data, as_of, horizon);
  References references(curves, horizon, options);

  // The inventory counts seats left now; they say nothing about an earlier as-of.
  const bool inventory_current = as_of >= day_after_last_sale(data);
  std::map<std::pair<GameIndex, CodeIndex>, int> remaining;
  for (const auto& r : data.inventory) remaining[{r.game, r.code}] = r.remaining;

  std::map<int, std::set<CodeIndex>> fallbacks;  // tier -> codes learnt from every tier
  for (GameIndex g : games) {
    GameBookingForecast game;
    game.game = g;
    std::vector<CodeIndex> codes;
    for (const auto& r : data.inventory)
      if (r.game == g) codes.push_back(r.code);
    if (codes.empty())
      for (CodeIndex c = 0; c < data.codes.size(); ++c) codes.push_back(c);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    const int days_before = std::min(data.games[g].date - as_of, horizon);
    for (CodeIndex c : codes) {
      const BookingCurve& target = curves[g * data.codes.size() + c];
      const ReferenceChoice& choice = references.get(data.games[g].tier, c, days_before);
      int seats_left = target.seats - static_cast<int>(std::lround(target.at(days_before)));
      if (inventory_current)
        if (const auto it = remaining.find({g, c}); it != remaining.end()) seats_left = std::min(seats_left, it->second);
      game.codes.push_back(forecast_code(target, choice, days_before, seats_left, *method, options));
      if (choice.all_tiers) fallbacks[data.games[g].tier].insert(c);
    }
    set.games.push_back(std::move(game));
  }
  for (const auto& [tier, codes] : fallbacks)
    set.notes.push_back(fmt::format(
        "tier {}: fewer than {} completed games for {} price code{}; those codes learnt from every tier's games", tier,
        options.min_reference_games, codes.size(), codes.size() == 1 ? "" : "s"));
  return set;
}

}  // namespace seatsync
