// The continuous demand model: one fitted curve per (tier, group, bucket).
#include <algorithm>
#include <cmath>
#include <limits>

#include "seatsync/demand_curve.hpp"

namespace seatsync {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<int> model_tiers(const Dataset& data, bool pooled) {
  std::vector<int> tiers = data.params.tiers.empty() ? data.tiers_present() : data.params.tiers;
  std::sort(tiers.begin(), tiers.end());
  if (pooled) tiers.insert(tiers.begin(), 0);
  return tiers;
}

CurveCell fit_cell(const Dataset& data, CurveSlice slice, const ContinuousModelOptions& options) {
  CurveCell cell;
  const std::vector<PricePoint> raw = curve_points(data, slice, options.points, options.selection);
  cell.slice = std::move(slice);
  cell.raw_points = raw.size();
  cell.fitted = bin_points(raw, options.binning);
  cell.fit = fit_curve(cell.fitted, options.form, options.fit);
  cell.raw = measure_fit(cell.fit, raw);
  return cell;
}

}  // namespace

ContinuousDemandModel ContinuousDemandModel::build(const Dataset& data, const ContinuousModelOptions& options) {
  ContinuousDemandModel model;
  model.options_ = options;
  for (int tier : model_tiers(data, options.pooled_tier))
    for (const auto& group : data.groups())
      for (std::size_t b = 0; b < data.params.buckets.size(); ++b) {
        model.index_.emplace(std::make_tuple(tier, group, b), model.cells_.size());
        model.cells_.push_back(fit_cell(data, CurveSlice{tier, group, std::nullopt, b}, options));
      }
  return model;
}

const CurveCell* ContinuousDemandModel::cell(int tier, std::string_view group, std::size_t bucket) const {
  auto it = index_.find(std::make_tuple(tier, group, bucket));
  return it == index_.end() ? nullptr : &cells_[it->second];
}

double ContinuousDemandModel::expected_quantity(int tier, std::string_view group, std::size_t bucket,
                                                double price) const {
  const CurveCell* c = cell(tier, group, bucket);
  if (c == nullptr || !c->usable() || !std::isfinite(price)) return kNaN;
  return std::max(0.0, c->fit(std::clamp(price, c->fit.min_price, c->fit.max_price)));
}

double ContinuousDemandModel::price_for_quantity(int tier, std::string_view group, std::size_t bucket,
                                                 double quantity) const {
  const CurveCell* c = cell(tier, group, bucket);
  if (c == nullptr || !c->usable() || !std::isfinite(quantity)) return kNaN;
  // expected_quantity never goes below 0, so neither does the quantity asked for.
  return c->fit.price_for(std::max(0.0, quantity)).value_or(kNaN);
}

std::optional<CurveQuality> ContinuousDemandModel::quality(int tier, std::string_view group,
                                                           std::size_t bucket) const {
  const CurveCell* c = cell(tier, group, bucket);
  if (c == nullptr) return std::nullopt;
  return CurveQuality{c->fit.status, c->usable(), c->fit.iterations, c->fit.quality, c->raw};
}

}  // namespace seatsync
