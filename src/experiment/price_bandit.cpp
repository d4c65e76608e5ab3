// Thompson sampling over a price menu, plain and inventory-aware. See
// include/seatsync/price_bandit.hpp.
#include "seatsync/price_bandit.hpp"

#include <algorithm>
#include <boost/random/beta_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace seatsync {
namespace {

// Prices equal up to float noise name the same arm (menu prices are whole cents).
bool same_price(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

void check_prior(const std::vector<BetaBelief>& prior, std::size_t arms) {
  if (prior.size() != arms)
    throw std::invalid_argument("price bandit: " + std::to_string(prior.size()) + " prior beliefs for " +
                                std::to_string(arms) + " menu prices");
  for (const auto& b : prior)
    if (!(b.alpha > 0) || !(b.beta > 0) || !std::isfinite(b.alpha) || !std::isfinite(b.beta))
      throw std::invalid_argument("price bandit: a prior belief needs finite alpha > 0 and beta > 0");
}

}  // namespace

BetaBelief informed_belief(double purchase_probability, double pseudo_arrivals) {
  if (!(pseudo_arrivals > 0) || !std::isfinite(pseudo_arrivals))
    throw std::invalid_argument("informed_belief: the prior's weight must be a finite number of arrivals > 0");
  if (std::isnan(purchase_probability)) throw std::invalid_argument("informed_belief: purchase probability is NaN");
  const double q = std::clamp(purchase_probability, 0.005, 0.995);
  return {pseudo_arrivals * q, pseudo_arrivals * (1 - q)};
}

PriceBandit::PriceBandit(std::vector<double> menu, std::vector<BetaBelief> prior, PriceConstraints constraints,
                         BanditOptions options)
    : menu_(std::move(menu)), prior_(std::move(prior)), constraints_(constraints), options_(options) {
  if (menu_.empty()) throw std::invalid_argument("price bandit: the menu has no price");
  const PriceBounds valid = price_bounds(constraints_);  // also validates the constraints
  for (std::size_t k = 0; k < menu_.size(); ++k) {
    if (!std::isfinite(menu_[k]) || !valid.contains(menu_[k]))
      throw std::invalid_argument("price bandit: menu price " + std::to_string(menu_[k]) +
                                  " breaks the code's floor or ceiling");
    if (k > 0 && !(menu_[k] > menu_[k - 1]))
      throw std::invalid_argument("price bandit: menu prices must be ascending and distinct");
  }
  check_prior(prior_, menu_.size());
  if (!(options_.mean_order_size > 0) || !std::isfinite(options_.mean_order_size))
    throw std::invalid_argument("price bandit: mean order size must be > 0");
  if (!std::isfinite(options_.attendance_weight))
    throw std::invalid_argument("price bandit: attendance weight must be finite");
  successes_.assign(menu_.size(), 0.0);
  failures_.assign(menu_.size(), 0.0);
}

BetaBelief PriceBandit::posterior(std::size_t arm) const {
  return {prior_.at(arm).alpha + successes_[arm], prior_[arm].beta + failures_[arm]};
}

void PriceBandit::reset_prior(std::vector<BetaBelief> prior) {
  check_prior(prior, menu_.size());
  prior_ = std::move(prior);
}

void PriceBandit::discount_evidence(double keep) {
  if (!(keep >= 0 && keep <= 1)) throw std::invalid_argument("price bandit: evidence kept must lie in [0, 1]");
  for (auto& s : successes_) s *= keep;
  for (auto& f : failures_) f *= keep;
}

bool PriceBandit::observe(double price, int arrivals, int orders) {
  if (arrivals < 0 || orders < 0 || orders > arrivals)
    throw std::invalid_argument("price bandit: observed orders must lie in [0, arrivals]");
  for (std::size_t k = 0; k < menu_.size(); ++k)
    if (same_price(menu_[k], price)) {
      successes_[k] += orders;
      failures_[k] += arrivals - orders;
      return true;
    }
  return false;
}

PriceBounds PriceBandit::bounds_of(const BanditState& state) const {
  PriceBounds b = price_bounds(constraints_, state.in_force);
  if (!state.period_anchor) return b;
  const PriceBounds period = price_bounds(constraints_, state.period_anchor);
  const PriceBounds both{std::max(b.lo, period.lo), std::min(b.hi, period.hi)};
  // Empty only when the price in force lies outside the period's band (set by hand): then the
  // change limit from the price in force, which enforce_price holds, is all that applies.
  return both.lo <= both.hi ? both : b;
}

// The menu price to charge for `target`: itself when reachable, else the reachable menu price
// nearest to it (the furthest move towards it), else none (menu_.size()).
std::size_t PriceBandit::reachable_arm(std::size_t target, const PriceBounds& bounds) const {
  if (bounds.contains(menu_[target])) return target;
  std::size_t best = menu_.size();
  for (std::size_t k = 0; k < menu_.size(); ++k)
    if (bounds.contains(menu_[k]) &&
        (best == menu_.size() || std::abs(menu_[k] - menu_[target]) < std::abs(menu_[best] - menu_[target])))
      best = k;
  return best;
}

PriceBandit::Choice PriceBandit::choose(const BanditState& state, std::mt19937_64& rng) {
  const std::size_t arms = menu_.size();
  std::vector<double> reward(arms), demand(arms);
  for (std::size_t k = 0; k < arms; ++k) {
    const BetaBelief b = posterior(k);
    const double p_buy = boost::random::beta_distribution<double>(b.alpha, b.beta)(rng);
    demand[k] = p_buy * options_.mean_order_size;
    reward[k] = (menu_[k] + options_.attendance_weight) * demand[k];
  }

  Choice choice;
  if (options_.rule == BanditRule::thompson) {
    choice.target = static_cast<std::size_t>(std::max_element(reward.begin(), reward.end()) - reward.begin());
  } else {
    // Seats per expected arrival: nothing expected means nothing to ration.
    const double capacity = state.arrivals_ahead > 0 ? std::max(0, state.seats_left) / state.arrivals_ahead
                                                      : std::numeric_limits<double>::infinity();
    if (options_.rule == BanditRule::inventory_fixed && !fixed_capacity_) fixed_capacity_ = capacity;
    const ArmMix mix =
        solve_price_lp(reward, demand, options_.rule == BanditRule::inventory_fixed ? *fixed_capacity_ : capacity);
    choice.target = mix.first;
    // A draw only for a real mix, so that with ample seats the random stream (and every choice)
    // is the plain TS's.
    if (mix.second != mix.first && boost::random::uniform_01<double>()(rng) >= mix.first_weight)
      choice.target = mix.second;
  }

  const PriceBounds bounds = bounds_of(state);
  const std::size_t arm = reachable_arm(choice.target, bounds);
  const double wanted = arm < arms ? menu_[arm] : round_within(menu_[choice.target], constraints_.rounding, bounds);
  // `wanted` lies inside `bounds`, which the change limit from the price in force contains, so
  // it already passes; enforce_price would re-round it within that wider band — off an off-grid
  // bound of the anchor's band (its floor, say) onto a grid value past the anchor's limit.
  choice.price = bounds.contains(wanted) ? wanted : enforce_price(wanted, constraints_, state.in_force);
  if (arm < arms && same_price(choice.price, menu_[arm])) choice.arm = arm;
  return choice;
}

}  // namespace seatsync
