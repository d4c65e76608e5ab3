// Booking curves from the orders, and the reference sums the pickup methods share.
#include <algorithm>
#include <stdexcept>

#include "seatsync/booking_curve.hpp"

namespace seatsync {

double BookingCurve::at(int days_before) const {
  if (days_before < 0) return final_tickets;
  return static_cast<std::size_t>(days_before) < booked.size() ? booked[static_cast<std::size_t>(days_before)] : 0.0;
}

int booking_horizon(const Dataset& data) {
  int horizon = 1;
  for (const auto& t : data.transactions) horizon = std::max(horizon, data.days_before(t));
  return horizon;
}

std::vector<BookingCurve> booking_curves(const Dataset& data, Date as_of, int horizon) {
  if (horizon < 1) throw std::invalid_argument("the booking horizon must be at least 1 day");
  const std::size_t n_codes = data.codes.size();
  // Tickets per (game, code, days-before), only from orders placed before as-of.
  std::vector<std::vector<double>> daily(data.games.size() * n_codes);
  for (const auto& t : data.transactions) {
    if (t.sold_date >= as_of) continue;
    const int d = std::clamp(data.days_before(t), 0, horizon);
    auto& day = daily[t.game * n_codes + t.code];
    if (day.empty()) day.assign(static_cast<std::size_t>(horizon) + 1, 0.0);
    day[static_cast<std::size_t>(d)] += t.quantity;
  }
  std::vector<BookingCurve> curves;
  curves.reserve(daily.size());
  for (GameIndex g = 0; g < data.games.size(); ++g) {
    for (CodeIndex c = 0; c < n_codes; ++c) {
      BookingCurve curve;
      curve.game = g;
      curve.code = c;
      curve.tier = data.games[g].tier;
      curve.seats = data.codes[c].capacity;
      const int to_go = data.games[g].date - as_of;
      curve.observed_from = to_go < 0 ? -1 : std::min(to_go, horizon);
      curve.booked.assign(static_cast<std::size_t>(horizon) + 1, 0.0);
      const auto& day = daily[g * n_codes + c];
      if (!day.empty()) {
        // booked[D] = sales on days-before > D: a running sum from the horizon down.
        double running = 0;
        for (int d = horizon; d >= 0; --d) {
          curve.booked[static_cast<std::size_t>(d)] = running;
          running += day[static_cast<std::size_t>(d)];
        }
        curve.final_tickets = running;
      }
      curves.push_back(std::move(curve));
    }
  }
  return curves;
}

PickupReference::PickupReference(std::vector<const BookingCurve*> complete, std::vector<const BookingCurve*> partial,
                                 int horizon)
    : complete_(std::move(complete)), partial_(std::move(partial)), horizon_(horizon) {
  const auto size = static_cast<std::size_t>(horizon) + 2;
  booked_sum_.assign(size, 0.0);
  daily_sum_.assign(size, 0.0);
  partial_daily_sum_.assign(size, 0.0);
  partial_daily_count_.assign(size, 0);
  for (const BookingCurve* c : complete_) {
    for (int d = -1; d <= horizon; ++d) booked_sum_[static_cast<std::size_t>(d + 1)] += c->at(d);
    for (int d = 0; d <= horizon; ++d) daily_sum_[static_cast<std::size_t>(d)] += c->at(d - 1) - c->at(d);
  }
  // A partial curve known from D0 on has seen every day-before d > D0 whole.
  for (const BookingCurve* c : partial_) {
    for (int d = c->observed_from + 1; d <= horizon; ++d) {
      partial_daily_sum_[static_cast<std::size_t>(d)] += c->at(d - 1) - c->at(d);
      ++partial_daily_count_[static_cast<std::size_t>(d)];
    }
  }
}

double PickupReference::complete_booked_sum(int days_before) const {
  if (days_before > horizon_) return 0.0;
  return booked_sum_[static_cast<std::size_t>(std::max(days_before, -1) + 1)];
}

double PickupReference::complete_daily_sum(int days_before) const {
  return days_before < 0 || days_before > horizon_ ? 0.0 : daily_sum_[static_cast<std::size_t>(days_before)];
}

double PickupReference::partial_daily_sum(int days_before) const {
  return days_before < 0 || days_before > horizon_ ? 0.0 : partial_daily_sum_[static_cast<std::size_t>(days_before)];
}

int PickupReference::partial_daily_count(int days_before) const {
  return days_before < 0 || days_before > horizon_ ? 0 : partial_daily_count_[static_cast<std::size_t>(days_before)];
}

}  // namespace seatsync
