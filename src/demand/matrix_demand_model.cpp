#include <algorithm>
#include <optional>
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
  const auto pooled_raw = build_matrices(data, sales, options.build.axis, true);
  model.pooled_.resize(pooled_raw.size());
  for (std::size_t i = 0; i < pooled_raw.size(); ++i)
    if (pooled_raw[i].observed_cells() > 0) model.pooled_[i] = complete(pooled_raw[i], options.method, options.completion);
  // A code (or group) without a single past order has nothing to complete: it borrows the
  // matrix of the key of its group with the most observed cells (any key when the group has
  // none) and says so in the notes; with no orders at all the completion's error stands.
  for (std::size_t i = 0; i < pooled_raw.size(); ++i) {
    if (pooled_raw[i].observed_cells() > 0) continue;
    const auto group_of = [&](std::size_t k) { return options.individual ? data.codes[k].group : model.keys_[k]; };
    std::optional<std::size_t> donor;
    for (int pass = 0; pass < 2 && !donor; ++pass)
      for (std::size_t k = 0; k < pooled_raw.size(); ++k)
        if (pooled_raw[k].observed_cells() > 0 && (pass == 1 || group_of(k) == group_of(i)) &&
            (!donor || pooled_raw[k].observed_cells() > pooled_raw[*donor].observed_cells()))
          donor = k;
    model.pooled_[i] = complete(pooled_raw[i], options.method, options.completion, donor ? &model.pooled_[*donor] : nullptr);
    if (donor) model.pooled_[i].notes.push_back("no past orders: borrowed from '" + model.keys_[*donor] + "' (thin)");
  }
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
