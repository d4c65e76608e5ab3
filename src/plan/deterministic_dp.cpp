// The thesis's price plan (3.1.2, 3.2): choose how many tickets q_t to sell in each bucket,
// maximising Σ_t (price_t(q_t) + w) · q_t with Σ_t q_t <= seats. Backward induction over
// (bucket, seats left):
//   V_T(s) = 0,   V_t(s) = max_{q = 0 … min(K_t, s), price_t(q) finite} (price_t(q) + w) · q + V_{t+1}(s − q).
// The thesis builds a DAG and hands it to a shortest-path solver; the DAG is layered by time, so
// a plain sweep over two value rows is the same computation without the graph.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "seatsync/price_dp.hpp"

namespace seatsync {
namespace {

// Candidates within this relative margin of the incumbent count as ties, so that the
// tie-break does not hinge on the last bit of a floating-point sum.
constexpr double kTieTolerance = 1e-12;

bool strictly_better(double candidate, double incumbent) {
  return candidate > incumbent + kTieTolerance * std::max(1.0, std::abs(incumbent));
}

// One backward step: fills value_now (V_t) and sold (the argmax q) from value_later (V_{t+1}).
// q runs upwards and only a strict improvement replaces the incumbent, so among equal values the
// smallest q wins: sell fewer tickets now at the higher price, keeping seats for later.
void backward_step(const QuantityPrices& bucket, double attendance_weight, const std::vector<double>& value_later,
                   std::vector<double>& value_now, std::int32_t* sold) {
  const int seats = static_cast<int>(value_later.size()) - 1;
  // q = 0 is always allowed: hold everything for later buckets.
  std::copy(value_later.begin(), value_later.end(), value_now.begin());
  std::fill(sold, sold + seats + 1, 0);
  const int max_quantity = static_cast<int>(std::min<std::size_t>(bucket.prices.size(), static_cast<std::size_t>(seats)));
  for (int q = 1; q <= max_quantity; ++q) {
    const double price = bucket.prices[static_cast<std::size_t>(q - 1)];
    if (!std::isfinite(price)) continue;  // q tickets cannot be sold at an allowed price
    const double now = (price + attendance_weight) * q;
    // Only s >= q: a bucket cannot sell more seats than are left. Contiguous in s.
    for (int s = q; s <= seats; ++s) {
      const double candidate = now + value_later[static_cast<std::size_t>(s - q)];
      if (strictly_better(candidate, value_now[static_cast<std::size_t>(s)])) {
        value_now[static_cast<std::size_t>(s)] = candidate;
        sold[s] = q;
      }
    }
  }
}

}  // namespace

PricePlanResult solve_deterministic(const std::vector<QuantityPrices>& buckets, int seats, double attendance_weight) {
  if (seats < 0) throw std::invalid_argument("solve_deterministic: seats must be >= 0");
  if (!std::isfinite(attendance_weight)) throw std::invalid_argument("solve_deterministic: attendance weight must be finite");

  const std::size_t periods = buckets.size();
  const std::size_t width = static_cast<std::size_t>(seats) + 1;
  // Only two value rows are live at a time; the decisions are kept for every (t, s) so the plan
  // can be read forwards afterwards: O(T · S) memory.
  std::vector<double> value_later(width, 0.0);
  std::vector<double> value_now(width, 0.0);
  std::vector<std::int32_t> sold(periods * width, 0);
  for (std::size_t t = periods; t-- > 0;) {
    backward_step(buckets[t], attendance_weight, value_later, value_now, &sold[t * width]);
    std::swap(value_later, value_now);
  }

  PricePlanResult result;
  result.buckets.reserve(periods);
  int seats_left = seats;
  for (std::size_t t = 0; t < periods; ++t) {
    const int q = sold[t * width + static_cast<std::size_t>(seats_left)];
    PlannedBucket planned;
    // Selling nothing quotes the hold price (thesis 3.2.1: the row's maximum).
    planned.price = q > 0 ? buckets[t].prices[static_cast<std::size_t>(q - 1)] : buckets[t].hold_price;
    planned.expected_quantity = q;
    planned.expected_revenue = q > 0 ? planned.price * q : 0.0;
    result.expected_revenue += planned.expected_revenue;
    result.expected_tickets += q;
    result.buckets.push_back(planned);
    seats_left -= q;
  }
  result.objective = result.expected_revenue + attendance_weight * result.expected_tickets;
  return result;
}

}  // namespace seatsync
