// Which features drift is measured on, and the measurement: each drift feature of the rows
// after the training range against the training rows, matched on week before the game × tier.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <string_view>

#include "monitor/monitor_rows.hpp"
#include "seatsync/drift.hpp"

namespace seatsync {

bool is_drift_feature(const std::string& column) {
  // When a row is (the calendar of the sale and of the game, the place in the sales window) and
  // which game it is (tier, weekend and their interactions): the strata the rows are matched
  // on, not drift.
  static constexpr std::array<std::string_view, 6> kPrefixes = {"sale_", "season_", "lead_", "weekend_", "game_", "holiday_"};
  static constexpr std::array<std::string_view, 4> kSuffixes = {"_x_weekend", "_x_days_before", "days_before", "_index"};
  for (auto p : kPrefixes)
    if (column.starts_with(p)) return false;
  for (auto s : kSuffixes)
    if (column.ends_with(s)) return false;
  return column != "days_since_last_sale";
}

namespace monitor {

std::vector<double> stratum_weights(const Table& reference, const Table& recent) {
  std::vector<double> w(reference.rows(), 1.0);
  for (std::size_t i = 0; i < w.size() && !reference.weight.empty(); ++i) w[i] = reference.weight[i];
  // Weeks before the game, not the params' time buckets: a bucket can span months, and the
  // rows since training sit in its later part (their games' earlier days were before it).
  const auto days = find_column(reference.columns, "days_before"), tier = find_column(reference.columns, "game_tier");
  if (!days && !tier) return w;
  auto key = [&](const Table& t, std::size_t i) {
    const float week = days ? std::floor(t.x(Eigen::Index(i), Eigen::Index(*days)) / 7.0f) : 0.0f;
    return std::pair{week, tier ? t.x(Eigen::Index(i), Eigen::Index(*tier)) : 0.0f};
  };
  std::map<std::pair<float, float>, double> ref_share, recent_share;
  double ref_total = 0;
  for (std::size_t i = 0; i < w.size(); ++i) ref_share[key(reference, i)] += w[i], ref_total += w[i];
  for (std::size_t i = 0; i < recent.rows(); ++i) recent_share[key(recent, i)] += 1.0 / double(recent.rows());
  for (std::size_t i = 0; i < w.size(); ++i) {
    const auto k = key(reference, i);
    const auto it = recent_share.find(k);
    // A stratum the recent rows do not reach says nothing about them: weight 0.
    w[i] = it == recent_share.end() ? 0.0 : w[i] * it->second / (ref_share[k] / ref_total);
  }
  return w;
}

std::vector<FeatureDrift> feature_drift(const Table& reference, const Table& recent) {
  std::vector<FeatureDrift> out;
  if (reference.rows() == 0 || recent.rows() == 0) return out;
  const auto weights = stratum_weights(reference, recent);
  for (std::size_t c = 0; c < reference.columns.size(); ++c) {
    if (reference.columns[c].categorical || !is_drift_feature(reference.columns[c].name)) continue;
    // Missing values (no market data yet, no weather) are left out on both sides.
    std::vector<double> ref, w, now;
    for (std::size_t i = 0; i < reference.rows(); ++i) {
      const double v = reference.x(Eigen::Index(i), Eigen::Index(c));
      if (std::isfinite(v) && weights[i] > 0) ref.push_back(v), w.push_back(weights[i]);
    }
    for (std::size_t i = 0; i < recent.rows(); ++i) {
      const double v = recent.x(Eigen::Index(i), Eigen::Index(c));
      if (std::isfinite(v)) now.push_back(v);
    }
    if (ref.empty() || now.empty()) continue;
    const auto psi = population_stability_index(ref, w, now);
    const auto ks = ks_two_sample(ref, w, now);
    out.push_back({reference.columns[c].name, psi.psi, ks.statistic, ks.p_value});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.psi > b.psi; });
  return out;
}

}  // namespace monitor
}  // namespace seatsync
