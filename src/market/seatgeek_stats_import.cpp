// SeatGeek API snapshots (seatgeek_event_snapshots.csv.gz): each row is one event in one poll,
// with SeatGeek's `stats` block. They are poll statistics, not listings: count = listing_count,
// min = lowest_price, median = median_price, mean = average_price, max = highest_price; p10,
// p90 and sd are unknown. No listing row is made from them — a row at the median would be read
// by the competitor features as one seller's ask, which nobody made.
#include <map>
#include <set>

#include "data/csv.hpp"
#include "local_time.hpp"
#include "seatsync/listing_import.hpp"
#include "seatsync/time_zone.hpp"

namespace seatsync {

namespace {

class SeatGeekReader {
 public:
  SeatGeekReader(const std::string& label, Diagnostics& diag) : label_(label), diag_(diag) {}

  MarketImport read(std::string_view text) {
    MarketImport out;
    out.source_label = "seatgeek";
    auto table = csv::parse(text, label_, diag_);
    csv::Columns cols(table, diag_);
    auto snapshot = cols.require("snapshot_utc"), event = cols.require("event_id"),
         type = cols.require("event_type"), title = cols.require("title"),
         start_local = cols.require("event_datetime_local"), start_utc = cols.require("event_datetime_utc"),
         zone = cols.require("venue_timezone"), count = cols.require("listing_count"),
         lowest = cols.require("lowest_price"), median = cols.require("median_price"),
         average = cols.require("average_price"), highest = cols.require("highest_price");
    auto venue = cols.optional("venue_name");
    if (!cols.all_present()) return out;
    std::size_t other_types = 0, after_kickoff = 0, inconsistent_lowest = 0;
    std::set<std::pair<std::string, std::string>> seen_polls;
    for (const auto& r : table.records) {
      if (diag_.full()) break;
      const auto& f = r.fields;
      if (f[*type] != "nfl") { ++other_types; continue; }
      auto polled = utc(f[*snapshot], r.line, "snapshot_utc");
      auto kickoff = utc(f[*start_utc], r.line, "event_datetime_utc");
      auto local_day = parse_date_or_datetime(f[*start_local]);
      if (!local_day) diag_.error(label_, r.line, "event_datetime_local", "'" + f[*start_local] + "' is not a date-time");
      const TimeZone* tz = locate(f[*zone], r.line);
      if (f[*event].empty()) diag_.error(label_, r.line, "event_id", "empty event_id");
      MarketPollStats s;
      s.source = "seatgeek";
      bool ok = polled && kickoff && local_day && tz && !f[*event].empty();
      ok = read_stats(f, r.line, *count, *lowest, *median, *average, *highest, s) && ok;
      if (!ok) continue;
      // SeatGeek's lowest is sometimes $1 above its average and highest (1-3 listings: the stats
      // are computed slightly differently). Such a lowest is no lower bound: it is left empty.
      if (s.min && ((s.max && *s.min > *s.max) || (s.mean && *s.min > *s.mean))) {
        s.min.reset();
        ++inconsistent_lowest;
      }
      remember_event(out, f[*event], f[*title], *local_day, *kickoff, venue ? f[*venue] : "");
      // A poll after kickoff (the event was still listed) is not a pre-game market.
      if (*polled > *kickoff) { ++after_kickoff; continue; }
      s.polled_at = market_detail::local_wall_time(*polled, tz->offset_at(*polled));
      s.polled_date = *parse_date_or_datetime(s.polled_at);
      if (!seen_polls.insert({f[*event], s.polled_at}).second) {
        diag_.error(label_, r.line, "snapshot_utc", "event " + f[*event] + " has two rows for this snapshot");
        continue;
      }
      out.polls.push_back({f[*event], *polled, std::move(s)});
    }
    if (other_types) out.skipped.emplace_back("rows of other event types than nfl", other_types);
    if (after_kickoff) out.skipped.emplace_back("polls taken after kickoff", after_kickoff);
    if (inconsistent_lowest)
      out.skipped.emplace_back("lowest prices above the poll's average or highest (left empty)", inconsistent_lowest);
    note_relocations(out);
    return out;
  }

 private:
  std::optional<std::int64_t> utc(const std::string& text, std::size_t line, const char* column) {
    auto s = parse_utc_seconds(text);
    if (!s) diag_.error(label_, line, column, "'" + text + "' is not a date-time");
    return s;
  }

  const TimeZone* locate(const std::string& name, std::size_t line) {
    auto it = zones_.find(name);
    if (it == zones_.end()) it = zones_.emplace(name, TimeZone::locate(name)).first;
    if (!it->second) {
      diag_.error(label_, line, "venue_timezone", "unknown time zone '" + name + "'");
      return nullptr;
    }
    return &*it->second;
  }

  std::optional<double> price(const std::string& text, std::size_t line, const std::string& column, bool& ok) {
    if (text.empty()) return std::nullopt;
    auto v = csv::parse_number(text, label_, line, column, diag_);
    if (!v) { ok = false; return std::nullopt; }
    if (!(*v > 0.0)) {
      diag_.error(label_, line, column, "a price must be > 0, found " + text);
      ok = false;
      return std::nullopt;
    }
    return v;
  }

  bool read_stats(const std::vector<std::string>& f, std::size_t line, std::size_t count, std::size_t lowest,
                  std::size_t median, std::size_t average, std::size_t highest, MarketPollStats& s) {
    bool ok = true;
    // An empty listing_count is SeatGeek's "no listings at the moment": a poll of count 0.
    if (!f[count].empty()) {
      auto n = csv::parse_integer(f[count], label_, line, "listing_count", diag_);
      if (!n) return false;
      if (*n < 0) {
        diag_.error(label_, line, "listing_count", "must be >= 0, found " + f[count]);
        return false;
      }
      s.count = static_cast<std::size_t>(*n);
    }
    s.min = price(f[lowest], line, "lowest_price", ok);
    s.median = price(f[median], line, "median_price", ok);
    s.mean = price(f[average], line, "average_price", ok);
    s.max = price(f[highest], line, "highest_price", ok);
    if (ok && s.count == 0 && (s.min || s.median || s.mean || s.max)) {
      diag_.error(label_, line, "listing_count", "prices given for a poll without listings");
      ok = false;
    }
    return ok;
  }

  void remember_event(MarketImport& out, const std::string& key, const std::string& title, Date day,
                      std::int64_t kickoff, const std::string& venue) {
    auto [it, fresh] = event_index_.emplace(key, out.events.size());
    if (fresh) out.events.push_back({key, title, day, kickoff, venue});
    else out.events[it->second] = {key, title, day, kickoff, venue};  // the latest snapshot's view
  }

  // SeatGeek gives a game moved to another venue a new event: the same title and date twice.
  static void note_relocations(MarketImport& out) {
    std::map<std::pair<std::string, std::int32_t>, std::vector<const MarketEvent*>> by_game;
    for (const auto& e : out.events) by_game[{e.title, e.date.days()}].push_back(&e);
    for (const auto& [key, events] : by_game) {
      if (events.size() < 2) continue;
      std::string text = "'" + key.first + "' on " + Date::from_days(key.second).str() + " is listed as " +
                         std::to_string(events.size()) + " events:";
      for (const auto* e : events) text += " " + e->key + " (" + e->venue + ")";
      out.notes.push_back(text + " (a relocated game; give both the same game_id with --game-map to join them)");
    }
  }

  const std::string& label_;
  Diagnostics& diag_;
  std::map<std::string, std::optional<TimeZone>> zones_;
  std::map<std::string, std::size_t> event_index_;
};

}  // namespace

MarketImport parse_seatgeek_stats(std::string_view text, const std::string& label, Diagnostics& diag) {
  return SeatGeekReader(label, diag).read(text);
}

MarketImport read_seatgeek_stats(const std::filesystem::path& file, Diagnostics& diag) {
  auto text = read_text_maybe_gzip(file);
  if (!text) {
    diag.error(file.string(), 0, "-", "cannot be read (or is a damaged gzip file)");
    return {};
  }
  return parse_seatgeek_stats(*text, file.string(), diag);
}

}  // namespace seatsync
