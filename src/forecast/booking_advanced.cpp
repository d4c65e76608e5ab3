// Advanced pickup (Weatherford & Kimes 2003): like additive pickup, but the games not yet played
// contribute too, for the days-before they have already passed. The pickup from D to game day
// is chained day by day: each day's mean sales over every curve that has seen that whole day —
// the completed games, plus upcoming games further out — so the most recent booking behaviour
// (this season's games) informs the days it covers.
//   final = booked(D) + Σ_{d=0..D} mean_{curves that saw day d} sales_h(d)
#include "booking_methods.hpp"

namespace seatsync::booking_detail {
namespace {

class AdvancedPickup final : public FittedPickup {
 public:
  AdvancedPickup(const PickupReference& reference, int days_before) : reference_(reference), d_(days_before) {
    const double n = static_cast<double>(reference.complete().size());
    for (int d = 0; d <= d_; ++d)
      pickup_ += (reference.complete_daily_sum(d) + reference.partial_daily_sum(d)) /
                 (n + reference.partial_daily_count(d));
  }

  double expected_final(double booked, std::optional<std::size_t> leave_out) const override {
    const std::size_t n = reference_count(reference_, leave_out);
    if (!leave_out) return booked + pickup_;
    const BookingCurve& h = *reference_.complete()[*leave_out];
    double pickup = 0;
    for (int d = 0; d <= d_; ++d)
      pickup += (reference_.complete_daily_sum(d) - (h.at(d - 1) - h.at(d)) + reference_.partial_daily_sum(d)) /
                (static_cast<double>(n) + reference_.partial_daily_count(d));
    return booked + pickup;
  }

 private:
  const PickupReference& reference_;
  int d_;
  double pickup_ = 0;
};

}  // namespace

std::unique_ptr<FittedPickup> fit_advanced_pickup(const PickupReference& reference, int days_before) {
  require_reference(reference, days_before);
  return std::make_unique<AdvancedPickup>(reference, days_before);
}

}  // namespace seatsync::booking_detail
