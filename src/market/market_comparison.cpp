// The matched differences summarised: shares above the market, the revenue at stake either way,
// quantiles, and the histogram of thesis Figure 5-2 — overall, by price-code group and by bucket.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "seatsync/market_comparison.hpp"
#include "seatsync/sample_quantile.hpp"

namespace seatsync {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double part, double whole) { return whole > 0 ? part / whole : kNaN; }

// The smallest width of the form {1, 2, 2.5, 5} × 10^k that is at least `raw`.
double nice_width(double raw) {
  if (!(raw > 0.0) || !std::isfinite(raw)) return 1.0;
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : std::array{1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * power >= raw * (1.0 - 1e-12)) return m * power;
  return 10.0 * power;
}

// One match, whatever was matched: a sale or a plan bucket.
struct Difference {
  double ours = 0, market = 0, tickets = 0;
  double difference() const { return ours - market; }
};

DifferenceStats stats_of(const std::vector<Difference>& ds) {
  DifferenceStats s;
  std::vector<double> diffs, relatives;
  for (const Difference& d : ds) {
    ++s.count;
    const double diff = d.difference();
    s.tickets += d.tickets;
    s.revenue += d.tickets * d.ours;
    if (diff > 0) {
      ++s.above;
      s.tickets_above += d.tickets;
      s.revenue_above += d.tickets * d.ours;
      s.above_market_premium += d.tickets * diff;
    } else if (diff < 0) {
      ++s.below;
      s.below_market_gap += d.tickets * -diff;
    } else {
      ++s.equal;
    }
    diffs.push_back(diff);
    relatives.push_back(diff / d.market);
  }
  s.difference = quantiles_of(std::move(diffs));
  s.relative = quantiles_of(std::move(relatives));
  return s;
}

template <class Match>
std::vector<Difference> differences(const std::vector<Match>& matches, double (*weight)(const Match&)) {
  std::vector<Difference> out;
  for (const Match& m : matches) out.push_back({m.our_price, m.market_price, weight(m)});
  return out;
}
double sale_tickets(const SaleMatch& m) { return m.quantity; }
double plan_tickets(const PlanMatch& m) { return m.expected_quantity; }

// Labelled stats and histograms of the matches for which `label_of` gives `label`, in `labels`
// order; on `edges`, or (when it has no bins) on each label's own edges.
template <class Match, class LabelOf>
std::vector<LabelledStats> by_label(const std::vector<Match>& matches, const std::vector<std::string>& labels,
                                    LabelOf label_of, double (*weight)(const Match&), const DifferenceHistogram& edges) {
  std::vector<LabelledStats> out;
  for (const std::string& label : labels) {
    std::vector<Match> subset;
    for (const Match& m : matches)
      if (label_of(m) == label) subset.push_back(m);
    if (subset.empty()) continue;
    const auto ds = differences(subset, weight);
    std::vector<double> diffs, tickets;
    for (const auto& d : ds) {
      diffs.push_back(d.difference());
      tickets.push_back(d.tickets);
    }
    out.push_back({label, stats_of(ds), fill_histogram(edges.bins.empty() ? histogram_edges(diffs) : edges, diffs, tickets)});
  }
  return out;
}

}  // namespace

Quantiles quantiles_of(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  Quantiles q;
  q.p10 = sorted_quantile(values, 0.10);
  q.p25 = sorted_quantile(values, 0.25);
  q.median = sorted_quantile(values, 0.50);
  q.p75 = sorted_quantile(values, 0.75);
  q.p90 = sorted_quantile(values, 0.90);
  double sum = 0;
  for (double v : values) sum += v;
  q.mean = values.empty() ? kNaN : sum / static_cast<double>(values.size());
  return q;
}

double DifferenceStats::share_above_count() const { return ratio(static_cast<double>(above), static_cast<double>(count)); }
double DifferenceStats::share_above_tickets() const { return ratio(tickets_above, tickets); }
double DifferenceStats::share_above_revenue() const { return ratio(revenue_above, revenue); }

DifferenceHistogram histogram_edges(const std::vector<double>& differences, int max_bins) {
  max_bins = std::max(max_bins, 2);
  std::vector<double> v;
  for (double d : differences)
    if (std::isfinite(d)) v.push_back(d);
  std::sort(v.begin(), v.end());
  DifferenceHistogram h;
  if (v.empty()) return h;
  // The 1st–99th percentile sets the range, so one wild ask does not squeeze every other bar into
  // a sliver; what lies beyond goes into the open end bins.
  const double lo = sorted_quantile(v, 0.01), hi = sorted_quantile(v, 0.99);
  h.width = nice_width((hi - lo) / (max_bins - 1));
  auto first = static_cast<long long>(std::floor(lo / h.width));
  auto last = static_cast<long long>(std::floor(hi / h.width));  // the bin holding hi
  while (last - first + 1 > max_bins) {  // rounding out on both sides can add a bin
    h.width = nice_width(h.width * 1.01);
    first = static_cast<long long>(std::floor(lo / h.width));
    last = static_cast<long long>(std::floor(hi / h.width));
  }
  for (long long k = first; k <= last; ++k)
    h.bins.push_back({static_cast<double>(k) * h.width, static_cast<double>(k + 1) * h.width, 0, 0, 0});
  h.open_low = v.front() < h.bins.front().lo;
  h.open_high = v.back() >= h.bins.back().hi;
  return h;
}

DifferenceHistogram fill_histogram(const DifferenceHistogram& edges, const std::vector<double>& differences,
                                   const std::vector<double>& tickets) {
  DifferenceHistogram h = edges;
  for (auto& b : h.bins) b.count = 0, b.tickets = 0, b.value = 0;
  if (h.bins.empty()) return h;
  for (std::size_t i = 0; i < differences.size(); ++i) {
    const double d = differences[i];
    if (!std::isfinite(d)) continue;
    const double w = i < tickets.size() ? tickets[i] : 1.0;
    auto k = static_cast<long long>(std::floor((d - h.bins.front().lo) / h.width));
    k = std::clamp<long long>(k, 0, static_cast<long long>(h.bins.size()) - 1);
    HistogramBin& b = h.bins[static_cast<std::size_t>(k)];
    ++b.count;
    b.tickets += w;
    b.value += w * d;
  }
  // A histogram filled with values beyond its ends (a subset on the overall edges) says so.
  for (double d : differences) {
    if (d < h.bins.front().lo) h.open_low = true;
    if (d >= h.bins.back().hi) h.open_high = true;
  }
  return h;
}

MarketComparison compare_market(const Dataset& data, MarketMatches matches) {
  MarketComparison c;
  c.matches = std::move(matches);
  const auto& sales = c.matches.sales;
  const auto ds = differences(sales, &sale_tickets);
  c.sales = stats_of(ds);
  std::vector<double> diffs, tickets;
  for (const auto& d : ds) {
    diffs.push_back(d.difference());
    tickets.push_back(d.tickets);
  }
  c.histogram = fill_histogram(histogram_edges(diffs), diffs, tickets);

  std::vector<std::string> groups = data.groups();
  std::vector<std::string> buckets;
  for (const auto& b : data.params.buckets) buckets.push_back(b.name);
  // Groups differ in price by an order of magnitude (courtside against balcony), so each group's
  // histogram gets its own dollar bins; buckets mix every group alike and share the overall bins.
  c.by_group = by_label(sales, groups, [&](const SaleMatch& m) { return data.codes[m.code].group; }, &sale_tickets,
                        DifferenceHistogram{});
  c.by_bucket = by_label(sales, buckets, [&](const SaleMatch& m) { return data.params.buckets[m.bucket].name; },
                         &sale_tickets, c.histogram);

  const auto& plans = c.matches.plans;
  c.plans = stats_of(differences(plans, &plan_tickets));
  c.plans_by_group = by_label(plans, groups, [&](const PlanMatch& m) { return data.codes[m.code].group; },
                              &plan_tickets, DifferenceHistogram{});
  return c;
}

}  // namespace seatsync
