#include "arima_auto.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <optional>
#include <stdexcept>
#include <vector>

#include "unit_root_tests.hpp"

namespace seatsync::forecast_detail {
namespace {

class StepwiseSearch {
 public:
  StepwiseSearch(std::span<const double> y, const ArimaSearchLimits& limits) : y_(y), limits_(limits) {}

  // Fits `order` unless tried before; true when it became the best so far.
  bool try_order(const ArimaOrder& order) {
    if (std::find(tried_.begin(), tried_.end(), order) != tried_.end()) return false;
    if (static_cast<int>(tried_.size()) >= limits_.max_models) return false;
    tried_.push_back(order);
    std::optional<ArimaFit> fit;
    try {
      fit = fit_arima_order(y_, order);
    } catch (const std::invalid_argument&) {
      return false;  // too short for this order
    }
    // A near-unit root disqualifies a model; the best AICc among all is kept in case every
    // model is disqualified.
    const double score = has_near_unit_root(*fit) ? HUGE_VAL : fit->aicc;
    if (!fallback_ || fit->aicc < fallback_->aicc) fallback_ = fit;
    if (!(score < best_score_)) return false;
    best_ = std::move(fit);
    best_score_ = score;
    return true;
  }

  const std::optional<ArimaFit>& best() const { return best_score_ < HUGE_VAL ? best_ : fallback_; }
  int fitted() const { return static_cast<int>(tried_.size()); }

 private:
  std::span<const double> y_;
  ArimaSearchLimits limits_;
  std::vector<ArimaOrder> tried_;
  std::optional<ArimaFit> best_, fallback_;
  double best_score_ = HUGE_VAL;
};

bool is_constant(std::span<const double> x) {
  return std::all_of(x.begin(), x.end(), [&](double v) { return v == x.front(); });
}

}  // namespace

bool has_near_unit_root(const ArimaFit& fit) {
  const double limit = 1 / 1.01;  // inverse roots: the root itself inside 1.01
  return largest_inverse_root(expanded_ar(fit.coefficients, fit.order.m)) > limit ||
         largest_inverse_root([&] {
           auto ma = expanded_ma(fit.coefficients, fit.order.m);
           for (double& v : ma) v = -v;
           return ma;
         }()) > limit;
}

ArimaSearchResult auto_arima(std::span<const double> y, int m, const ArimaSearchLimits& limits_in) {
  if (y.size() < 4) throw std::invalid_argument(fmt::format("the series has {} values; ARIMA needs at least 4", y.size()));
  ArimaSearchLimits limits = limits_in;
  const int n = static_cast<int>(y.size());
  const bool seasonal = m > 1;
  if (!seasonal) limits.max_P = limits.max_Q = 0;
  // As auto.arima: no more than a third of the series per order, no non-seasonal lag reaching
  // the seasonal one.
  limits.max_p = std::min(limits.max_p, n / 3);
  limits.max_q = std::min(limits.max_q, n / 3);
  if (seasonal) {
    limits.max_P = std::min(limits.max_P, n / 3 / m);
    limits.max_Q = std::min(limits.max_Q, n / 3 / m);
    if (limits.max_P > 0) limits.max_p = std::min(limits.max_p, m - 1);
    if (limits.max_Q > 0) limits.max_q = std::min(limits.max_q, m - 1);
  }

  const int D = seasonal ? seasonal_differences(y, m) : 0;
  const std::vector<double> seasonally_differenced = difference(y, 0, D, seasonal ? m : 1);
  const int d = ordinary_differences(seasonally_differenced);
  const int season = seasonal ? m : 1;
  const bool allow_constant = d + D <= 1;

  StepwiseSearch search(y, limits);
  const std::vector<double> w = difference(seasonally_differenced, d, 0, 1);
  if (w.empty()) throw std::invalid_argument(fmt::format("the series has {} values: too short to difference", y.size()));
  if (is_constant(w)) {
    // Nothing left to model: the differences are exactly the constant (or zero).
    search.try_order({0, d, 0, 0, D, 0, season, allow_constant});
    return {*search.best(), search.fitted()};
  }

  auto make = [&](int p, int q, int P, int Q, bool constant) { return ArimaOrder{p, d, q, P, D, Q, season, constant}; };
  auto allowed = [&](int p, int q, int P, int Q) {
    return p >= 0 && q >= 0 && P >= 0 && Q >= 0 && p <= limits.max_p && q <= limits.max_q && P <= limits.max_P &&
           Q <= limits.max_Q && p + q + P + Q <= limits.max_order;
  };

  // The four starting models (and the null model without its constant).
  ArimaOrder current = make(std::min(2, limits.max_p), std::min(2, limits.max_q), std::min(1, limits.max_P),
                            std::min(1, limits.max_Q), allow_constant);
  std::vector<ArimaOrder> starts = {current, make(0, 0, 0, 0, allow_constant)};
  if (limits.max_p > 0 || limits.max_P > 0) starts.push_back(make(limits.max_p > 0, 0, limits.max_P > 0, 0, allow_constant));
  if (limits.max_q > 0 || limits.max_Q > 0) starts.push_back(make(0, limits.max_q > 0, 0, limits.max_Q > 0, allow_constant));
  if (allow_constant) starts.push_back(make(0, 0, 0, 0, false));
  for (const ArimaOrder& order : starts) {
    if (allowed(order.p, order.q, order.P, order.Q)) search.try_order(order);
  }

  // The neighbours in auto.arima's order; after each improvement start again from the first.
  static constexpr int kMoves[][4] = {
      {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, -1, 1},
      {0, 0, 1, -1}, {0, 0, 1, 1},  {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
      {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};
  bool improved = true;
  while (improved && search.best()) {
    improved = false;
    current = search.best()->order;
    for (const auto& move : kMoves) {
      const int p = current.p + move[0], q = current.q + move[1], P = current.P + move[2], Q = current.Q + move[3];
      if (allowed(p, q, P, Q) && search.try_order(make(p, q, P, Q, current.constant))) {
        improved = true;
        break;
      }
    }
    if (!improved && allow_constant) {
      improved = search.try_order(make(current.p, current.q, current.P, current.Q, !current.constant));
    }
  }
  if (!search.best()) {
    throw std::invalid_argument(fmt::format("the series has {} values: too short for any ARIMA model", y.size()));
  }
  return {*search.best(), search.fitted()};
}

}  // namespace seatsync::forecast_detail
