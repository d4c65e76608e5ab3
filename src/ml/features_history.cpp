// Occupancy, price history and sales velocity of one (game, code), from its orders laid out as
// daily series with prefix sums, so every row is O(1) apart from the 30-day price windows.
#include <algorithm>
#include <cmath>

#include "ml/feature_parts.hpp"

namespace seatsync::feature {

int PairHistory::tickets_on(Date d) const {
  const int i = index(d);
  return i >= 0 && i < days() ? tickets[static_cast<std::size_t>(i)] : 0;
}

double PairHistory::price_on(Date d) const {
  const int i = std::clamp(index(d), 0, days());  // no order is dated before the origin
  return price[static_cast<std::size_t>(i)];
}

double PairHistory::average_price_on(Date d) const {
  const int i = index(d);
  if (i < 0 || i >= days() || tickets[static_cast<std::size_t>(i)] == 0) return std::nan("");
  return revenue[static_cast<std::size_t>(i)] / tickets[static_cast<std::size_t>(i)];
}

PairHistory build_pair_history(std::span<const Transaction* const> orders, Date origin, Date last_day,
                               double opening_price) {
  PairHistory h;
  h.origin = origin;
  const auto n = static_cast<std::size_t>(last_day - origin + 1);
  h.tickets.assign(n, 0);
  h.revenue.assign(n, 0.0);
  std::vector<std::int32_t> order_count(n, 0);
  for (const Transaction* t : orders) {
    const int i = t->sold_date - origin;
    if (i < 0 || i >= static_cast<int>(n)) continue;  // callers keep orders inside the range
    h.tickets[static_cast<std::size_t>(i)] += t->quantity;
    h.revenue[static_cast<std::size_t>(i)] += t->price * t->quantity;
    ++order_count[static_cast<std::size_t>(i)];
  }
  h.price.assign(n + 1, opening_price);
  h.tickets_before.assign(n + 1, 0);
  h.orders_before.assign(n + 1, 0);
  h.last_sale_before.assign(n + 1, -1);
  for (std::size_t i = 0; i < n; ++i) {
    h.price[i + 1] = h.tickets[i] > 0 ? h.revenue[i] / h.tickets[i] : h.price[i];
    h.tickets_before[i + 1] = h.tickets_before[i] + h.tickets[i];
    h.orders_before[i + 1] = h.orders_before[i] + order_count[i];
    h.last_sale_before[i + 1] = h.tickets[i] > 0 ? static_cast<std::int32_t>(i) : h.last_sale_before[i];
  }
  return h;
}

void fill_history(const PairHistory& h, Date day, int capacity, float* row) {
  const int i = h.index(day);  // callers guarantee 0 <= i < days()
  auto tickets_in_last = [&](int k) {  // tickets on days [day − k, day − 1]
    const int from = i - k < 0 ? 0 : i - k;
    return static_cast<float>(h.tickets_before[static_cast<std::size_t>(i)] -
                              h.tickets_before[static_cast<std::size_t>(from)]);
  };

  const auto sold = h.tickets_before[static_cast<std::size_t>(i)];
  row[sold_before] = static_cast<float>(sold);
  if (capacity > 0) {
    const double share = static_cast<double>(sold) / capacity;
    row[sell_through] = static_cast<float>(share);
    row[remaining_share] = static_cast<float>(share >= 1.0 ? 0.0 : 1.0 - share);
  } else {
    row[sell_through] = row[remaining_share] = missing;
  }

  row[price_lag_1] = static_cast<float>(h.price_on(day - 1));
  row[price_lag_7] = static_cast<float>(h.price_on(day - 7));
  row[price_lag_30] = static_cast<float>(h.price_on(day - 30));
  // Means and spread over the window's days that have a price (NaN when none has).
  auto window = [&](int k, double& mean, double& sd) {
    double sum = 0.0, sum_sq = 0.0;
    int n = 0;
    for (int j = 1; j <= k; ++j) {
      const double p = h.price_on(day - j);
      if (std::isnan(p)) continue;
      sum += p;
      sum_sq += p * p;
      ++n;
    }
    mean = n > 0 ? sum / n : std::nan("");
    sd = n > 1 ? std::sqrt(std::max(0.0, sum_sq / n - mean * mean)) : std::nan("");
  };
  double mean7, sd7, mean30, sd30;
  window(7, mean7, sd7);
  window(30, mean30, sd30);
  row[price_ma_7] = static_cast<float>(mean7);
  row[price_volatility_7d] = static_cast<float>(sd7);
  row[price_ma_30] = static_cast<float>(mean30);

  row[sold_last_1d] = tickets_in_last(1);
  row[sold_last_7d] = tickets_in_last(7);
  row[sold_last_14d] = tickets_in_last(14);
  row[orders_before] = static_cast<float>(h.orders_before[static_cast<std::size_t>(i)]);
  const int last = h.last_sale_before[static_cast<std::size_t>(i)];
  row[days_since_last_sale] = last < 0 ? missing : static_cast<float>(i - last);
}

}  // namespace seatsync::feature
