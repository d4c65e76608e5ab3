// Arriving orders and how they meet a price.
#include <algorithm>
#include <cmath>

#include "seatsync/truth.hpp"
#include "sim/rng.hpp"

namespace seatsync {

std::vector<Customer> draw_customers(const MarketTruth& truth, GameIndex game, CodeIndex code,
                                     BucketIndex bucket) {
  const double expected = expected_arrivals(truth, game, code, bucket);
  const double log_median = std::log(median_wtp(truth, game, code, bucket));
  const int first_day = truth.buckets[bucket].days_from;
  const int last_day = first_day + selling_days(truth, bucket) - 1;
  // With segments, each order first draws its segment, which shifts and spreads its log WTP.
  std::vector<double> segment_share, segment_log_multiplier;
  for (const WtpSegment& s : truth.wtp_segments) {
    segment_share.push_back(s.share);
    segment_log_multiplier.push_back(std::log(s.multiplier));
  }

  // A private stream per (game, code, bucket): the customers do not depend on what else
  // was drawn, nor on the price, so every policy can be replayed against the same ones.
  sim::Rng rng(sim::stream_seed(truth.seed, sim::kCustomerStream, game, code, bucket));
  const int count = rng.poisson(expected);
  std::vector<Customer> customers;
  customers.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    Customer c;
    // A homogeneous Poisson process inside the bucket: given the count, arrival days are uniform.
    c.days_before = rng.uniform_int(first_day, last_day);
    const int closing = c.days_before == 0 ? truth.tipoff_minute : 24 * 60;
    c.minute = rng.uniform_int(truth.opening_minute, closing - 1);
    c.quantity = static_cast<int>(rng.categorical(truth.order_size_pmf)) + 1;
    if (truth.wtp_segments.empty()) {
      // Exactly the draws of a market without segments, so its datasets stay byte-identical.
      c.wtp = std::exp(log_median + truth.wtp_sigma * rng.normal());
    } else {
      const std::size_t k = rng.categorical(segment_share);
      c.wtp = std::exp(log_median + segment_log_multiplier[k] + truth.wtp_segments[k].sigma * rng.normal());
    }
    customers.push_back(c);
  }
  // Arrival order: further from the game first, then by time of day. Stable, so ties keep
  // their draw order on every standard library.
  std::stable_sort(customers.begin(), customers.end(), [](const Customer& a, const Customer& b) {
    if (a.days_before != b.days_before) return a.days_before > b.days_before;
    return a.minute < b.minute;
  });
  return customers;
}

std::vector<Sale> serve_customers(std::span<const Customer> customers, double price, int remaining) {
  std::vector<Sale> sales;
  for (std::size_t i = 0; i < customers.size() && remaining > 0; ++i) {
    if (customers[i].wtp < price) continue;
    // A group wanting more seats than are left takes what is left rather than walking away:
    // this is how codes sell out exactly.
    const int quantity = std::min(customers[i].quantity, remaining);
    sales.push_back({i, quantity});
    remaining -= quantity;
  }
  return sales;
}

}  // namespace seatsync
