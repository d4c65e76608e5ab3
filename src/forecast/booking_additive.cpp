// Classical additive pickup (Weatherford & Kimes 2003): a game will pick up from now to game day
// what completed games picked up on average from the same days-before.
//   final = booked(D) + mean_h [final_h − booked_h(D)]
#include <fmt/format.h>
#include <stdexcept>

#include "booking_methods.hpp"

namespace seatsync::booking_detail {

std::size_t reference_count(const PickupReference& reference, std::optional<std::size_t> leave_out) {
  const std::size_t n = reference.complete().size();
  if (leave_out && *leave_out >= n) throw std::invalid_argument("the curve left out is not a reference curve");
  return leave_out ? n - 1 : n;
}

void require_reference(const PickupReference& reference, int days_before) {
  if (reference.complete().size() < 2)
    throw std::invalid_argument(fmt::format("a pickup forecast needs at least two completed games; {} given",
                                            reference.complete().size()));
  if (days_before < 0) throw std::invalid_argument("days before the game must be ≥ 0");
}

namespace {

class AdditivePickup final : public FittedPickup {
 public:
  AdditivePickup(const PickupReference& reference, int days_before) : reference_(reference), d_(days_before) {
    pickup_sum_ = reference.complete_booked_sum(-1) - reference.complete_booked_sum(d_);
  }
  double expected_final(double booked, std::optional<std::size_t> leave_out) const override {
    const std::size_t n = reference_count(reference_, leave_out);
    double sum = pickup_sum_;
    if (leave_out) {
      const BookingCurve& h = *reference_.complete()[*leave_out];
      sum -= h.final_tickets - h.at(d_);
    }
    return booked + sum / static_cast<double>(n);
  }

 private:
  const PickupReference& reference_;
  int d_;
  double pickup_sum_ = 0;
};

}  // namespace

std::unique_ptr<FittedPickup> fit_additive_pickup(const PickupReference& reference, int days_before) {
  require_reference(reference, days_before);
  return std::make_unique<AdditivePickup>(reference, days_before);
}

}  // namespace seatsync::booking_detail
