// Reads a season directory: parses each CSV into typed rows (reporting unparsable fields and
// unknown references with their line), then hands the whole dataset to validate_dataset.
#include <set>

#include "csv.hpp"
#include "key_references.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/time_zone.hpp"

namespace seatsync {
namespace fs = std::filesystem;

namespace {

// Where every parsed row came from, so later checks can name FILE:LINE.
struct Origins {
  std::string files[6];
  std::vector<std::size_t> lines[6];
  std::pair<std::string, std::size_t> operator()(SeasonTable t, std::size_t row) const {
    auto i = static_cast<std::size_t>(t);
    return {files[i], row < lines[i].size() ? lines[i][row] : 0};
  }
};

class SeasonReader {
 public:
  SeasonReader(const fs::path& dir, const CsvFormat& format, Diagnostics& diag)
      : dir_(dir), format_(format), diag_(diag) {}

  Dataset read() {
    read_params();
    read_seats();
    read_games();
    read_transactions();
    read_inventory();
    read_listings();
    read_market_stats();
    games_.report_unchecked(diag_);
    codes_.report_unchecked(diag_);
    return std::move(data_);
  }
  const Origins& origins() const { return origins_; }

 private:
  std::string label(const char* name) const { return (dir_ / name).string(); }

  // Parses a file into a table; nullopt (reported) when a required file is missing.
  std::optional<csv::Table> load(const char* name, bool required) {
    auto text = csv::read_text_file(dir_ / name);
    if (!text) {
      if (required) diag_.error(label(name), 0, "-", "required file is missing or unreadable");
      return std::nullopt;
    }
    return csv::parse(*text, label(name), diag_, format_.delimiter);
  }

  void read_params() {
    auto file = dir_ / "params.toml";
    if (!fs::exists(file)) return;
    auto text = csv::read_text_file(file);
    if (!text) {
      diag_.error(file.string(), 0, "-", "cannot read file");
      return;
    }
    data_.params_toml = *text;
    data_.params = parse_params(*text, file.string(), diag_);
    if (!data_.params.timezone.empty()) zone_ = TimeZone::locate(data_.params.timezone);
  }

  void read_seats() {
    auto table = load("seats.csv", true);
    if (!table) return codes_.mark_unreadable();
    csv::Columns cols(*table, diag_);
    auto code = cols.require("price_code"), group = cols.require("group"),
         capacity = cols.require("capacity"), floor = cols.require("floor_price");
    if (!cols.all_present()) return codes_.mark_unreadable();
    for (const auto& r : table->records) {
      PriceCode pc;
      pc.code = r.fields[*code];
      pc.group = r.fields[*group];
      auto cap = csv::parse_integer(r.fields[*capacity], table->file, r.line, "capacity", diag_);
      auto fl = number(r.fields[*floor], table->file, r.line, "floor_price");
      if (pc.code.empty()) diag_.error(table->file, r.line, "price_code", "empty price code");
      if (!cap || !fl || pc.code.empty()) {
        codes_.mark_rejected(pc.code, r.line);
        continue;
      }
      pc.capacity = static_cast<int>(*cap);
      pc.floor_price = *fl;
      data_.codes.push_back(std::move(pc));
      origins_.lines[1].push_back(r.line);
    }
    origins_.files[1] = table->file;
    apply_group_overrides();
    // Index the codes now: games.csv may fail before it reindexes, and references must still resolve.
    data_.reindex();
  }

  // params.toml's [groups] regroups the named codes.
  void apply_group_overrides() {
    for (const auto& [group, codes] : data_.params.groups)
      for (const auto& code : codes) {
        bool found = false;
        for (auto& pc : data_.codes)
          if (pc.code == code) {
            pc.group = group;
            found = true;
          }
        if (!found && !codes_.is_rejected(code))
          diag_.error(label("params.toml"), 0, "groups." + group, "unknown price code '" + code + "'");
      }
  }

  void read_games() {
    auto table = load("games.csv", true);
    if (!table) return games_.mark_unreadable();
    csv::Columns cols(*table, diag_);
    auto id = cols.require("game_id"), date = cols.require("game_date"), tier = cols.require("tier");
    auto opponent = cols.optional("opponent");
    if (!cols.all_present()) return games_.mark_unreadable();
    for (const auto& r : table->records) {
      Game g;
      g.id = r.fields[*id];
      auto d = Date::parse(r.fields[*date]);
      if (!d) diag_.error(table->file, r.line, "game_date", "'" + r.fields[*date] + "' is not a date (YYYY-MM-DD)");
      auto t = csv::parse_integer(r.fields[*tier], table->file, r.line, "tier", diag_);
      if (g.id.empty()) diag_.error(table->file, r.line, "game_id", "empty game id");
      if (!d || !t || g.id.empty()) {
        games_.mark_rejected(g.id, r.line);
        continue;
      }
      g.date = *d;
      g.tier = static_cast<int>(*t);
      if (opponent) g.opponent = r.fields[*opponent];
      data_.games.push_back(std::move(g));
      origins_.lines[0].push_back(r.line);
    }
    origins_.files[0] = table->file;
    data_.reindex();
  }

  // Resolve a game id or price code; an unknown one is reported (see KeyReferences).
  std::optional<GameIndex> game_ref(const std::string& id, const std::string& file, std::size_t line) {
    return games_.resolve(data_.find_game(id), id, file, line, diag_);
  }
  std::optional<CodeIndex> code_ref(const std::string& code, const std::string& file, std::size_t line) {
    return codes_.resolve(data_.find_code(code), code, file, line, diag_);
  }
  // The venue's local date of a date or date-time (see local_date).
  std::optional<Date> timestamp(const std::string& text, const std::string& file, std::size_t line,
                                const char* column) {
    auto t = parse_timestamp(text);
    if (!t) {
      diag_.error(file, line, column, "'" + text + "' is not a date (YYYY-MM-DD) or ISO-8601 date-time");
      return std::nullopt;
    }
    if (t->utc_offset && !zone_ && offsets_without_zone_.insert(file).second)
      diag_.warning(file, line, column, "'" + text + "' has a UTC offset but params.toml sets no timezone: "
                    "dates are taken as written (set timezone = \"Area/City\" to convert them)");
    return local_date(*t, zone_ ? &*zone_ : nullptr);
  }

  void read_transactions() {
    auto table = load("transactions.csv", true);
    if (!table) return;
    csv::Columns cols(*table, diag_);
    auto game = cols.require("game_id"), code = cols.require("price_code"), sold = cols.require("sold_at"),
         qty = cols.require("quantity"), price = cols.require("price");
    if (!cols.all_present()) return;
    data_.transactions.reserve(table->records.size());
    for (const auto& r : table->records) {
      if (diag_.full()) break;
      const auto& f = table->file;
      auto g = game_ref(r.fields[*game], f, r.line);
      auto c = code_ref(r.fields[*code], f, r.line);
      auto d = timestamp(r.fields[*sold], f, r.line, "sold_at");
      auto q = csv::parse_integer(r.fields[*qty], f, r.line, "quantity", diag_);
      auto p = number(r.fields[*price], f, r.line, "price");
      if (!g || !c || !d || !q || !p) continue;
      data_.transactions.push_back({*g, *c, r.fields[*sold], *d, static_cast<int>(*q), *p});
      origins_.lines[2].push_back(r.line);
    }
    origins_.files[2] = table->file;
  }

  void read_inventory() {
    auto table = load("inventory.csv", false);
    if (!table) return;
    csv::Columns cols(*table, diag_);
    auto game = cols.require("game_id"), code = cols.require("price_code"),
         remaining = cols.require("remaining"), price = cols.require("current_price");
    auto observed = cols.optional("observed_at");
    if (!cols.all_present()) return;
    for (const auto& r : table->records) {
      const auto& f = table->file;
      auto g = game_ref(r.fields[*game], f, r.line);
      auto c = code_ref(r.fields[*code], f, r.line);
      auto rem = csv::parse_integer(r.fields[*remaining], f, r.line, "remaining", diag_);
      auto p = number(r.fields[*price], f, r.line, "current_price");
      // An empty observed_at is allowed: the column may be filled for some rows only.
      const std::string at = observed ? r.fields[*observed] : std::string();
      std::optional<Date> at_date;
      if (!at.empty() && !(at_date = timestamp(at, f, r.line, "observed_at"))) continue;
      if (!g || !c || !rem || !p) continue;
      data_.inventory.push_back({*g, *c, static_cast<int>(*rem), *p, at, at_date});
      origins_.lines[3].push_back(r.line);
    }
    origins_.files[3] = table->file;
  }

  void read_listings() {
    auto table = load("listings.csv", false);
    if (!table) return;
    csv::Columns cols(*table, diag_);
    auto game = cols.require("game_id"), code = cols.require("price_code"), at = cols.require("observed_at"),
         price = cols.require("price"), qty = cols.require("quantity"), source = cols.require("source");
    auto listing_id = cols.optional("listing_id"), section = cols.optional("section");
    if (!cols.all_present()) return;
    for (const auto& r : table->records) {
      if (diag_.full()) break;
      const auto& f = table->file;
      Listing l;
      auto g = game_ref(r.fields[*game], f, r.line);
      bool code_ok = true;
      if (!r.fields[*code].empty()) {
        l.code = code_ref(r.fields[*code], f, r.line);
        code_ok = l.code.has_value();
      }
      auto d = timestamp(r.fields[*at], f, r.line, "observed_at");
      auto p = number(r.fields[*price], f, r.line, "price");
      auto q = csv::parse_integer(r.fields[*qty], f, r.line, "quantity", diag_);
      if (!g || !code_ok || !d || !p || !q) continue;
      l.game = *g;
      l.observed_at = r.fields[*at];
      l.observed_date = *d;
      l.price = *p;
      l.quantity = static_cast<int>(*q);
      l.source = r.fields[*source];
      if (listing_id) l.listing_id = r.fields[*listing_id];
      if (section) l.section = r.fields[*section];
      data_.listings.push_back(std::move(l));
      origins_.lines[4].push_back(r.line);
    }
    origins_.files[4] = table->file;
  }

  void read_market_stats() {
    auto table = load("market_stats.csv", false);
    if (!table) return;
    csv::Columns cols(*table, diag_);
    auto game = cols.require("game_id"), source = cols.require("source"), at = cols.require("polled_at"),
         count = cols.require("count"), tickets = cols.require("tickets");
    const char* price_names[] = {"min", "p10", "median", "mean", "p90", "max", "sd"};
    std::optional<std::size_t> price_cols[7];
    for (int k = 0; k < 7; ++k) price_cols[k] = cols.require(price_names[k]);
    if (!cols.all_present()) return;
    for (const auto& r : table->records) {
      if (diag_.full()) break;
      const auto& f = table->file;
      MarketPollStats s;
      auto g = game_ref(r.fields[*game], f, r.line);
      auto d = timestamp(r.fields[*at], f, r.line, "polled_at");
      auto n = csv::parse_integer(r.fields[*count], f, r.line, "count", diag_);
      auto t = csv::parse_integer(r.fields[*tickets], f, r.line, "tickets", diag_);
      bool ok = g && d && n && t;
      if (n && *n < 0) {
        diag_.error(f, r.line, "count", "count must be >= 0");
        ok = false;
      }
      std::optional<double>* values[] = {&s.min, &s.p10, &s.median, &s.mean, &s.p90, &s.max, &s.sd};
      for (int k = 0; k < 7; ++k) {
        const std::string& text = r.fields[*price_cols[k]];
        if (text.empty()) continue;  // unknown: a source that does not report it
        auto v = number(text, f, r.line, price_names[k]);
        if (!v) ok = false;
        *values[k] = v;
      }
      if (!ok) continue;
      s.game = *g;
      s.source = r.fields[*source];
      s.polled_at = r.fields[*at];
      s.polled_date = *d;
      s.count = static_cast<std::size_t>(*n);
      s.tickets = *t;
      data_.market_stats.push_back(std::move(s));
      origins_.lines[5].push_back(r.line);
    }
    origins_.files[5] = table->file;
  }

  std::optional<double> number(const std::string& text, const std::string& file, std::size_t line,
                               const char* column) {
    return csv::parse_number(text, file, line, column, diag_, format_.delimiter == ';');
  }

  fs::path dir_;
  std::optional<TimeZone> zone_;
  std::set<std::string> offsets_without_zone_;  // files already warned about
  CsvFormat format_;
  Diagnostics& diag_;
  Dataset data_;
  Origins origins_;
  KeyReferences games_{"game_id", "games.csv"}, codes_{"price_code", "seats.csv"};
};

}  // namespace

Dataset load_season_dir(const fs::path& dir, std::vector<Diagnostic>* warnings, const CsvFormat& format) {
  Diagnostics diag;
  if (!fs::is_directory(dir)) {
    diag.error(dir.string(), 0, "-", "not a directory");
    diag.throw_if_errors();
  }
  SeasonReader reader(dir, format, diag);
  Dataset data = reader.read();
  data.reindex();
  if (!diag.full()) validate_dataset(data, diag, reader.origins());
  diag.throw_if_errors();
  if (warnings) *warnings = diag.items();
  return data;
}

}  // namespace seatsync
