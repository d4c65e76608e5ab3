// How a demand model's price response compares with the simulator's: the MAE of tickets can be
// small for a model that ignores price entirely (it was, issue 10), so `train` also scores the
// elasticity of every test row against the true demand curve.
#include <algorithm>
#include <cmath>
#include <map>

#include "seatsync/model_training.hpp"

namespace seatsync {
namespace {

double arc_elasticity(double q_low, double q_high, double log_span) {
  constexpr double tiny = 1e-12;  // a prediction of 0 at both prices is no response at all
  return std::log(std::max(q_high, tiny) / std::max(q_low, tiny)) / log_span;
}

}  // namespace

ElasticityScore score_elasticity(const Dataset& data, const MarketTruth& truth, const Model& model, const Table& test,
                                 const std::vector<FeatureRowKey>& keys) {
  ElasticityScore s;
  const std::size_t price = *find_column(test.columns, "price"), remaining = *find_column(test.columns, "remaining_share");
  const double log_span = std::log(s.high / s.low);

  std::vector<bool> keep(test.rows(), false);
  std::vector<double> true_elasticity;
  std::vector<std::pair<int, std::size_t>> cell_of;
  for (std::size_t i = 0; i < test.rows(); ++i) {
    const auto r = static_cast<Eigen::Index>(i);
    const double p = test.x(r, static_cast<Eigen::Index>(price));
    const auto bucket = bucket_at(truth, data.games[keys[i].game].date - keys[i].day);
    if (!(p > 0) || !bucket) continue;
    const int days = std::max(1, selling_days(truth, *bucket));
    const double low = expected_tickets_demanded(truth, keys[i].game, keys[i].code, *bucket, s.low * p) / days;
    const double high = expected_tickets_demanded(truth, keys[i].game, keys[i].code, *bucket, s.high * p) / days;
    const double seats = test.x(r, static_cast<Eigen::Index>(remaining)) * data.codes[keys[i].code].capacity;
    if (!(low > 0) || seats < low) continue;
    keep[i] = true;
    true_elasticity.push_back(arc_elasticity(low, high, log_span));
    cell_of.emplace_back(data.games[keys[i].game].tier, *bucket);
  }
  if (true_elasticity.empty()) return s;

  Table at_low = test.select_rows(keep), at_high = at_low;
  for (Eigen::Index r = 0; r < at_low.x.rows(); ++r) {
    const double p = at_low.x(r, static_cast<Eigen::Index>(price));
    reprice_feature_row({at_low.x.row(r).data(), static_cast<std::size_t>(at_low.x.cols())}, s.low * p);
    reprice_feature_row({at_high.x.row(r).data(), static_cast<std::size_t>(at_high.x.cols())}, s.high * p);
  }
  const auto q_low = model.predict(at_low), q_high = model.predict(at_high);

  std::map<std::pair<int, std::size_t>, ElasticityCell> cells;
  for (std::size_t i = 0; i < true_elasticity.size(); ++i) {
    const double e_model = arc_elasticity(q_low[i], q_high[i], log_span), e_true = true_elasticity[i];
    ElasticityCell& cell = cells[cell_of[i]];
    ++cell.rows;
    cell.truth += e_true;
    cell.model += e_model;
    cell.mae += std::abs(e_model - e_true);
    ++s.rows;
    s.truth += e_true;
    s.model += e_model;
    s.mae += std::abs(e_model - e_true);
    s.mae_price_blind += std::abs(e_true);
  }
  const double n = double(s.rows);
  s.truth /= n;
  s.model /= n;
  s.mae /= n;
  s.mae_price_blind /= n;
  for (auto& [key, cell] : cells) {
    cell.tier = key.first;
    cell.bucket = key.second;
    const double m = double(cell.rows);
    cell.truth /= m;
    cell.model /= m;
    cell.mae /= m;
    s.cells.push_back(cell);
  }
  return s;
}

}  // namespace seatsync
