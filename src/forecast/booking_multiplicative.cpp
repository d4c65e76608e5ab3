// Classical multiplicative pickup (Weatherford & Kimes 2003): final tickets are the bookings so
// far times the ratio completed games showed between their final and their bookings at the same
// days-before. The ratio is Σ final / Σ booked(D) — the average of per-game ratios would be
// dominated by games that had booked next to nothing. When the reference had booked nothing at
// D the ratio does not exist and the additive pickup answers instead.
#include "booking_methods.hpp"

namespace seatsync::booking_detail {
namespace {

class MultiplicativePickup final : public FittedPickup {
 public:
  MultiplicativePickup(const PickupReference& reference, int days_before)
      : reference_(reference), d_(days_before), additive_(fit_additive_pickup(reference, days_before)) {}

  double expected_final(double booked, std::optional<std::size_t> leave_out) const override {
    reference_count(reference_, leave_out);
    double finals = reference_.complete_booked_sum(-1), at_d = reference_.complete_booked_sum(d_);
    if (leave_out) {
      const BookingCurve& h = *reference_.complete()[*leave_out];
      finals -= h.final_tickets;
      at_d -= h.at(d_);
    }
    if (!(at_d > 0.5)) return additive_->expected_final(booked, leave_out);  // sums of whole tickets
    return booked * finals / at_d;
  }

 private:
  const PickupReference& reference_;
  int d_;
  std::unique_ptr<FittedPickup> additive_;
};

}  // namespace

std::unique_ptr<FittedPickup> fit_multiplicative_pickup(const PickupReference& reference, int days_before) {
  require_reference(reference, days_before);
  return std::make_unique<MultiplicativePickup>(reference, days_before);
}

}  // namespace seatsync::booking_detail
