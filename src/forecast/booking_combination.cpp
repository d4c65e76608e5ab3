// Combinations of the four pickup methods (additive, multiplicative, advanced, regression):
// "average" weighs them equally; "combination" weighs each by the inverse of its leave-one-out
// mean squared error on the completed games at the same days-before (Bates & Granger's
// inverse-MSE weights), so a method that fails at this horizon — multiplicative pickup far out,
// where a few early tickets decide everything — counts for little.
// A leave-one-out forecast of a combination keeps the weights found on every curve: re-deriving
// them without the curve would cost a leave-two-out pass, for a small optimism in the residuals.
#include <algorithm>
#include <array>
#include <cmath>

#include "booking_methods.hpp"

namespace seatsync::booking_detail {
namespace {

constexpr std::size_t kParts = 4;

std::array<std::unique_ptr<FittedPickup>, kParts> fit_parts(const PickupReference& reference, int d) {
  return {fit_additive_pickup(reference, d), fit_multiplicative_pickup(reference, d),
          fit_advanced_pickup(reference, d), fit_regression_pickup(reference, d)};
}

class CombinedPickup final : public FittedPickup {
 public:
  CombinedPickup(const PickupReference& reference, int d, bool weighted) : parts_(fit_parts(reference, d)) {
    weights_.fill(1.0 / kParts);
    if (!weighted) return;
    std::array<double, kParts> mse{};
    const auto& curves = reference.complete();
    for (std::size_t j = 0; j < curves.size(); ++j) {
      const BookingCurve& h = *curves[j];
      for (std::size_t m = 0; m < kParts; ++m) {
        const double forecast = std::clamp(parts_[m]->expected_final(h.at(d), j), h.at(d), std::max(h.at(d), double(h.seats)));
        mse[m] += (forecast - h.final_tickets) * (forecast - h.final_tickets);
      }
    }
    double total = 0;
    for (std::size_t m = 0; m < kParts; ++m) {
      // A floor of a hundredth of a ticket squared: a method exact on every curve must not
      // take an infinite weight.
      weights_[m] = 1.0 / std::max(mse[m] / static_cast<double>(curves.size()), 1e-2);
      total += weights_[m];
    }
    for (double& w : weights_) w /= total;
  }

  double expected_final(double booked, std::optional<std::size_t> leave_out) const override {
    double sum = 0;
    for (std::size_t m = 0; m < kParts; ++m) sum += weights_[m] * parts_[m]->expected_final(booked, leave_out);
    return sum;
  }

 private:
  std::array<std::unique_ptr<FittedPickup>, kParts> parts_;
  std::array<double, kParts> weights_{};
};

}  // namespace

std::unique_ptr<FittedPickup> fit_average_pickup(const PickupReference& reference, int days_before) {
  require_reference(reference, days_before);
  return std::make_unique<CombinedPickup>(reference, days_before, false);
}

std::unique_ptr<FittedPickup> fit_combination_pickup(const PickupReference& reference, int days_before) {
  require_reference(reference, days_before);
  return std::make_unique<CombinedPickup>(reference, days_before, true);
}

}  // namespace seatsync::booking_detail
