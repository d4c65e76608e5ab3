// Transaction binning (thesis 4.2.1): many points become a few bin means.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "seatsync/demand_curve.hpp"

namespace seatsync {
namespace {

struct BinSum {
  double weight = 0.0;
  double price = 0.0;     // Σ w·p
  double quantity = 0.0;  // Σ w·q

  void add(const PricePoint& p) {
    weight += p.weight;
    price += p.weight * p.price;
    quantity += p.weight * p.quantity;
  }
  PricePoint mean() const { return {price / weight, quantity / weight, weight}; }
};

}  // namespace

std::vector<PricePoint> bin_equal_width(std::span<const PricePoint> points, int bins) {
  if (bins <= 0) throw std::invalid_argument("bin_equal_width: the number of bins must be positive");
  if (points.empty()) return {};
  const auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                            [](const PricePoint& x, const PricePoint& y) { return x.price < y.price; });
  const double min = lo->price;
  const double width = (hi->price - min) / bins;
  std::vector<BinSum> sums(static_cast<std::size_t>(bins));
  for (const auto& p : points) {
    int i = width > 0.0 ? static_cast<int>(std::floor((p.price - min) / width)) : 0;
    sums[static_cast<std::size_t>(std::clamp(i, 0, bins - 1))].add(p);
  }
  std::vector<PricePoint> out;
  for (const auto& s : sums)
    if (s.weight > 0.0) out.push_back(s.mean());
  return out;
}

std::vector<PricePoint> bin_equal_count(std::span<const PricePoint> points, int per_bin) {
  if (per_bin <= 0) throw std::invalid_argument("bin_equal_count: the points per bin must be positive");
  std::vector<PricePoint> sorted(points.begin(), points.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const PricePoint& x, const PricePoint& y) {
    return x.price != y.price ? x.price < y.price : x.quantity < y.quantity;
  });
  std::vector<PricePoint> out;
  const auto m = static_cast<std::size_t>(per_bin);
  for (std::size_t start = 0; start < sorted.size(); start += m) {
    BinSum s;
    for (std::size_t i = start; i < std::min(sorted.size(), start + m); ++i) s.add(sorted[i]);
    out.push_back(s.mean());
  }
  return out;
}

std::vector<PricePoint> bin_points(std::span<const PricePoint> points, const BinningOptions& options) {
  switch (options.method) {
    case Binning::equal_width: return bin_equal_width(points, options.bins);
    case Binning::equal_count: return bin_equal_count(points, options.per_bin);
    case Binning::none: break;
  }
  return {points.begin(), points.end()};
}

}  // namespace seatsync
