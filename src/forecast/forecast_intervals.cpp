#include "forecast_intervals.hpp"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <stdexcept>

#include "seatsync/sample_quantile.hpp"

namespace seatsync::forecast_detail {

double normal_quantile_for_level(double level) {
  if (!(level > 0 && level < 100)) throw std::invalid_argument("an interval level must be in (0, 100)");
  return boost::math::quantile(boost::math::normal(), 0.5 + level / 200.0);
}

std::vector<PredictionInterval> normal_intervals(std::span<const double> mean, std::span<const double> sd,
                                                 std::span<const double> levels) {
  std::vector<PredictionInterval> out;
  for (double level : levels) {
    const double z = normal_quantile_for_level(level);
    PredictionInterval interval{level, {}, {}};
    for (std::size_t h = 0; h < mean.size(); ++h) {
      interval.lower.push_back(mean[h] - z * sd[h]);
      interval.upper.push_back(mean[h] + z * sd[h]);
    }
    out.push_back(std::move(interval));
  }
  return out;
}

std::vector<PredictionInterval> sample_intervals(const std::vector<std::vector<double>>& paths, int horizon,
                                                 std::span<const double> levels) {
  if (paths.empty()) throw std::invalid_argument("sample_intervals needs at least one path");
  std::vector<PredictionInterval> out;
  for (double level : levels) {
    normal_quantile_for_level(level);  // validates the level
    out.push_back({level, std::vector<double>(horizon), std::vector<double>(horizon)});
  }
  std::vector<double> column(paths.size());
  for (int h = 0; h < horizon; ++h) {
    for (std::size_t i = 0; i < paths.size(); ++i) column[i] = paths[i][h];
    std::sort(column.begin(), column.end());
    for (auto& interval : out) {
      interval.lower[h] = sorted_quantile(column, 0.5 - interval.level / 200.0);
      interval.upper[h] = sorted_quantile(column, 0.5 + interval.level / 200.0);
    }
  }
  return out;
}

}  // namespace seatsync::forecast_detail
