// Regression on the booking curve (Weatherford & Kimes 2003): for each days-before D, the final
// tickets of completed games regressed on what they had booked at D, by least squares (Eigen's
// column-pivoting QR):  final = a_D + b_D · booked(D).
// When the bookings at D do not vary (every game had booked the same, typically nothing, far
// out) the slope is not identified and the fit is the mean final (b = 0).
#include <Eigen/Dense>
#include <cmath>

#include "booking_methods.hpp"

namespace seatsync::booking_detail {
namespace {

struct Line {
  double intercept = 0, slope = 0;
};

Line fit_line(const PickupReference& reference, int d, std::optional<std::size_t> leave_out) {
  const std::size_t n = reference_count(reference, leave_out);
  Eigen::MatrixXd x(static_cast<Eigen::Index>(n), 2);
  Eigen::VectorXd y(static_cast<Eigen::Index>(n));
  Eigen::Index row = 0;
  double lo = HUGE_VAL, hi = -HUGE_VAL;
  for (std::size_t i = 0; i < reference.complete().size(); ++i) {
    if (leave_out == i) continue;
    const BookingCurve& h = *reference.complete()[i];
    x(row, 0) = 1.0;
    x(row, 1) = h.at(d);
    y(row) = h.final_tickets;
    lo = std::min(lo, h.at(d));
    hi = std::max(hi, h.at(d));
    ++row;
  }
  if (n < 3 || hi - lo < 0.5) return {y.mean(), 0.0};  // bookings are whole tickets
  const Eigen::Vector2d beta = x.colPivHouseholderQr().solve(y);
  return {beta(0), beta(1)};
}

class RegressionPickup final : public FittedPickup {
 public:
  RegressionPickup(const PickupReference& reference, int days_before)
      : reference_(reference), d_(days_before), line_(fit_line(reference, days_before, std::nullopt)) {}

  double expected_final(double booked, std::optional<std::size_t> leave_out) const override {
    const Line line = leave_out ? fit_line(reference_, d_, leave_out) : line_;
    return line.intercept + line.slope * booked;
  }

 private:
  const PickupReference& reference_;
  int d_;
  Line line_;
};

}  // namespace

std::unique_ptr<FittedPickup> fit_regression_pickup(const PickupReference& reference, int days_before) {
  require_reference(reference, days_before);
  return std::make_unique<RegressionPickup>(reference, days_before);
}

}  // namespace seatsync::booking_detail
