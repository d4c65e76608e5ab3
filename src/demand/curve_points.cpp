// Price-quantity points of a slice (thesis Figure 4-1): per order, per game, and the
// interpolated zero-quantity points of days without sales.
#include <algorithm>
#include <iterator>
#include <map>
#include <stdexcept>

#include "seatsync/demand_curve.hpp"

namespace seatsync {
namespace {

// Sales of one game on a day (or over a bucket). Its price is the unweighted mean of the
// orders' per-ticket prices, as in the Demand Matrix (thesis Algorithm 2).
struct DayTotal {
  double tickets = 0.0;
  int orders = 0;
  double price_sum = 0.0;
  void add(const DayTotal& o) {
    tickets += o.tickets;
    orders += o.orders;
    price_sum += o.price_sum;
  }
  double price() const { return price_sum / orders; }
};

using Days = std::map<Date, DayTotal>;  // one game's sales in the slice, by calendar day

// Which sales and games a slice covers, and the date sales are seen up to (exclusive).
class SliceView {
 public:
  SliceView(const Dataset& data, const CurveSlice& slice, const PointOptions& options)
      : data_(data), slice_(slice), options_(options) {
    if (slice.bucket >= data.params.buckets.size())
      throw std::out_of_range("curve points: bucket index " + std::to_string(slice.bucket) + " out of range");
    bucket_ = data.params.buckets[slice.bucket];
    if (options.as_of) {
      cutoff_ = *options.as_of;
    } else {
      for (const auto& t : data.transactions) cutoff_ = std::max(cutoff_, t.sold_date + 1);
    }
  }

  const TimeBucket& bucket() const { return bucket_; }
  Date cutoff() const { return cutoff_; }

  bool game_in(GameIndex g) const {
    if (slice_.tier != 0 && data_.games[g].tier != slice_.tier) return false;
    return options_.include_game.empty() || (g < options_.include_game.size() && options_.include_game[g]);
  }
  bool code_in(CodeIndex c) const {
    return slice_.code ? c == *slice_.code : data_.codes[c].group == slice_.group;
  }
  bool sale_in(const Transaction& t) const {
    return t.sold_date < cutoff_ && game_in(t.game) && code_in(t.code);
  }
  bool in_bucket(const Transaction& t) const { return bucket_.contains(data_.days_before(t)); }

  // Every game's sales in the slice by day (all buckets: neighbours anchor interpolation).
  std::vector<Days> days_by_game() const {
    std::vector<Days> days(data_.games.size());
    for (const auto& t : data_.transactions)
      if (sale_in(t)) {
        days[t.game][t.sold_date].add({static_cast<double>(t.quantity), 1, t.price});
      }
    return days;
  }

 private:
  const Dataset& data_;
  const CurveSlice& slice_;
  const PointOptions& options_;
  TimeBucket bucket_;
  Date cutoff_ = Date::from_days(std::numeric_limits<std::int32_t>::min());
};

// The price on `day`, linear between the nearest days with sales on either side; nullopt
// outside the first and last such day.
std::optional<double> interpolated_price(const Days& days, Date day) {
  auto next = days.lower_bound(day);
  if (next == days.end()) return std::nullopt;
  if (next->first == day) return next->second.price();
  if (next == days.begin()) return std::nullopt;
  auto prev = std::prev(next);
  const double t = static_cast<double>(day - prev->first) / static_cast<double>(next->first - prev->first);
  return prev->second.price() + t * (next->second.price() - prev->second.price());
}

}  // namespace

std::vector<PricePoint> order_points(const Dataset& data, const CurveSlice& slice, const PointOptions& options) {
  const SliceView view(data, slice, options);
  std::vector<PricePoint> points;
  for (const auto& t : data.transactions)
    if (view.sale_in(t) && view.in_bucket(t)) points.push_back({t.price, static_cast<double>(t.quantity)});
  if (!options.zero_days) return points;

  const std::vector<Days> days = view.days_by_game();
  for (GameIndex g = 0; g < data.games.size(); ++g) {
    if (!view.game_in(g) || days[g].empty()) continue;
    for (int before = view.bucket().days_to; before >= view.bucket().days_from; --before) {
      const Date day = data.games[g].date - before;
      if (day >= view.cutoff() || days[g].contains(day)) continue;
      if (auto price = interpolated_price(days[g], day)) points.push_back({*price, 0.0});
    }
  }
  return points;
}

std::vector<PricePoint> game_points(const Dataset& data, const CurveSlice& slice, const PointOptions& options) {
  const SliceView view(data, slice, options);
  const std::vector<Days> days = view.days_by_game();
  std::vector<PricePoint> points;
  for (GameIndex g = 0; g < data.games.size(); ++g) {
    const Date game_date = data.games[g].date;
    // The bucket must be over: its last day before the cutoff.
    if (!view.game_in(g) || game_date - view.bucket().days_from >= view.cutoff()) continue;
    const Date first = game_date - view.bucket().days_to;
    const Date last = game_date - view.bucket().days_from;
    DayTotal total;
    for (auto it = days[g].lower_bound(first); it != days[g].end() && it->first <= last; ++it) total.add(it->second);
    if (total.orders > 0) {
      points.push_back({total.price(), total.tickets});
      continue;
    }
    if (!options.zero_days || days[g].empty()) continue;
    double sum = 0.0;
    int n = 0;
    for (Date day = first; day <= last; day = day + 1)
      if (auto price = interpolated_price(days[g], day)) {
        sum += *price;
        ++n;
      }
    if (n > 0) points.push_back({sum / n, 0.0});
  }
  return points;
}

std::vector<PricePoint> curve_points(const Dataset& data, const CurveSlice& slice, PointKind kind,
                                     const PointOptions& options) {
  return kind == PointKind::per_order ? order_points(data, slice, options) : game_points(data, slice, options);
}

}  // namespace seatsync
