// compare-market --format json, and the numbers the daily report reads: every figure the table
// prints, the histograms bin by bin, and every match so a reader can check any of them.
#include <cmath>

#include "seatsync/market_comparison.hpp"

namespace seatsync {
namespace {

using nlohmann::json;

// JSON has no NaN: a share over nothing is null.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json quantiles_json(const Quantiles& q) {
  return {{"p10", number(q.p10)}, {"p25", number(q.p25)}, {"median", number(q.median)},
          {"p75", number(q.p75)}, {"p90", number(q.p90)}, {"mean", number(q.mean)}};
}

json stats_json(const DifferenceStats& s) {
  return {{"count", s.count},
          {"above", s.above},
          {"equal", s.equal},
          {"below", s.below},
          {"tickets", s.tickets},
          {"revenue", s.revenue},
          {"share_above_count", number(s.share_above_count())},
          {"share_above_tickets", number(s.share_above_tickets())},
          {"share_above_revenue", number(s.share_above_revenue())},
          {"below_market_gap", s.below_market_gap},
          {"above_market_premium", s.above_market_premium},
          {"difference", quantiles_json(s.difference)},
          {"relative_difference", quantiles_json(s.relative)}};
}

json histogram_json(const DifferenceHistogram& h) {
  json bins = json::array();
  for (const auto& b : h.bins)
    bins.push_back({{"lo", b.lo}, {"hi", b.hi}, {"count", b.count}, {"tickets", b.tickets}, {"value", b.value}});
  return {{"width", h.width}, {"open_low", h.open_low}, {"open_high", h.open_high}, {"bins", bins}};
}

json labelled_json(const std::vector<LabelledStats>& list) {
  json out = json::array();
  for (const auto& l : list) {
    json j = stats_json(l.stats);
    j["label"] = l.label;
    j["histogram"] = histogram_json(l.histogram);
    out.push_back(j);
  }
  return out;
}

}  // namespace

json market_comparison_to_json(const MarketComparison& c, const Dataset& data) {
  const MarketMatches& m = c.matches;
  json sales = json::array();
  for (const SaleMatch& s : m.sales) {
    const Transaction& t = data.transactions[s.transaction];
    sales.push_back({{"game_id", data.games[s.game].id},
                     {"price_code", data.codes[s.code].code},
                     {"sold_at", t.sold_at},
                     {"bucket", data.params.buckets[s.bucket].name},
                     {"days_before", s.days_before},
                     {"quantity", s.quantity},
                     {"our_price", s.our_price},
                     {"market_price", s.market_price},
                     {"difference", s.difference()},
                     {"relative_difference", s.relative()},
                     {"market_days_before", s.market_days_before},
                     {"market_quantity", s.market_quantity},
                     {"listings", s.listings}});
  }
  json plans = json::array();
  for (const PlanMatch& p : m.plans)
    plans.push_back({{"game_id", data.games[p.game].id},
                     {"price_code", data.codes[p.code].code},
                     {"bucket", data.params.buckets[p.bucket].name},
                     {"our_price", p.our_price},
                     {"expected_quantity", p.expected_quantity},
                     {"market_price", p.market_price},
                     {"difference", p.difference()},
                     {"relative_difference", p.relative()},
                     {"market_days_before", p.market_days_before},
                     {"listings", p.listings}});
  const ListingUse& u = m.listings;
  return {{"as_of", m.as_of.str()},
          {"window_days", m.window_days},
          {"listings",
           {{"total", u.total}, {"coded", u.coded}, {"by_section", u.by_section}, {"left_out", u.left_out},
            {"after_as_of", u.after_as_of}, {"used", u.used}}},
          {"sales",
           {{"considered", m.sales_considered},
            {"matched", m.sales.size()},
            {"unmatched", m.sales_unmatched},
            {"tickets_considered", m.tickets_considered},
            {"tickets_unmatched", m.tickets_unmatched},
            {"summary", stats_json(c.sales)},
            {"histogram", histogram_json(c.histogram)},
            {"by_group", labelled_json(c.by_group)},
            {"by_bucket", labelled_json(c.by_bucket)},
            {"matches", sales}}},
          {"plans",
           {{"considered", m.plan_buckets_considered},
            {"matched", m.plans.size()},
            {"unmatched", m.plan_buckets_unmatched},
            {"summary", stats_json(c.plans)},
            {"by_group", labelled_json(c.plans_by_group)},
            {"matches", plans}}}};
}

}  // namespace seatsync
