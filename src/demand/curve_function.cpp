// A fitted curve as a function: evaluation, direction and inversion inside its price range.
#include <algorithm>
#include <cmath>

#include "seatsync/demand_curve.hpp"

namespace seatsync {

std::string_view to_string(CurveForm form) {
  return form == CurveForm::exponential ? "exponential" : "monomial";
}

std::string_view to_string(FitStatus status) {
  switch (status) {
    case FitStatus::converged: return "converged";
    case FitStatus::not_converged: return "not converged";
    case FitStatus::step: return "step";
    case FitStatus::too_few_points: return "too few points";
    case FitStatus::constant_price: return "constant price";
    case FitStatus::constant_quantity: return "constant quantity";
    case FitStatus::nonpositive_price: return "non-positive price";
    case FitStatus::invalid_points: return "invalid points";
  }
  return "unknown";
}

double CurveFit::operator()(double price) const {
  if (form == CurveForm::exponential) return a * std::exp(b * price + c) + d;
  if (price <= 0.0) return nan;
  return a * std::pow(price, b) + c;
}

bool CurveFit::decreasing() const { return a * b < 0.0; }

std::optional<double> CurveFit::price_for(double quantity) const {
  if (!converged || !std::isfinite(quantity) || a == 0.0 || b == 0.0) return std::nullopt;
  const double q_lo = (*this)(min_price), q_hi = (*this)(max_price);
  if (!std::isfinite(q_lo) || !std::isfinite(q_hi) || q_lo == q_hi) return std::nullopt;
  // Monotone: outside [min q, max q] the nearer end of the price range answers.
  if (quantity <= std::min(q_lo, q_hi)) return q_lo < q_hi ? min_price : max_price;
  if (quantity >= std::max(q_lo, q_hi)) return q_lo > q_hi ? min_price : max_price;
  double price = 0.0;
  if (form == CurveForm::exponential) {
    price = (std::log((quantity - d) / a) - c) / b;  // (q − d)/a > 0 between q_lo and q_hi
  } else {
    price = std::pow((quantity - c) / a, 1.0 / b);
  }
  if (!std::isfinite(price)) return std::nullopt;
  return std::clamp(price, min_price, max_price);
}

}  // namespace seatsync
