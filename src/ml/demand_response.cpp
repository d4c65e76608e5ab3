#include "seatsync/demand_response.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace seatsync {

Table situation_rows(const std::vector<FeatureColumn>& columns, const Dataset& data, const FeatureOptions& options,
                     GameIndex game, CodeIndex code, Date day, std::span<const double> prices) {
  Table rows;
  rows.columns = columns;
  features_for_prices(data, options, columns, game, code, day, prices, rows.x);
  return rows;
}

std::vector<double> nonincreasing_fit(std::span<const double> values) {
  // Blocks of (mean, count); merge while a block is above the one before it.
  std::vector<std::pair<double, std::size_t>> blocks;
  for (double v : values) {
    blocks.emplace_back(v, 1);
    while (blocks.size() > 1 && blocks.back().first > blocks[blocks.size() - 2].first) {
      const auto [mean, count] = blocks.back();
      blocks.pop_back();
      auto& prev = blocks.back();
      prev.first = (prev.first * double(prev.second) + mean * double(count)) / double(prev.second + count);
      prev.second += count;
    }
  }
  std::vector<double> out;
  for (const auto& [mean, count] : blocks) out.insert(out.end(), count, mean);
  return out;
}

std::vector<ResponsePoint> demand_response(const Model& model, const std::vector<FeatureColumn>& columns,
                                           const Dataset& data, const FeatureOptions& options, GameIndex game,
                                           CodeIndex code, Date day, std::span<const double> prices,
                                           bool monotone) {
  if (prices.empty()) throw std::invalid_argument("demand_response: no prices");
  for (std::size_t i = 0; i < prices.size(); ++i)
    if (!(prices[i] > 0.0) || (i > 0 && !(prices[i] > prices[i - 1])))
      throw std::invalid_argument("demand_response: prices must be positive and strictly increasing");
  if (columns.size() != model.feature_count())
    throw std::invalid_argument("demand_response: the model expects " + std::to_string(model.feature_count()) +
                                " features, the column list has " + std::to_string(columns.size()));

  const auto raw = model.predict(situation_rows(columns, data, options, game, code, day, prices));
  const std::vector<double> raw_d(raw.begin(), raw.end());
  const auto predicted = monotone ? nonincreasing_fit(raw_d) : raw_d;

  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<ResponsePoint> out(prices.size());
  for (std::size_t i = 0; i < prices.size(); ++i) {
    out[i].price = prices[i];
    out[i].raw = raw[i];
    out[i].expected = predicted[i];
    out[i].relative = predicted[0] > 0 ? predicted[i] / predicted[0] : nan;
  }
  for (std::size_t i = 0; i < prices.size(); ++i) {
    const std::size_t lo = i > 0 ? i - 1 : i, hi = i + 1 < prices.size() ? i + 1 : i;
    const bool defined = lo != hi && out[lo].expected > 0 && out[hi].expected > 0;
    out[i].elasticity = defined ? std::log(out[hi].expected / out[lo].expected) / std::log(prices[hi] / prices[lo]) : nan;
  }
  return out;
}

}  // namespace seatsync
