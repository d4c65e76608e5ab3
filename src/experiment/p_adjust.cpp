// Multiple comparisons: Holm's step-down and Benjamini–Hochberg's step-up adjusted p-values.
#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "seatsync/ab_stats.hpp"

namespace seatsync::ab {

namespace {
// Positions of `p` from the smallest p-value up (ties keep their input order).
std::vector<std::size_t> ascending_order(std::span<const double> p) {
  for (double v : p)
    if (!(v >= 0.0 && v <= 1.0)) throw std::invalid_argument(fmt::format("p-value adjustment: {:g} is not a p-value", v));
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] < p[b]; });
  return order;
}
}  // namespace

// Holm (1979): the k-th smallest of m is multiplied by m − k + 1, then made non-decreasing along
// the order, so that a p-value is never adjusted below one that is smaller.
std::vector<double> holm_adjust(std::span<const double> p_values) {
  const auto order = ascending_order(p_values);
  const std::size_t m = order.size();
  std::vector<double> adjusted(m);
  double running = 0.0;
  for (std::size_t k = 0; k < m; ++k) {
    running = std::max(running, std::min(1.0, static_cast<double>(m - k) * p_values[order[k]]));
    adjusted[order[k]] = running;
  }
  return adjusted;
}

// Benjamini & Hochberg (1995): the k-th smallest of m is multiplied by m / k, then made
// non-increasing from the largest down.
std::vector<double> benjamini_hochberg_adjust(std::span<const double> p_values) {
  const auto order = ascending_order(p_values);
  const std::size_t m = order.size();
  std::vector<double> adjusted(m);
  double running = 1.0;
  for (std::size_t k = m; k-- > 0;) {
    running = std::min(running, static_cast<double>(m) / static_cast<double>(k + 1) * p_values[order[k]]);
    adjusted[order[k]] = running;
  }
  return adjusted;
}

}  // namespace seatsync::ab
