#include "seatsync/time_series_cv.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace seatsync {

std::vector<TimeFold> expanding_window_folds(std::span<const double> time, int k) {
  if (k < 1) throw std::invalid_argument("cross-validation needs at least 1 fold");
  if (time.empty()) throw std::invalid_argument("cross-validation needs rows with a time");
  std::map<double, std::size_t> count;
  for (double t : time) ++count[t];

  // Each distinct time goes to the block its first row falls in, so blocks hold about n / (k+1)
  // rows and one time is never split.
  const std::size_t n = time.size(), blocks = static_cast<std::size_t>(k) + 1;
  std::map<double, std::size_t> block_of;
  std::vector<std::size_t> block_rows(blocks, 0);
  std::size_t before = 0;
  for (const auto& [t, c] : count) {
    const std::size_t b = std::min(blocks - 1, before * blocks / n);
    block_of[t] = b;
    block_rows[b] += c;
    before += c;
  }

  std::vector<TimeFold> folds;
  for (std::size_t v = 1; v < blocks; ++v) {
    if (block_rows[v] == 0) continue;
    TimeFold fold{std::vector<bool>(n, false), std::vector<bool>(n, false)};
    std::size_t fitted = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t b = block_of[time[i]];
      fold.train[i] = b < v;
      fold.valid[i] = b == v;
      fitted += b < v;
    }
    if (fitted > 0) folds.push_back(std::move(fold));
  }
  return folds;
}

double time_quantile_split(std::span<const double> time, double fraction) {
  if (time.empty()) throw std::invalid_argument("a time split needs rows with a time");
  if (!(fraction > 0.0 && fraction < 1.0)) throw std::invalid_argument("the later share must be in (0, 1)");
  std::vector<double> sorted(time.begin(), time.end());
  const auto at = static_cast<std::size_t>(static_cast<double>(sorted.size()) * (1.0 - fraction));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(std::min(at, sorted.size() - 1)),
                   sorted.end());
  return sorted[std::min(at, sorted.size() - 1)];
}

}  // namespace seatsync
