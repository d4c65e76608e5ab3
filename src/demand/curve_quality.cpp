// Fit quality of a curve against a set of points: SSE, RMSE and R².
#include <cmath>
#include <limits>

#include "seatsync/demand_curve.hpp"

namespace seatsync {

FitQuality measure_fit(const CurveFit& fit, std::span<const PricePoint> points, bool weighted) {
  FitQuality out;
  out.points = points.size();
  const bool has_curve = std::isfinite(fit.a) && std::isfinite(fit.b) && std::isfinite(fit.c) &&
                         (fit.form == CurveForm::monomial || std::isfinite(fit.d));
  if (points.empty() || !has_curve) return out;
  double sw = 0.0, mean = 0.0;
  for (const auto& p : points) {
    const double w = weighted ? p.weight : 1.0;
    sw += w;
    mean += w * p.quantity;
  }
  mean /= sw;
  double sse = 0.0, sst = 0.0;
  for (const auto& p : points) {
    const double w = weighted ? p.weight : 1.0, r = p.quantity - fit(p.price);
    sse += w * r * r;
    sst += w * (p.quantity - mean) * (p.quantity - mean);
  }
  out.sse = sse;
  out.rmse = std::sqrt(sse / sw);
  out.r2 = sst > 0.0 ? 1.0 - sse / sst : std::numeric_limits<double>::quiet_NaN();
  return out;
}

}  // namespace seatsync
