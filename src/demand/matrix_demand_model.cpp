#include <algorithm>
#include <stdexcept>

#include "bucket_sales.hpp"
#include "seatsync/demand_model.hpp"

namespace seatsync {

MatrixDemandModel MatrixDemandModel::fit(const Dataset& data, const DemandModelOptions& options) {
  MatrixDemandModel model;
  model.individual_ = options.individual;
  model.tiers_ = data.params.tiers.empty() ? data.tiers_present() : data.params.tiers;
  model.multipliers_ = code_multipliers(data, options.build);
  const auto groups = data.groups();
  model.key_of_code_.resize(data.codes.size());
  for (std::size_t c = 0; c < data.codes.size(); ++c) {
    model.key_of_code_[c] = options.individual ? c
                                               : static_cast<std::size_t>(std::find(groups.begin(), groups.end(),
                                                                                    data.codes[c].group) - groups.begin());
  }
  if (options.individual)
    for (const auto& c : data.codes) model.keys_.push_back(c.code);
  else
    model.keys_ = groups;

  // The pooled matrices are completed first: they are every tier matrix's fallback.
  // One pass over the orders serves both the pooled and the per-tier matrices.
  const auto sales = tabulate_bucket_sales(data, options.individual ? SalesKey::code : SalesKey::group,
                                           options.build.as_of ? *options.build.as_of : day_after_last_sale(data),
                                           options.build.include_game);
  for (const auto& m : build_matrices(data, sales, options.build.axis, true))
    model.pooled_.push_back(complete(m, options.method, options.completion));
  const auto raw = build_matrices(data, sales, options.build.axis, false);
  model.matrices_.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i)
    model.matrices_.push_back(complete(raw[i], options.method, options.completion, &model.pooled_[i % model.keys_.size()]));
  return model;
}

const CompletedMatrix& MatrixDemandModel::group_matrix(int tier, const std::string& key) const {
  auto k = std::find(keys_.begin(), keys_.end(), key);
  if (k == keys_.end()) throw std::out_of_range("no demand matrix for '" + key + "'");
  const auto ki = static_cast<std::size_t>(k - keys_.begin());
  auto t = std::find(tiers_.begin(), tiers_.end(), tier);
  if (t == tiers_.end()) return pooled_[ki];
  return matrices_[static_cast<std::size_t>(t - tiers_.begin()) * keys_.size() + ki];
}

const CompletedMatrix& MatrixDemandModel::code_matrix(int tier, CodeIndex code) const {
  return group_matrix(tier, keys_[key_of_code_[code]]);
}

double MatrixDemandModel::price(int tier, CodeIndex code, std::size_t bucket, int quantity) const {
  const double p = code_matrix(tier, code).at(bucket, quantity);
  return individual_ ? p : p * multipliers_[code];
}

}  // namespace seatsync
