// Fitting ArrivalDemandModel: the elasticity by two-way fixed effects, then per-cell arrivals
// and WTP medians. See the header for the model and why it is identified.
#include "seatsync/arrival_demand.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "bucket_sales.hpp"
#include "censored_poisson.hpp"
#include "season_wtp.hpp"
#include "seatsync/demand_evaluation.hpp"
#include "price_response.hpp"

namespace seatsync {
namespace {

constexpr double kDefaultElasticity = -2.0;
// The prior sd of the current season's log WTP shift: a season paying 1.5× history's is 2 sd away.
constexpr double kSeasonWtpPriorSd = 0.2;
constexpr double kMostElastic = -8.0, kLeastElastic = -0.05;
// Plausible spreads of log WTP: outside them a fit is taken to have failed.
constexpr double kMinSigma = 0.2, kMaxSigma = 0.8;
// Observations' worth of the pooled elasticity in each bucket's own.
constexpr double kPositionPrior = 2000.0;

}  // namespace

ArrivalDemandModel ArrivalDemandModel::fit(const Dataset& data, const ArrivalFitOptions& options) {
  ArrivalDemandModel m;
  const Date as_of = options.as_of ? *options.as_of : day_after_last_sale(data);
  const auto sales = tabulate_bucket_sales(data, SalesKey::code, as_of, options.include_game);
  const std::size_t C = data.codes.size(), B = sales.n_buckets, G = data.games.size();
  m.n_codes_ = C;
  m.n_buckets_ = B;
  m.tiers_ = data.params.tiers.empty() ? data.tiers_present() : data.params.tiers;
  const std::size_t T = m.tiers_.size();
  auto tier_slot = [&](int tier) -> std::optional<std::size_t> {
    auto it = std::find(m.tiers_.begin(), m.tiers_.end(), tier);
    if (it == m.tiers_.end()) return std::nullopt;
    return static_cast<std::size_t>(it - m.tiers_.begin());
  };

  const auto group_names = data.groups();
  m.group_of_.resize(C);
  for (std::size_t c = 0; c < C; ++c)
    m.group_of_[c] = static_cast<std::size_t>(std::find(group_names.begin(), group_names.end(), data.codes[c].group) -
                                              group_names.begin());

  // A (game, code, bucket) tells us about demand only if the game was in the data, the bucket
  // is over, and the code had seats left when it opened (a sold-out code draws no orders
  // whatever the demand: counting it would bias demand down exactly where it is strongest).
  // Where it sold out during the bucket, the count is only a lower bound (censored).
  std::vector<char> usable(G * C * B, 0), censored(G * C * B, 0);
  for (std::size_t g = 0; g < G; ++g) {
    if (!options.include_game.empty() && !options.include_game[g]) continue;
    for (std::size_t c = 0; c < C; ++c) {
      int sold = 0;
      for (std::size_t b = 0; b < B; ++b) {
        const bool open = sold < data.codes[c].capacity;
        usable[(g * C + c) * B + b] = sales.is_closed(g, b) && open;
        sold += sales.at(g, c, b).tickets;
        censored[(g * C + c) * B + b] = open && data.codes[c].capacity > 0 && sold >= data.codes[c].capacity;
      }
    }
  }

  // 1. The price response per group.
  const std::size_t n_groups = group_names.size();
  m.groups_.resize(n_groups);
  std::vector<std::vector<std::vector<Observation>>> obs(n_groups, std::vector<std::vector<Observation>>(B));
  for (std::size_t g = 0; g < G; ++g) {
    auto ts = tier_slot(data.games[g].tier);
    if (!ts) continue;
    for (std::size_t c = 0; c < C; ++c)
      for (std::size_t b = 0; b < B; ++b) {
        const auto& s = sales.at(g, c, b);
        // A censored count would read a sell-out as a weak response to price: left out here,
        // unconstrained in step 2.
        if (!usable[(g * C + c) * B + b] || censored[(g * C + c) * B + b] || s.orders == 0) continue;
        obs[m.group_of_[c]][b].push_back({g * B + b, (*ts * C + c) * B + b, std::log(s.average_order_price()),
                                          std::log(static_cast<double>(s.orders))});
      }
  }
  auto flatten = [](const std::vector<std::vector<Observation>>& parts) {
    std::vector<Observation> all;
    for (const auto& p : parts) all.insert(all.end(), p.begin(), p.end());
    return all;
  };
  std::vector<Observation> everything;
  for (const auto& group_obs : obs) {
    auto all = flatten(group_obs);
    everything.insert(everything.end(), all.begin(), all.end());
  }
  // Pooled over groups: the sparse premium groups lose their zero-order cells (no price is seen
  // when nothing sells), which flattens their own estimates; the pooled one is dominated by the
  // dense groups. Its curvature places the historical price within the WTP distribution; when
  // the data cannot say, the assumed conversion does.
  const auto pooled = two_way_fe_fit(everything, G * B, T * C * B);
  // A weak response is evidence, not a failure: where nearly every arrival buys at history's
  // prices (buyers would pay far more), orders barely move with price. It is kept (only a
  // wrong-signed one is bounded), so that saturation places history's price low in the WTP
  // distribution and the planner prices up — a default elasticity here would price down.
  const double elasticity =
      std::clamp(pooled ? pooled->elasticity : kDefaultElasticity, kMostElastic, kLeastElastic);
  const auto shape = pooled ? lognormal_from_response(elasticity, pooled->curvature) : std::nullopt;
  double sigma, position;
  if (shape && std::abs(shape->second) <= 2.5 && shape->first >= kMinSigma && shape->first <= kMaxSigma) {
    std::tie(sigma, position) = *shape;
  } else {
    // The curvature does not pin the shape: the assumed conversion places the price, unless the
    // spread that implies is implausible; then the nearest plausible spread and the position
    // that matches the measured elasticity (−h(z)/σ).
    position = normal_quantile(1.0 - options.historical_conversion);
    sigma = std::exp(-0.5 * position * position) / std::sqrt(2 * M_PI) / (-elasticity * options.historical_conversion);
    if (sigma < kMinSigma || sigma > kMaxSigma) {
      sigma = std::clamp(sigma, kMinSigma, kMaxSigma);
      position = std::clamp(normal_hazard_inverse(-elasticity * sigma), -3.0, 3.0);
    }
  }
  for (std::size_t k = 0; k < n_groups; ++k) {
    auto& r = m.groups_[k];
    r.group = group_names[k];
    const auto all = flatten(obs[k]);
    r.observations = all.size();
    auto own = two_way_fe_slope(all, G * B, T * C * B);
    r.own_elasticity = own.value_or(std::nan(""));
    r.elasticity = elasticity;
    r.curvature = pooled ? pooled->curvature : std::nan("");
    r.measured = shape.has_value();
    r.wtp_sigma = sigma;
    r.price_position = position;
  }
  // The historical price's position per bucket: how the WTP moves over time need not be how the
  // prices moved, so the elasticity is measured per bucket (pooled over groups and tiers, shrunk
  // towards the pooled one with the weight of kPositionPrior observations) and, with the pooled
  // spread, places that bucket's price: elasticity = −h(z)/σ.
  m.bucket_position_.assign(B, position);
  for (std::size_t b = 0; b < B; ++b) {
    std::vector<Observation> in_bucket;
    for (const auto& group_obs : obs) in_bucket.insert(in_bucket.end(), group_obs[b].begin(), group_obs[b].end());
    const auto own = two_way_fe_slope(in_bucket, G * B, T * C * B);
    if (!own) continue;
    const double n = static_cast<double>(in_bucket.size());
    const double e = std::clamp((n * *own + kPositionPrior * elasticity) / (n + kPositionPrior), kMostElastic, kLeastElastic);
    m.bucket_position_[b] = std::clamp(normal_hazard_inverse(-e * sigma), -3.0, 3.0);
  }
  // Order sizes per group, from every order before as_of of the included games.
  std::vector<std::vector<double>> size_counts(group_names.size());
  for (const auto& t : data.transactions) {
    if ((!options.include_game.empty() && !options.include_game[t.game]) || t.sold_date >= as_of) continue;
    auto& counts = size_counts[m.group_of_[t.code]];
    const auto q = static_cast<std::size_t>(std::min(t.quantity, 20));
    if (counts.size() < q) counts.resize(q, 0.0);
    counts[q - 1] += 1;
  }
  for (std::size_t k = 0; k < group_names.size(); ++k) {
    auto& pmf = m.groups_[k].size_pmf;
    pmf = size_counts[k].empty() ? std::vector<double>{1.0} : size_counts[k];
    double total = 0;
    for (double v : pmf) total += v;
    for (double& v : pmf) v /= total;
  }

  // 2. Per (tier, code, bucket): the orders a game draws at the cell's mean price, and each
  //    game's demand multiplier, fitted together on the unconstrained counts (censored_poisson.hpp).
  //    Cells shrink towards the tier's level for the code × the group's profile over buckets, with
  //    the weight of one game: a thin or empty cell borrows, a full one does not.
  struct Acc {  // the orders and their summed prices: mean order prices per cell, tier × code and code
    double price_sum = 0, priced_orders = 0;
  };
  std::vector<Acc> cell(T * C * B), pooled_cell(C * B), tier_code(T * C), code_all(C);
  for (std::size_t g = 0; g < G; ++g) {
    auto ts = tier_slot(data.games[g].tier);
    if (!ts) continue;
    for (std::size_t c = 0; c < C; ++c)
      for (std::size_t b = 0; b < B; ++b) {
        if (!usable[(g * C + c) * B + b]) continue;
        const auto& s = sales.at(g, c, b);
        for (Acc* a : {&cell[(*ts * C + c) * B + b], &pooled_cell[c * B + b], &tier_code[*ts * C + c], &code_all[c]}) {
          a->price_sum += s.order_price_sum;
          a->priced_orders += s.orders;
        }
      }
  }
  m.reference_price_.resize(C);
  for (std::size_t c = 0; c < C; ++c)
    m.reference_price_[c] = code_all[c].priced_orders > 0 ? code_all[c].price_sum / code_all[c].priced_orders
                                                          : std::max(1.0, data.codes[c].floor_price);
  // The cell's reference price: its mean order price, or the pooled one scaled to the tier.
  std::vector<double> cell_price(T * C * B);
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t c = 0; c < C; ++c) {
      const auto& tc = tier_code[t * C + c];
      const double price_ratio = tc.priced_orders > 0 ? (tc.price_sum / tc.priced_orders) / m.reference_price_[c] : 1.0;
      for (std::size_t b = 0; b < B; ++b) {
        const auto& own = cell[(t * C + c) * B + b];
        const auto& pool = pooled_cell[c * B + b];
        const std::size_t k = (t * C + c) * B + b;
        cell_price[k] = own.priced_orders > 0    ? own.price_sum / own.priced_orders
                        : pool.priced_orders > 0 ? pool.price_sum / pool.priced_orders * price_ratio
                                                 : m.reference_price_[c];
      }
    }

  std::vector<CensoredCount> counts;
  std::vector<SeasonObservation> season_obs;  // the current season's observations …
  std::vector<std::size_t> season_cells;      // … and their cells
  const int current_season = season_of(as_of);
  CensoredPoissonOptions po;
  po.n_rows = T * C;
  po.n_cols = n_groups * B;
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t c = 0; c < C; ++c)
      for (std::size_t b = 0; b < B; ++b) {
        po.cell_row.push_back(t * C + c);
        po.cell_col.push_back(m.group_of_[c] * B + b);
      }
  po.current_season.resize(G);
  for (std::size_t g = 0; g < G; ++g) {
    po.current_season[g] = season_of(data.games[g].date) == current_season;
    auto ts = tier_slot(data.games[g].tier);
    if (!ts) continue;
    for (std::size_t c = 0; c < C; ++c) {
      const double sigma = m.groups_[m.group_of_[c]].wtp_sigma;
      for (std::size_t b = 0; b < B; ++b) {
        const double z = m.bucket_position_[b];
        const auto& s = sales.at(g, c, b);
        const std::size_t k = (*ts * C + c) * B + b;
        if (usable[(g * C + c) * B + b]) {
          // The game's price moves its conversion from the cell's: more orders at a lower price.
          const double shift = s.orders > 0 ? std::log(s.average_order_price() / cell_price[k]) / sigma : 0.0;
          const double exposure = (1.0 - normal_cdf(z + shift)) / (1.0 - normal_cdf(z));
          const bool sold_out = censored[(g * C + c) * B + b];
          counts.push_back({g, k, static_cast<double>(s.orders), std::max(exposure, 1e-6), sold_out});
          if (po.current_season[g]) {
            season_obs.push_back({g, 0.0, static_cast<double>(s.orders), sold_out, z, shift, sigma});
            season_cells.push_back(k);
          }
        }
      }
    }
  }
  const auto fit = fit_censored_poisson(counts, G, T * C * B, po);
  m.game_multiplier_ = fit.multiplier;
  m.game_expected_orders_ = fit.expected;
  m.game_orders_.assign(G, 0.0);
  for (const auto& o : counts) m.game_orders_[o.game] += o.orders;
  m.season_level_ = fit.season_level;
  // 2b. The current season's WTP against history's (season_wtp.hpp), which also refines its
  //     games' volume multipliers.
  m.game_wtp_shift_.assign(G, 0.0);
  if (!season_obs.empty()) {
    for (std::size_t i = 0; i < season_obs.size(); ++i) season_obs[i].rate = fit.rate[season_cells[i]];
    const auto season = fit_season_wtp(season_obs, G, fit.prior_shape, kSeasonWtpPriorSd);
    m.season_level_ = season.season_level;
    m.season_wtp_shift_ = season.log_shift;
    for (std::size_t g = 0; g < G; ++g)
      if (po.current_season[g]) {
        m.game_multiplier_[g] = season.multiplier[g];
        m.game_expected_orders_[g] = season.expected[g];
        m.game_wtp_shift_[g] = season.log_shift;
      }
  }
  m.cells_.resize(T * C * B);
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t c = 0; c < C; ++c) {
      const double sigma = m.groups_[m.group_of_[c]].wtp_sigma;
      for (std::size_t b = 0; b < B; ++b) {
        const double z = m.bucket_position_[b];
        const std::size_t k = (t * C + c) * B + b;
        // The cell's price sits at position z of the WTP distribution: a share 1 − Φ(z) of
        // arrivals bought there, and its log is the median + σ·z.
        m.cells_[k] = {fit.rate[k] / (1.0 - normal_cdf(z)), std::log(cell_price[k]) - sigma * z};
      }
    }

  // 3. A code without a single past order (new in inventory) borrows from the codes of its group
  //    with orders (any code when the whole group is new): their arrivals per seat times its
  //    capacity, their WTP scaled by the ratio of floor prices, per tier and bucket.
  m.borrowed_.assign(C, false);
  for (std::size_t c = 0; c < C; ++c) {
    if (code_all[c].priced_orders > 0) continue;
    std::vector<std::size_t> donors;
    for (int pass = 0; pass < 2 && donors.empty(); ++pass)
      for (std::size_t d = 0; d < C; ++d)
        if (code_all[d].priced_orders > 0 && data.codes[d].capacity > 0 && (pass == 1 || m.group_of_[d] == m.group_of_[c]))
          donors.push_back(d);
    if (donors.empty()) continue;  // no orders anywhere: nothing to borrow
    m.borrowed_[c] = true;
    auto level = [&](std::size_t d) {  // log price level of d relative to c
      const double fc = data.codes[c].floor_price, fd = data.codes[d].floor_price;
      return fc > 0 && fd > 0 ? std::log(fc / fd) : 0.0;
    };
    double log_reference = 0;
    for (std::size_t d : donors) log_reference += std::log(m.reference_price_[d]) + level(d);
    m.reference_price_[c] = std::exp(log_reference / static_cast<double>(donors.size()));
    for (std::size_t t = 0; t < T; ++t)
      for (std::size_t b = 0; b < B; ++b) {
        double per_seat = 0, log_median = 0;
        for (std::size_t d : donors) {
          const auto& donor = m.cells_[(t * C + d) * B + b];
          per_seat += donor.arrivals / data.codes[d].capacity;
          log_median += donor.log_median + level(d);
        }
        const double n = static_cast<double>(donors.size());
        m.cells_[(t * C + c) * B + b] = {per_seat / n * std::max(0, data.codes[c].capacity), log_median / n};
      }
  }
  return m;
}

const ArrivalDemandModel::Cell& ArrivalDemandModel::cell(int tier, CodeIndex code, std::size_t bucket) const {
  auto it = std::find(tiers_.begin(), tiers_.end(), tier);
  // An unknown tier is priced like the nearest known one.
  std::size_t slot = 0;
  if (it != tiers_.end()) {
    slot = static_cast<std::size_t>(it - tiers_.begin());
  } else {
    for (std::size_t i = 1; i < tiers_.size(); ++i)
      if (std::abs(tiers_[i] - tier) < std::abs(tiers_[slot] - tier)) slot = i;
  }
  return cells_[(slot * n_codes_ + code) * n_buckets_ + bucket];
}

double ArrivalDemandModel::arrivals(int tier, CodeIndex code, std::size_t bucket) const {
  return cell(tier, code, bucket).arrivals;
}

GameDemand ArrivalDemandModel::game_demand(GameIndex game) const {
  if (game >= game_multiplier_.size()) return {};
  return {game_multiplier_[game], game_orders_[game], game_expected_orders_[game], game_wtp_shift_[game]};
}

double ArrivalDemandModel::median_wtp(int tier, CodeIndex code, std::size_t bucket) const {
  return std::exp(cell(tier, code, bucket).log_median);
}

double ArrivalDemandModel::purchase_probability(int tier, CodeIndex code, std::size_t bucket, double price) const {
  if (price <= 0) return 1.0;
  const double sigma = groups_[group_of_[code]].wtp_sigma;
  return 1.0 - normal_cdf((std::log(price) - cell(tier, code, bucket).log_median) / sigma);
}

}  // namespace seatsync
