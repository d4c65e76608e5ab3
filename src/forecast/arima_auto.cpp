#include "arima_auto.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <future>
#include <optional>
#include <stdexcept>
#include <vector>

#include "unit_root_tests.hpp"

namespace seatsync::forecast_detail {
namespace {

// The models tried so far and their scores. Exact mode scores by the CSS-ML fit's AICc; in the
// approximation (Hyndman & Khandakar §3.2, R's approximation = TRUE) by CSS fits, with the AICc
// from n·log σ²_CSS plus an offset that puts it on the likelihood's scale.
class StepwiseSearch {
 public:
  StepwiseSearch(std::span<const double> y, const ArimaSearchOptions& options, std::optional<double> offset)
      : y_(y), options_(options), offset_(offset) {}

  bool tried(const ArimaOrder& order) const {
    return std::any_of(tried_.begin(), tried_.end(), [&](const Tried& t) { return t.order == order; });
  }

  // Fits the orders not fitted yet side by side, one thread each (callers pass two or so), keeping the
  // fits for try_order. The search still tries them one by one in its own order, so what it
  // chooses is exactly what a sequential search chooses; a fit it never reaches is only wasted time.
  void prefetch(const std::vector<ArimaOrder>& orders) {
    std::vector<ArimaOrder> todo;
    for (const auto& o : orders) {
      if (!tried(o) && !cached(o) && std::find(todo.begin(), todo.end(), o) == todo.end()) todo.push_back(o);
    }
    if (todo.size() < 2 || !options_.parallel) return;  // one fit gains nothing from a thread
    std::vector<std::future<std::optional<ArimaFit>>> running;
    for (const auto& o : todo) running.push_back(std::async(std::launch::async, [this, o] { return fit(o); }));
    for (std::size_t i = 0; i < todo.size(); ++i) cache_.push_back({todo[i], running[i].get()});
  }

  // Fits `order` unless tried before; true when it became the best so far.
  bool try_order(const ArimaOrder& order) {
    if (tried(order)) return false;
    if (static_cast<int>(tried_.size()) >= options_.max_models) return false;
    Tried entry{order, HUGE_VAL, HUGE_VAL};
    const auto hit = std::find_if(cache_.begin(), cache_.end(), [&](const auto& c) { return c.first == order; });
    const std::optional<ArimaFit> fit = hit != cache_.end() ? hit->second : this->fit(order);
    if (fit) {
      entry.aicc = offset_ ? approximate_aicc(*fit) : fit->aicc;
      if (!std::isfinite(entry.aicc)) entry.aicc = HUGE_VAL;
      // A near-unit root disqualifies a model (its AICc is kept, for when all are disqualified).
      entry.score = rejected(*fit) ? HUGE_VAL : entry.aicc;
    }
    tried_.push_back(entry);
    if (!offset_ && fit) {
      if (entry.score < best_score_) best_fit_ = fit;
      if (!fallback_fit_ || entry.aicc < fallback_fit_->aicc) fallback_fit_ = fit;
    }
    if (!best_order_ && fit) best_order_ = order;  // somewhere to move from, even if disqualified
    if (!(entry.score < best_score_)) return false;
    best_score_ = entry.score;
    best_order_ = order;
    return true;
  }

  bool rejected(const ArimaFit& fit) const {
    if (!options_.allow_seasonal_ma_unit_root) return has_near_unit_root(fit);
    ArimaFit without_seasonal_ma = fit;
    without_seasonal_ma.coefficients.sma.clear();
    return has_near_unit_root(without_seasonal_ma);
  }

  const std::optional<ArimaOrder>& best_order() const { return best_order_; }
  int fitted() const { return static_cast<int>(tried_.size()); }

  // The chosen model fitted by CSS-ML. In the approximation the candidates are refitted exactly in
  // order of their approximate AICc until one has no near-unit root (as auto.arima does).
  std::optional<ArimaFit> result() const {
    if (!offset_) return best_score_ < HUGE_VAL ? best_fit_ : fallback_fit_;
    std::vector<Tried> order(tried_);
    std::stable_sort(order.begin(), order.end(),
                     [](const Tried& a, const Tried& b) { return a.score != b.score ? a.score < b.score : a.aicc < b.aicc; });
    std::optional<ArimaFit> fallback;
    for (const Tried& t : order) {
      if (t.aicc == HUGE_VAL) continue;  // could not be fitted at all
      ArimaFit fit = fit_arima_order(y_, t.order);
      if (!rejected(fit) && std::isfinite(fit.aicc)) return fit;
      if (!fallback || fit.aicc < fallback->aicc) fallback = std::move(fit);
    }
    return fallback;
  }

 private:
  struct Tried {
    ArimaOrder order;
    double score, aicc;
  };

  // nullopt when the series is too short for the order: recorded as tried, never chosen.
  std::optional<ArimaFit> fit(const ArimaOrder& order) const {
    try {
      return fit_arima_order(y_, order, offset_ ? ArimaEstimation::css : ArimaEstimation::css_ml);
    } catch (const std::invalid_argument&) {
      return std::nullopt;
    }
  }
  bool cached(const ArimaOrder& order) const {
    return std::any_of(cache_.begin(), cache_.end(), [&](const auto& c) { return c.first == order; });
  }

  double approximate_aicc(const ArimaFit& fit) const {
    const double n = static_cast<double>(fit.differenced_count), k = fit.parameter_count();
    if (n - k - 1 <= 0) return HUGE_VAL;
    return *offset_ + n * std::log(fit.sigma2) + 2 * k + 2 * k * (k + 1) / (n - k - 1);
  }

  std::span<const double> y_;
  ArimaSearchOptions options_;
  std::optional<double> offset_;
  std::vector<Tried> tried_;
  std::vector<std::pair<ArimaOrder, std::optional<ArimaFit>>> cache_;  // fitted ahead by prefetch
  std::optional<ArimaOrder> best_order_;
  std::optional<ArimaFit> best_fit_, fallback_fit_;  // exact mode: best score, best AICc
  double best_score_ = HUGE_VAL;
};

// auto.arima's offset: −2 log L − n log σ² of the exact (0,d,0)(0,D,0) fit, n the series length.
std::optional<double> approximation_offset(std::span<const double> y, int d, int D, int m) {
  try {
    const ArimaFit fit = fit_arima_order(y, {0, d, 0, 0, D, 0, m, false});
    const double offset = -2 * fit.log_likelihood - static_cast<double>(y.size()) * std::log(fit.sigma2);
    if (std::isfinite(offset)) return offset;
  } catch (const std::invalid_argument&) {
  }
  return std::nullopt;
}

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

ArimaSearchResult auto_arima(std::span<const double> y, int m, const ArimaSearchOptions& options_in) {
  if (y.size() < 4) throw std::invalid_argument(fmt::format("the series has {} values; ARIMA needs at least 4", y.size()));
  ArimaSearchOptions options = options_in;
  const int n = static_cast<int>(y.size());
  const bool seasonal = m > 1;
  if (!seasonal) options.max_P = options.max_Q = 0;
  // As auto.arima: no more than a third of the series per order, no non-seasonal lag reaching
  // the seasonal one.
  options.max_p = std::min(options.max_p, n / 3);
  options.max_q = std::min(options.max_q, n / 3);
  if (seasonal) {
    options.max_P = std::min(options.max_P, n / 3 / m);
    options.max_Q = std::min(options.max_Q, n / 3 / m);
    if (options.max_P > 0) options.max_p = std::min(options.max_p, m - 1);
    if (options.max_Q > 0) options.max_q = std::min(options.max_q, m - 1);
  }

  const int D = seasonal ? options.D.value_or(seasonal_differences(y, m)) : 0;
  const std::vector<double> seasonally_differenced = difference(y, 0, D, seasonal ? m : 1);
  const int d = options.d.value_or(ordinary_differences(seasonally_differenced));
  if (d < 0 || D < 0) throw std::invalid_argument("the numbers of differences must be ≥ 0");
  const int season = seasonal ? m : 1;
  const bool allow_constant = d + D <= 1;

  StepwiseSearch search(y, options, options.approximation ? approximation_offset(y, d, D, season) : std::nullopt);
  const std::vector<double> w = difference(seasonally_differenced, d, 0, 1);
  if (w.empty()) throw std::invalid_argument(fmt::format("the series has {} values: too short to difference", y.size()));
  if (is_constant(w)) {
    // Nothing left to model: the differences are exactly the constant (or zero).
    const ArimaOrder order{0, d, 0, 0, D, 0, season, allow_constant};
    return {fit_arima_order(y, order), 1};
  }

  auto make = [&](int p, int q, int P, int Q, bool constant) { return ArimaOrder{p, d, q, P, D, Q, season, constant}; };
  auto allowed = [&](int p, int q, int P, int Q) {
    return p >= 0 && q >= 0 && P >= 0 && Q >= 0 && p <= options.max_p && q <= options.max_q && P <= options.max_P &&
           Q <= options.max_Q;
  };

  // The four starting models (and the null model without its constant); below 10 values the
  // first one is at most (1,d,1).
  const bool very_short = y.size() < 10;
  ArimaOrder current = make(std::min(very_short ? 1 : 2, options.max_p), std::min(very_short ? 1 : 2, options.max_q),
                            very_short ? 0 : std::min(1, options.max_P), very_short ? 0 : std::min(1, options.max_Q),
                            allow_constant);
  std::vector<ArimaOrder> starts = {current, make(0, 0, 0, 0, allow_constant)};
  if (options.max_p > 0 || options.max_P > 0) starts.push_back(make(options.max_p > 0, 0, options.max_P > 0, 0, allow_constant));
  if (options.max_q > 0 || options.max_Q > 0) starts.push_back(make(0, options.max_q > 0, 0, options.max_Q > 0, allow_constant));
  if (allow_constant) starts.push_back(make(0, 0, 0, 0, false));
  std::erase_if(starts, [&](const ArimaOrder& o) { return !allowed(o.p, o.q, o.P, o.Q); });
  search.prefetch(starts);
  for (const ArimaOrder& order : starts) search.try_order(order);

  // The neighbours in auto.arima's order; after each improvement start again from the first.
  static constexpr int kMoves[][4] = {
      {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, -1, 1},
      {0, 0, 1, -1}, {0, 0, 1, 1},  {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
      {-1, -1, 0, 0}, {-1, 1, 0, 0}, {1, -1, 0, 0}, {1, 1, 0, 0}};
  bool improved = true;
  while (improved && search.best_order()) {
    improved = false;
    current = *search.best_order();
    std::vector<ArimaOrder> neighbours;
    for (const auto& move : kMoves) {
      const int p = current.p + move[0], q = current.q + move[1], P = current.P + move[2], Q = current.Q + move[3];
      if (allowed(p, q, P, Q) && !search.tried(make(p, q, P, Q, current.constant))) {
        neighbours.push_back(make(p, q, P, Q, current.constant));
      }
    }
    // Two neighbours at a time, in the search's order.
    for (std::size_t i = 0; i < neighbours.size() && !improved; ++i) {
      if (i % 2 == 0) search.prefetch({neighbours.begin() + static_cast<std::ptrdiff_t>(i),
                                       neighbours.begin() + static_cast<std::ptrdiff_t>(std::min(i + 2, neighbours.size()))});
      improved = search.try_order(neighbours[i]);
    }
    if (!improved && allow_constant) {
      improved = search.try_order(make(current.p, current.q, current.P, current.Q, !current.constant));
    }
  }
  std::optional<ArimaFit> best = search.result();
  if (!best) throw std::invalid_argument(fmt::format("the series has {} values: too short for any ARIMA model", y.size()));
  return {std::move(*best), search.fitted()};
}

}  // namespace seatsync::forecast_detail
