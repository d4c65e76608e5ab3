// The series of a game's booking-curve chart: sold so far, the reference games' mean curve and
// the forecast band, each summed over the game's codes.
#include <algorithm>
#include <cmath>
#include <map>

#include "seatsync/booking_curve.hpp"

namespace seatsync {

std::vector<GameBookingChart> booking_charts(const Dataset& data, const BookingForecastSet& set,
                                             const BookingOptions& options) {
  const int horizon = booking_horizon(data);
  const std::vector<BookingCurve> curves = booking_curves(data, set.as_of, horizon);
  std::vector<GameBookingChart> charts;
  // The mean reference curve of one (tier, code) for D = -1 … horizon, cached: games share them.
  std::map<std::pair<int, CodeIndex>, std::vector<double>> mean_curves;
  auto mean_curve = [&](int tier, CodeIndex code) -> const std::vector<double>& {
    auto& mean = mean_curves[{tier, code}];
    if (!mean.empty()) return mean;
    mean.assign(static_cast<std::size_t>(horizon) + 2, 0.0);
    std::size_t in_tier = 0;
    for (const auto& c : curves) in_tier += c.code == code && c.complete() && c.tier == tier;
    const bool all = in_tier < static_cast<std::size_t>(options.min_reference_games);
    std::size_t n = 0;
    for (const auto& c : curves) {
      if (c.code != code || !c.complete() || (!all && c.tier != tier)) continue;
      ++n;
      for (int d = -1; d <= horizon; ++d) mean[static_cast<std::size_t>(d + 1)] += c.at(d);
    }
    if (n > 0)
      for (double& v : mean) v /= static_cast<double>(n);
    return mean;
  };

  for (const auto& game : set.games) {
    GameBookingChart chart;
    chart.game = game.game;
    const int tier = data.games[game.game].tier;
    chart.days_before = game.codes.empty() ? std::min(data.games[game.game].date - set.as_of, horizon)
                                           : game.codes.front().days_before;
    const int today = chart.days_before;
    std::vector<double> sold(static_cast<std::size_t>(horizon) + 2, 0.0), reference = sold;
    double expected = 0, bounds[4] = {0, 0, 0, 0};
    bool finite = true;
    for (const auto& f : game.codes) {
      chart.seats += f.seats;
      const BookingCurve& curve = curves[game.game * data.codes.size() + f.code];
      const auto& mean = mean_curve(tier, f.code);
      for (int d = -1; d <= horizon; ++d) {
        sold[static_cast<std::size_t>(d + 1)] += curve.at(std::max(d, today));
        reference[static_cast<std::size_t>(d + 1)] += mean[static_cast<std::size_t>(d + 1)];
      }
      finite = finite && std::isfinite(f.expected_final);
      expected += f.expected_final;
      bounds[0] += f.lower_80;
      bounds[1] += f.upper_80;
      bounds[2] += f.lower_95;
      bounds[3] += f.upper_95;
      if (std::isfinite(f.p_sellout)) chart.p_any_sellout = std::max(chart.p_any_sellout, f.p_sellout);
    }
    auto at = [](const std::vector<double>& v, int d) { return v[static_cast<std::size_t>(d + 1)]; };
    int first = horizon;  // the first days-before with a sale (or a reference sale), to start the axis
    while (first > today && at(sold, first - 1) <= 0 && at(reference, first - 1) <= 0) --first;
    for (int d = first; d >= today; --d) chart.sold.push_back({d, at(sold, d)});
    for (int d = first; d >= -1; --d) chart.reference.push_back({d, at(reference, d)});
    if (finite && !game.codes.empty()) {
      const double now = at(sold, today);
      const double to_come = at(reference, -1) - at(reference, today);
      for (int d = today; d >= -1; --d) {
        // The share of the reference's remaining pickup done by day d (linear when it had none).
        const double share = to_come > 0 ? (at(reference, d) - at(reference, today)) / to_come
                                          : (today - d) / static_cast<double>(today + 1);
        auto path = [&](double end) { return BookingChartPoint{d, now + (end - now) * share}; };
        chart.expected.push_back(path(expected));
        chart.lower_80.push_back(path(bounds[0]));
        chart.upper_80.push_back(path(bounds[1]));
        chart.lower_95.push_back(path(bounds[2]));
        chart.upper_95.push_back(path(bounds[3]));
      }
    }
    charts.push_back(std::move(chart));
  }
  return charts;
}

}  // namespace seatsync
