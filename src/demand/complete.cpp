// Dispatch to a completion method, on the transposed matrix for the thesis's methods, then
// the guarantees every caller relies on: every cell finite and positive, fallbacks said aloud.
#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

#include "monotone_completion.hpp"
#include "seatsync/completion.hpp"

namespace seatsync {
namespace {

constexpr std::array<std::pair<CompletionMethod, std::string_view>, 4> kNames{{
    {CompletionMethod::nn, "nn"},
    {CompletionMethod::svd, "svd"},
    {CompletionMethod::hybrid, "hybrid"},
    {CompletionMethod::monotone, "monotone"},
}};

double observed_mean(const DemandMatrix& m) {
  double sum = 0;
  int n = 0;
  for (Eigen::Index i = 0; i < m.price.size(); ++i)
    if (m.games.data()[i] > 0) {
      sum += m.price.data()[i];
      ++n;
    }
  return n ? sum / n : std::nan("");
}

// The level of `m` relative to its fallback: the median ratio over cells both have observed
// prices for (the fallback's completed value where it observed nothing).
double level_ratio(const DemandMatrix& m, const CompletedMatrix& fallback) {
  std::vector<double> ratios;
  for (Eigen::Index r = 0; r < m.price.rows(); ++r)
    for (Eigen::Index c = 0; c < m.price.cols(); ++c)
      if (m.games(r, c) > 0) ratios.push_back(m.price(r, c) / fallback.at(static_cast<std::size_t>(r), static_cast<int>(c) + 1));
  if (ratios.empty()) return 1.0;
  auto mid = ratios.begin() + static_cast<std::ptrdiff_t>(ratios.size() / 2);
  std::nth_element(ratios.begin(), mid, ratios.end());
  return *mid;
}

Eigen::MatrixXd run_method(const DemandMatrix& m, CompletionMethod method, const CompletionOptions& o) {
  // The thesis's methods see quantities as rows and buckets as columns (section 4.3.2).
  const Eigen::MatrixXd transposed = m.price.transpose();
  switch (method) {
    case CompletionMethod::nn: return knn_impute(transposed, o.knn_neighbors).transpose();
    case CompletionMethod::svd: return svd_smooth(transposed, o.svd_drop).transpose();
    case CompletionMethod::hybrid: {
      Eigen::MatrixXd filled = knn_impute(transposed, o.knn_neighbors);
      // A bucket no game sold in stays empty after KNN; SVD needs a full matrix to smooth.
      return svd_smooth(filled, o.svd_drop).transpose();
    }
    case CompletionMethod::monotone: return complete_monotone(m, o);
  }
  throw std::logic_error("unknown completion method");
}

}  // namespace

std::optional<CompletionMethod> parse_completion_method(std::string_view name) {
  for (const auto& [method, text] : kNames)
    if (text == name) return method;
  return std::nullopt;
}

std::string_view to_string(CompletionMethod method) {
  for (const auto& [m, text] : kNames)
    if (m == method) return text;
  return "?";
}

const std::vector<CompletionMethod>& all_completion_methods() {
  static const std::vector<CompletionMethod> all = [] {
    std::vector<CompletionMethod> v;
    for (const auto& entry : kNames) v.push_back(entry.first);
    return v;
  }();
  return all;
}

double CompletedMatrix::at(std::size_t bucket, int quantity) const {
  const int col = std::clamp(quantity, 1, static_cast<int>(price.cols())) - 1;
  return price(static_cast<Eigen::Index>(bucket), col);
}

CompletedMatrix complete(const DemandMatrix& matrix, CompletionMethod method, const CompletionOptions& options,
                         const CompletedMatrix* fallback) {
  CompletedMatrix out;
  out.observed = matrix;
  out.method = method;
  const auto observed = matrix.observed_cells();
  const double ratio = fallback ? level_ratio(matrix, *fallback) : 1.0;
  auto from_fallback = [&](Eigen::Index r, Eigen::Index c) {
    return fallback->at(static_cast<std::size_t>(r), static_cast<int>(c) + 1) * ratio;
  };

  if (observed < static_cast<std::size_t>(std::max(1, options.min_observed_cells)) && fallback) {
    out.price.resize(matrix.price.rows(), matrix.price.cols());
    for (Eigen::Index r = 0; r < out.price.rows(); ++r)
      for (Eigen::Index c = 0; c < out.price.cols(); ++c) out.price(r, c) = from_fallback(r, c);
    out.notes.push_back(fmt::format("only {} observed cell(s): taken from the {} matrix pooled over tiers, scaled by {:.3f}",
                                    observed, matrix.group, ratio));
    return out;
  }
  if (observed == 0) throw std::invalid_argument(fmt::format(
      "demand matrix tier {} group '{}'{}: no observed cell and no fallback", matrix.tier, matrix.group,
      matrix.code.empty() ? "" : " code '" + matrix.code + "'"));

  out.price = run_method(matrix, method, options);
  // Whatever the method left undetermined, non-finite or non-positive is repaired.
  const double mean = observed_mean(matrix);
  int repaired = 0;
  for (Eigen::Index r = 0; r < out.price.rows(); ++r)
    for (Eigen::Index c = 0; c < out.price.cols(); ++c) {
      double& p = out.price(r, c);
      if (std::isfinite(p) && p > 0) continue;
      p = fallback ? from_fallback(r, c) : mean;
      ++repaired;
    }
  if (repaired > 0)
    out.notes.push_back(fmt::format("{} cell(s) the {} method left undetermined or non-positive were filled from {}",
                                    repaired, to_string(method),
                                    fallback ? "the matrix pooled over tiers" : "the observed mean"));
  return out;
}

}  // namespace seatsync
