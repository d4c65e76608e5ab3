// How asking prices move before the event: SeatGeek's poll statistics by days to the game,
// the listing tracks' asks by hours before the event, and the tracks' price cuts and raises.
#include "seatsync/market_study.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "seatsync/sample_quantile.hpp"

namespace seatsync {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double median_of(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return sorted_quantile(v, q);
}

std::string days_bucket(int days) {
  if (days <= 1) return std::to_string(std::max(days, 0));
  if (days <= 3) return "2-3";
  if (days <= 7) return "4-7";
  if (days <= 14) return "8-14";
  if (days <= 30) return "15-30";
  if (days <= 60) return "31-60";
  return "61+";
}

std::string hours_bucket(double hours) {
  if (hours < 0) return "after start";
  if (hours < 3) return "0-2";
  if (hours < 6) return "3-5";
  if (hours < 12) return "6-11";
  return "12+";
}

std::map<std::string, const MarketEvent*> events_by_key(const MarketImport& import) {
  std::map<std::string, const MarketEvent*> out;
  for (const auto& e : import.events) out[e.key] = &e;
  return out;
}

}  // namespace

bool is_regular_season_title(const std::string& title) {
  for (const char* word : {"TBD", "Wild Card", "Divisional", "Championship", "Pro Bowl", "Super Bowl", "Hall of Fame"})
    if (title.find(word) != std::string::npos) return false;
  return true;
}

std::vector<DaysToEventRow> seatgeek_days_to_event(const MarketImport& import) {
  const auto events = events_by_key(import);
  // Each event's own level: the median of its polls' lowest and median prices.
  std::map<std::string, std::vector<double>> lowest, medians;
  for (const auto& p : import.polls) {
    if (p.stats.min) lowest[p.event].push_back(*p.stats.min);
    if (p.stats.median) medians[p.event].push_back(*p.stats.median);
  }
  std::map<std::string, double> lowest_level, median_level;
  for (auto& [e, v] : lowest) lowest_level[e] = median_of(v);
  for (auto& [e, v] : medians) median_level[e] = median_of(v);
  struct Acc { std::vector<double> lowest, median, count; std::set<std::string> events; };
  std::map<std::string, Acc> by_bucket;
  for (const auto& p : import.polls) {
    const auto* e = events.at(p.event);
    if (!is_regular_season_title(e->title)) continue;
    const int days = static_cast<int>(std::floor(static_cast<double>(e->start_utc - p.polled_utc) / 86400.0));
    auto& acc = by_bucket[days_bucket(days)];
    acc.events.insert(p.event);
    acc.count.push_back(static_cast<double>(p.stats.count));
    if (p.stats.min && lowest_level[p.event] > 0) acc.lowest.push_back(*p.stats.min / lowest_level[p.event]);
    if (p.stats.median && median_level[p.event] > 0) acc.median.push_back(*p.stats.median / median_level[p.event]);
  }
  std::vector<DaysToEventRow> out;
  for (const char* b : {"0", "1", "2-3", "4-7", "8-14", "15-30", "31-60", "61+"}) {
    auto it = by_bucket.find(b);
    if (it == by_bucket.end()) continue;
    const auto& a = it->second;
    out.push_back({b, a.count.size(), a.events.size(), median_of(a.lowest), median_of(a.median), median_of(a.count)});
  }
  return out;
}

std::vector<HoursBeforeRow> asks_by_hour(const MarketImport& import) {
  const auto events = events_by_key(import);
  // (event, hours before) → listing → (time, price) of its last ask in that hour.
  std::map<std::pair<std::string, int>, std::map<std::string, std::pair<std::int64_t, double>>> hours;
  for (const auto& l : import.listings) {
    const auto* e = events.at(l.event);
    const std::int64_t hour_start = l.observed_utc / 3600 * 3600;
    const int before = static_cast<int>(std::floor(static_cast<double>(e->start_utc - hour_start) / 3600.0));
    auto& last = hours[{l.event, -before}][l.listing_id];  // -before: earliest hour first
    if (l.observed_utc >= last.first) last = {l.observed_utc, l.price};
  }
  std::vector<HoursBeforeRow> out;
  std::map<std::string, double> first_median;
  for (const auto& [key, asks] : hours) {
    std::vector<double> prices;
    for (const auto& [id, at_price] : asks) prices.push_back(at_price.second);
    HoursBeforeRow row{key.first, -key.second, prices.size(), quantile(prices, 0.1), quantile(prices, 0.5),
                       quantile(prices, 0.9), 1.0};
    auto [it, fresh] = first_median.emplace(key.first, row.median);
    row.median_vs_first = row.median / it->second;
    out.push_back(row);
  }
  return out;
}

std::vector<PriceChangeRow> price_changes(const MarketImport& import) {
  const auto events = events_by_key(import);
  std::map<std::string, std::vector<const ImportedListing*>> by_listing;
  for (const auto& l : import.listings) by_listing[l.listing_id].push_back(&l);
  struct Acc { std::size_t observations = 0; std::vector<double> cuts, raises; };
  std::map<std::pair<std::string, std::string>, Acc> acc;
  for (auto& [id, obs] : by_listing) {
    std::stable_sort(obs.begin(), obs.end(), [](auto* a, auto* b) { return a->observed_utc < b->observed_utc; });
    for (std::size_t i = 1; i < obs.size(); ++i) {
      const auto* e = events.at(obs[i]->event);
      auto& a = acc[{obs[i]->event, hours_bucket(static_cast<double>(e->start_utc - obs[i]->observed_utc) / 3600.0)}];
      ++a.observations;
      const double change = obs[i]->price / obs[i - 1]->price - 1.0;
      if (change < 0) a.cuts.push_back(-change);
      if (change > 0) a.raises.push_back(change);
    }
  }
  std::vector<PriceChangeRow> out;
  for (const auto& e : import.events)
    for (const char* b : {"12+", "6-11", "3-5", "0-2", "after start"}) {
      auto it = acc.find({e.key, b});
      if (it == acc.end()) continue;
      const auto& a = it->second;
      out.push_back({e.key, b, a.observations, a.cuts.size(), a.raises.size(), median_of(a.cuts), median_of(a.raises)});
    }
  return out;
}

}  // namespace seatsync
