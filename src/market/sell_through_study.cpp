// Does a listing's price relative to its market (comp_p50) help predict that it disappears
// (sells, or is withdrawn) before the next scrape? Fitted with the project's own learners.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "seatsync/booster.hpp"
#include "seatsync/linear_model.hpp"
#include "seatsync/market_study.hpp"
#include "seatsync/market_summary.hpp"
#include "seatsync/metrics.hpp"

namespace seatsync {

namespace {

struct PanelRow {
  std::string event, site, level;
  std::int64_t hour = 0;  // UTC hour index
  double price = 0, hours_to_event = 0, relative = 0;
  bool last_sighting = false, train = false;
};

std::vector<PanelRow> build_panel(const MarketImport& import, const SectionMap* section_map) {
  std::map<std::string, const MarketEvent*> events;
  for (const auto& e : import.events) events[e.key] = &e;
  // listing → hour → its last ask in that hour.
  std::map<std::string, std::map<std::int64_t, const ImportedListing*>> asks;
  std::map<std::string, std::set<std::int64_t>> scrape_hours;  // per event
  for (const auto& l : import.listings) {
    const std::int64_t h = l.observed_utc / 3600;
    auto& slot = asks[l.listing_id][h];
    if (!slot || l.observed_utc >= slot->observed_utc) slot = &l;
    scrape_hours[l.event].insert(h);
  }
  auto level_of = [&](const std::string& section) {
    if (!section_map) return default_section_level(section);
    auto it = section_map->find(section);
    return it == section_map->end() ? std::string() : it->second;
  };
  // comp_p50 per (event, level, hour): the median ask of the level's listings that hour.
  std::map<std::tuple<std::string, std::string, std::int64_t>, std::vector<CompetitorPrice>> market;
  for (const auto& [id, hours] : asks)
    for (const auto& [h, l] : hours) market[{l->event, level_of(l->section), h}].push_back({l->price, 0, l->source});
  std::map<std::tuple<std::string, std::string, std::int64_t>, double> comp_p50;
  for (const auto& [key, prices] : market)
    if (auto s = summarize_market(prices)) comp_p50[key] = s->p50;

  // Each event's hours that have a later scrape: the earlier two thirds train.
  std::map<std::string, std::int64_t> last_hour, split_hour;
  for (const auto& [event, hours] : scrape_hours) {
    std::vector<std::int64_t> h(hours.begin(), hours.end());
    last_hour[event] = h.back();
    const std::size_t usable = h.size() - 1;
    const std::size_t train = std::clamp<std::size_t>(usable * 2 / 3, 1, usable > 1 ? usable - 1 : 1);
    split_hour[event] = usable ? h[train] : h.back();  // first test hour
  }
  std::vector<PanelRow> out;
  for (const auto& [id, hours] : asks) {
    const std::int64_t seen_last = hours.rbegin()->first;
    for (const auto& [h, l] : hours) {
      if (h == last_hour[l->event]) continue;  // no later scrape: whether it went is unknown
      PanelRow r;
      r.event = l->event;
      r.site = l->source;
      r.level = level_of(l->section);
      r.hour = h;
      r.price = l->price;
      r.hours_to_event = static_cast<double>(events.at(l->event)->start_utc - (h + 1) * 3600) / 3600.0;
      const auto comp = comp_p50.find({l->event, r.level, h});
      r.relative = comp == comp_p50.end() ? std::nan("") : l->price / comp->second;
      r.last_sighting = h == seen_last;
      r.train = h < split_hour[l->event];
      out.push_back(std::move(r));
    }
  }
  return out;
}

// The model table: price, hours_to_event, level, site, event (+ price / comp_p50).
Table to_table(const std::vector<PanelRow>& rows, bool with_comp, bool train_rows) {
  std::map<std::string, std::vector<std::string>> labels;  // column → categories in first-seen order
  for (const auto& r : rows)
    for (auto [column, value] : {std::pair{"level", &r.level}, {"site", &r.site}, {"event", &r.event}}) {
      auto& c = labels[column];
      if (std::find(c.begin(), c.end(), *value) == c.end()) c.push_back(*value);
    }
  Table t;
  t.columns = {{"price", false, {}, "the listing's ask"}, {"hours_to_event", false, {}, "hours left at the hour's end"},
               {"level", true, labels["level"], "section level"}, {"site", true, labels["site"], "marketplace"},
               {"event", true, labels["event"], "event"}};
  if (with_comp) t.columns.push_back({"relative_to_comp_p50", false, {}, "ask / median ask of its level that hour"});
  std::vector<const PanelRow*> chosen;
  for (const auto& r : rows)
    if (r.train == train_rows) chosen.push_back(&r);
  t.x.resize(static_cast<Eigen::Index>(chosen.size()), static_cast<Eigen::Index>(t.columns.size()));
  auto code = [&](const char* column, const std::string& value) {
    const auto& c = labels[column];
    return static_cast<float>(std::find(c.begin(), c.end(), value) - c.begin());
  };
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const auto& r = *chosen[i];
    const auto row = static_cast<Eigen::Index>(i);
    t.x(row, 0) = static_cast<float>(r.price);
    t.x(row, 1) = static_cast<float>(r.hours_to_event);
    t.x(row, 2) = code("level", r.level);
    t.x(row, 3) = code("site", r.site);
    t.x(row, 4) = code("event", r.event);
    if (with_comp) t.x(row, 5) = static_cast<float>(r.relative);
    t.y.push_back(r.last_sighting ? 1.0f : 0.0f);
  }
  return t;
}

double mean_of(const std::vector<float>& y) {
  double s = 0;
  for (float v : y) s += v;
  return y.empty() ? 0.0 : s / static_cast<double>(y.size());
}

}  // namespace

SellThroughStudy sell_through_study(const MarketImport& import, const SectionMap* section_map, std::uint64_t seed) {
  const auto panel = build_panel(import, section_map);
  SellThroughStudy out;
  const std::vector<std::pair<const char*, double>> edges{{"< 0.8", 0.8}, {"0.8-1.0", 1.0}, {"1.0-1.25", 1.25},
                                                          {"1.25-2", 2.0}, {">= 2", HUGE_VAL}};
  std::vector<std::pair<std::size_t, std::size_t>> counts(edges.size());  // rows, disappeared
  for (const auto& r : panel) {
    if (std::isnan(r.relative)) continue;
    std::size_t b = 0;
    while (r.relative >= edges[b].second) ++b;
    ++counts[b].first;
    counts[b].second += r.last_sighting ? 1 : 0;
  }
  for (std::size_t b = 0; b < edges.size(); ++b)
    out.by_relative_price.push_back({edges[b].first, counts[b].first,
                                     counts[b].first ? double(counts[b].second) / double(counts[b].first) : 0.0});
  for (bool with_comp : {false, true}) {
    const Table train = to_table(panel, with_comp, true), test = to_table(panel, with_comp, false);
    if (train.rows() == 0 || test.rows() == 0) throw std::invalid_argument("sell-through study: too few scrape hours");
    out.train_rows = train.rows();
    out.test_rows = test.rows();
    out.train_rate = mean_of(train.y);
    out.test_rate = mean_of(test.y);
    if (!with_comp) {
      std::vector<float> base(test.rows(), static_cast<float>(out.train_rate));
      out.scores.push_back({"base rate", false, log_loss(test.y, base), roc_auc(test.y, base)});
    }
    LinearParams lp;
    lp.task = BoostTask::binary;
    lp.log_columns = {"price"};
    if (with_comp) lp.log_columns.push_back("relative_to_comp_p50");
    auto logistic = LinearModel::train(train, lp).predict(test);
    out.scores.push_back({"logistic", with_comp, log_loss(test.y, logistic), roc_auc(test.y, logistic)});
    BoosterParams bp;
    bp.task = BoostTask::binary;
    bp.rounds = 200;
    bp.max_depth = 3;
    bp.early_stopping_rounds = 0;
    bp.threads = 1;
    bp.seed = seed;
    auto gbdt = Booster::train(train, std::nullopt, bp).predict(test);
    out.scores.push_back({"gbdt", with_comp, log_loss(test.y, gbdt), roc_auc(test.y, gbdt)});
  }
  return out;
}

}  // namespace seatsync
