// Resale listing tracks: listings (site, section, last sighting) and the asking price each
// time a listing was seen. Every observation becomes a listing row at its own time, with the
// listing's id and section; the quantity is not in the source and is written as 0 (unknown —
// the competitor summary counts such a listing once). Each (event, site, scrape hour) also
// gets a poll: the asks on the market that hour, each listing at its last price in the hour.
#include <cmath>
#include <map>
#include <tuple>
#include <set>

#include "data/csv.hpp"
#include "local_time.hpp"
#include "seatsync/listing_import.hpp"
#include "seatsync/market_stats.hpp"

namespace seatsync {

namespace {

struct EventClock {
  std::size_t index = 0;  // into MarketImport::events
  int offset = 0;         // seconds east of UTC of the event's local time
};

struct ListingLabel {
  std::string event, site, section, last_seen;
  std::size_t line = 0;
};

std::optional<int> parse_offset(const std::string& text) {
  // "±HH:MM"
  if (text.size() != 6 || (text[0] != '+' && text[0] != '-') || text[3] != ':') return std::nullopt;
  for (std::size_t i : {1u, 2u, 4u, 5u})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  const int minutes = ((text[1] - '0') * 10 + (text[2] - '0')) * 60 + (text[4] - '0') * 10 + (text[5] - '0');
  return (text[0] == '-' ? -60 : 60) * minutes;
}

class TracksReader {
 public:
  TracksReader(const ListingTracksText& text, Diagnostics& diag) : text_(text), diag_(diag) {}

  MarketImport read() {
    out_.source_label = "listing-tracks";
    read_events();
    read_listings();
    read_observations();
    make_polls();
    return std::move(out_);
  }

 private:
  void read_events() {
    const auto& f = text_.events_label;
    auto table = csv::parse(text_.events, f, diag_);
    csv::Columns cols(table, diag_);
    auto key = cols.require("event_key"), name = cols.require("event_name"), day = cols.require("event_date_local"),
         start = cols.require("scheduled_start_local"), offset = cols.require("utc_offset");
    auto venue = cols.optional("venue");
    if (!cols.all_present()) return;
    for (const auto& r : table.records) {
      const auto& v = r.fields;
      auto date = Date::parse(v[*day]);
      if (!date) diag_.error(f, r.line, "event_date_local", "'" + v[*day] + "' is not a date (YYYY-MM-DD)");
      auto off = parse_offset(v[*offset]);
      if (!off) diag_.error(f, r.line, "utc_offset", "'" + v[*offset] + "' is not an offset ±HH:MM");
      auto at = parse_utc_seconds(v[*day] + "T" + v[*start] + ":00" + v[*offset]);
      if (date && off && !at)
        diag_.error(f, r.line, "scheduled_start_local", "'" + v[*start] + "' is not a time HH:MM");
      if (v[*key].empty()) diag_.error(f, r.line, "event_key", "empty event_key");
      if (!date || !off || !at || v[*key].empty()) continue;
      if (clocks_.count(v[*key])) {
        diag_.error(f, r.line, "event_key", "event '" + v[*key] + "' is listed twice");
        continue;
      }
      clocks_[v[*key]] = {out_.events.size(), *off};
      out_.events.push_back({v[*key], v[*name], *date, *at, venue ? v[*venue] : ""});
    }
  }

  void read_listings() {
    const auto& f = text_.listings_label;
    auto table = csv::parse(text_.listings, f, diag_);
    csv::Columns cols(table, diag_);
    auto event = cols.require("event_key"), site = cols.require("site"), id = cols.require("listing_id"),
         section = cols.require("section"), last_seen = cols.require("last_seen_utc");
    if (!cols.all_present()) return;
    std::size_t relabelled = 0;
    for (const auto& r : table.records) {
      const auto& v = r.fields;
      if (v[*id].empty()) { diag_.error(f, r.line, "listing_id", "empty listing_id"); continue; }
      if (!clocks_.count(v[*event])) {
        diag_.error(f, r.line, "event_key", "'" + v[*event] + "' is not in " + text_.events_label);
        continue;
      }
      if (!parse_utc_seconds(v[*last_seen])) {
        diag_.error(f, r.line, "last_seen_utc", "'" + v[*last_seen] + "' is not a date-time");
        continue;
      }
      ListingLabel label{v[*event], v[*site], v[*section], v[*last_seen], r.line};
      auto [it, fresh] = labels_.emplace(v[*id], label);
      if (fresh) continue;
      // The marketplace relabelled the listing ("C 133" then "Club 133"): keep the label seen last.
      ++relabelled;
      if (it->second.event != label.event || it->second.site != label.site) {
        diag_.error(f, r.line, "listing_id", "listing '" + v[*id] + "' also belongs to another event or site (line " +
                                                 std::to_string(it->second.line) + ")");
        continue;
      }
      if (*parse_utc_seconds(label.last_seen) >= *parse_utc_seconds(it->second.last_seen)) it->second = label;
    }
    if (relabelled) out_.skipped.emplace_back("listing rows that relabel a listing id already listed (the later label kept)", relabelled);
  }

  void read_observations() {
    const auto& f = text_.observations_label;
    auto table = csv::parse(text_.observations, f, diag_);
    csv::Columns cols(table, diag_);
    auto event = cols.require("event_key"), site = cols.require("site"), id = cols.require("listing_id"),
         at = cols.require("observed_at_utc"), price = cols.require("price");
    if (!cols.all_present()) return;
    std::set<std::string> events_with_prices;
    for (const auto& r : table.records) {
      if (diag_.full()) break;
      const auto& v = r.fields;
      auto label = labels_.find(v[*id]);
      if (label == labels_.end()) {
        diag_.error(f, r.line, "listing_id", "'" + v[*id] + "' is not in " + text_.listings_label);
        continue;
      }
      if (label->second.event != v[*event] || label->second.site != v[*site]) {
        diag_.error(f, r.line, "event_key", "listing '" + v[*id] + "' belongs to " + label->second.event + " on " +
                                                label->second.site + " in " + text_.listings_label);
        continue;
      }
      auto when = parse_utc_seconds(v[*at]);
      if (!when) { diag_.error(f, r.line, "observed_at_utc", "'" + v[*at] + "' is not a date-time"); continue; }
      auto p = csv::parse_number(v[*price], f, r.line, "price", diag_);
      if (!p) continue;
      if (!(*p > 0.0) || !std::isfinite(*p)) {
        diag_.error(f, r.line, "price", "price must be a finite number > 0, found " + v[*price]);
        continue;
      }
      const auto& clock = clocks_.at(v[*event]);
      out_.listings.push_back({v[*event], v[*site], v[*id], label->second.section, *when,
                               market_detail::local_wall_time(*when, clock.offset), *p});
      events_with_prices.insert(v[*event]);
    }
    std::size_t unpriced = 0;
    for (const auto& [id, label] : labels_) unpriced += events_with_prices.count(label.event) ? 0 : 1;
    if (unpriced) out_.skipped.emplace_back("listings of events without price observations", unpriced);
  }

  void make_polls() {
    // (event, site, hour) → listing id → its last observation in the hour.
    std::map<std::tuple<std::string, std::string, std::int64_t>, std::map<std::string, const ImportedListing*>> hours;
    for (const auto& l : out_.listings) {
      auto& last = hours[{l.event, l.source, l.observed_utc / 3600}][l.listing_id];
      if (!last || l.observed_utc >= last->observed_utc) last = &l;
    }
    for (const auto& [key, asks] : hours) {
      const auto& [event, site, hour] = key;
      std::vector<Listing> rows;
      for (const auto& [id, l] : asks) {
        Listing row;
        row.price = l->price;
        rows.push_back(row);
      }
      const std::int64_t start = hour * 3600;
      std::string at = market_detail::local_wall_time(start, clocks_.at(event).offset);
      Date day = *parse_date_or_datetime(at);
      out_.polls.push_back({event, start, poll_stats(rows, 0, site, at, day)});
    }
  }

  const ListingTracksText& text_;
  Diagnostics& diag_;
  MarketImport out_;
  std::map<std::string, EventClock> clocks_;
  std::map<std::string, ListingLabel> labels_;
};

}  // namespace

MarketImport parse_listing_tracks(const ListingTracksText& text, Diagnostics& diag) {
  return TracksReader(text, diag).read();
}

MarketImport read_listing_tracks(const std::filesystem::path& where, Diagnostics& diag) {
  const auto dir = std::filesystem::is_directory(where) ? where : where.parent_path();
  ListingTracksText text;
  auto load = [&](const char* name, std::string& into, std::string& label) {
    label = (dir / name).string();
    auto t = read_text_maybe_gzip(dir / name);
    if (!t) diag.error(label, 0, "-", "required file is missing or unreadable");
    else into = std::move(*t);
    return t.has_value();
  };
  bool ok = load("events.csv", text.events, text.events_label);
  ok = load("listings.csv", text.listings, text.listings_label) && ok;
  ok = load("listing_price_observations.csv", text.observations, text.observations_label) && ok;
  if (!ok) return {};
  return parse_listing_tracks(text, diag);
}

}  // namespace seatsync
