// A price bandit playing one (game, code) against the truth's customers. See bandit_play.hpp.
#include <algorithm>
#include <numeric>
#include <span>
#include <stdexcept>

#include "bandit_play.hpp"

namespace seatsync {
namespace {

std::vector<BetaBelief> beliefs(const RowForecast& forecast, std::size_t period, std::size_t arms, bool informed,
                                double weight) {
  std::vector<BetaBelief> out(arms);  // Beta(1, 1): uninformative
  if (informed)
    for (std::size_t k = 0; k < arms; ++k) out[k] = informed_belief(forecast.purchase[period][k], weight);
  return out;
}

}  // namespace

BanditPlay play_bandit_row(const MarketTruth& truth, const BacktestRow& row, const std::vector<double>& menu,
                           const PriceConstraints& constraints, const RowForecast& forecast,
                           const BanditVariant& variant, const BanditSettings& settings, std::mt19937_64& rng,
                           const BanditPriceObserver& on_price) {
  const std::size_t periods = truth.buckets.size() - row.first_bucket;
  if (forecast.arrivals.size() != periods || forecast.purchase.size() != periods)
    throw std::invalid_argument("play_bandit_row: the forecast must cover every bucket from the row's first");
  PriceBandit bandit(menu, beliefs(forecast, 0, menu.size(), variant.informed, settings.prior_arrivals), constraints,
                     {variant.rule, forecast.mean_order_size, settings.attendance_weight});

  BanditPlay out;
  out.play.seats_left = row.state.remaining;
  out.bucket_revenue.assign(periods, 0.0);
  std::optional<double> in_force = row.state.current_price;
  // Customers who came before as_of met the price in force then (as in play_bucket).
  const int days_at_start = truth.games[row.state.game].date - truth.as_of;
  std::vector<double> arrivals_after(periods + 1, 0.0);  // [p]: expected from period p on
  for (std::size_t p = periods; p-- > 0;) arrivals_after[p] = arrivals_after[p + 1] + forecast.arrivals[p];

  for (std::size_t p = 0; p < periods && out.play.seats_left > 0; ++p) {
    const std::size_t b = row.first_bucket + p;
    if (p > 0) {
      bandit.reset_prior(beliefs(forecast, p, menu.size(), variant.informed, settings.prior_arrivals));
      bandit.discount_evidence(settings.carry_over);
    }
    auto customers = draw_customers(truth, row.state.game, row.state.code, b);
    std::erase_if(customers, [&](const Customer& c) { return c.days_before > days_at_start; });
    const int first_day = std::min(truth.buckets[b].days_to, days_at_start), last_day = truth.buckets[b].days_from;
    const double days = std::max(1, first_day - last_day + 1);
    const std::optional<double> anchor = in_force;  // the price in force as the bucket opens

    std::size_t next = 0;  // customers are in arrival order: days_before descending
    for (int day = first_day; day >= last_day && out.play.seats_left > 0; --day) {
      const bool decide = variant.daily || day == first_day;
      if (decide) {
        // The expected arrivals still ahead: the rest of this bucket (days uniform) and the later ones.
        const double ahead = forecast.arrivals[p] * (day - last_day + 1) / days + arrivals_after[p + 1];
        const auto choice = bandit.choose(
            {out.play.seats_left, ahead, in_force, variant.daily ? anchor : std::nullopt}, rng);
        if (on_price) on_price(choice.price, in_force);
        ++out.decisions;
        if (!choice.arm) ++out.off_menu;
        in_force = choice.price;
      }
      // Per bucket, one decision serves the whole bucket: the day loop only splits the serving.
      std::size_t end = next;
      while (end < customers.size() && customers[end].days_before >= day) ++end;
      const std::span<const Customer> today(customers.data() + next, end - next);
      const auto sales = serve_customers(today, *in_force, out.play.seats_left);
      for (const Sale& s : sales) {
        out.play.revenue += s.quantity * *in_force;
        out.bucket_revenue[p] += s.quantity * *in_force;
        out.play.tickets += s.quantity;
        out.play.seats_left -= s.quantity;
      }
      // Who saw the price: everyone, unless the seats ran out, then those up to the last buyer.
      const int offers = out.play.seats_left > 0 || sales.empty() ? static_cast<int>(today.size())
                                                                 : static_cast<int>(sales.back().customer + 1);
      bandit.observe(*in_force, offers, static_cast<int>(sales.size()));
      next = end;
    }
  }
  return out;
}

}  // namespace seatsync
