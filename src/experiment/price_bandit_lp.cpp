// The inventory-aware bandit's LP for one product, solved exactly by enumerating its vertices.
// See include/seatsync/price_bandit.hpp.
#include <cmath>
#include <limits>
#include <stdexcept>

#include "seatsync/price_bandit.hpp"

namespace seatsync {

ArmMix solve_price_lp(std::span<const double> reward, std::span<const double> demand, double capacity) {
  if (reward.empty() || reward.size() != demand.size())
    throw std::invalid_argument("solve_price_lp: reward and demand need the same, non-zero number of arms");
  for (std::size_t k = 0; k < reward.size(); ++k)
    if (!std::isfinite(reward[k]) || !std::isfinite(demand[k]))
      throw std::invalid_argument("solve_price_lp: reward and demand must be finite");
  if (std::isnan(capacity)) throw std::invalid_argument("solve_price_lp: capacity is NaN");

  ArmMix best;
  best.value = -std::numeric_limits<double>::infinity();
  bool feasible = false;
  // Vertices with one arm: feasible alone.
  for (std::size_t k = 0; k < reward.size(); ++k)
    if (demand[k] <= capacity && reward[k] > best.value) {
      best = {k, k, 1.0, reward[k]};
      feasible = true;
    }
  // Vertices with two arms: one below and one above the capacity, mixed so that the expected
  // demand equals it (where the capacity constraint binds).
  for (std::size_t i = 0; i < reward.size(); ++i) {
    if (!(demand[i] < capacity)) continue;
    for (std::size_t j = 0; j < reward.size(); ++j) {
      if (!(demand[j] > capacity)) continue;
      const double w = (demand[j] - capacity) / (demand[j] - demand[i]);
      const double value = w * reward[i] + (1 - w) * reward[j];
      if (value > best.value) {
        best = {i, j, w, value};
        feasible = true;
      }
    }
  }
  if (feasible) return best;
  // Infeasible: every arm sells more than the capacity allows. The least-demanded arm is the
  // nearest to feasible (in a price menu: the highest price).
  std::size_t least = 0;
  for (std::size_t k = 1; k < demand.size(); ++k)
    if (demand[k] < demand[least]) least = k;
  return {least, least, 1.0, reward[least]};
}

}  // namespace seatsync
