// Reads a season directory: parses each CSV into typed rows (reporting unparsable fields and
// unknown references with their line), then hands the whole dataset to validate_dataset.
#include <fstream>
#include <sstream>

#include "csv.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Where every parsed row came from, so later checks can name FILE:LINE.
struct Origins {
  std::string files[5];
  std::vector<std::size_t> lines[5];
  std::pair<std::string, std::size_t> operator()(SeasonTable t, std::size_t row) const {
    auto i = static_cast<std::size_t>(t);
    return {files[i], row < lines[i].size() ? lines[i][row] : 0};
  }
};

class SeasonReader {
 public:
  SeasonReader(const fs::path& dir, Diagnostics& diag) : dir_(dir), diag_(diag) {}

  Dataset read() {
    read_params();
    read_seats();
    read_games();
    read_transactions();
    read_inventory();
    read_listings();
    return std::move(data_);
  }
  const Origins& origins() const { return origins_; }

 private:
  std::string label(const char* name) const { return (dir_ / name).string(); }

  // Parses a file into a table; nullopt (reported) when a required file is missing.
  std::optional<csv::Table> load(const char* name, bool required) {
    auto text = read_text(dir_ / name);
    if (!text) {
      if (required) diag_.error(label(name), 0, "-", "required file is missing or unreadable");
      return std::nullopt;
    }
    return csv::parse(*text, label(name), diag_);
  }

  void read_params() {
    auto file = dir_ / "params.toml";
    if (!fs::exists(file)) return;
    auto text = read_text(file);
    if (!text) {
      diag_.error(file.string(), 0, "-", "cannot read file");
      return;
    }
    data_.params_toml = *text;
    data_.params = parse_params(*text, file.string(), diag_);
  }

  void read_seats() {
    auto table = load("seats.csv", true);
    if (!table) return;
    csv::Columns cols(*table, diag_);
    auto code = cols.require("price_code"), group = cols.require("group"),
         capacity = cols.require("capacity"), floor = cols.require("floor_price");
    if (!cols.all_present()) return;
    for (const auto& r : table->records) {
      PriceCode pc;
      pc.code = r.fields[*code];
      pc.group = r.fields[*group];
      auto cap = csv::parse_integer(r.fields[*capacity], table->file, r.line, "capacity", diag_);
      auto fl = csv::parse_number(r.fields[*floor], table->file, r.line, "floor_price", diag_);
      if (pc.code.empty()) diag_.error(table->file, r.line, "price_code", "empty price code");
      if (!cap || !fl || pc.code.empty()) continue;
      pc.capacity = static_cast<int>(*cap);
      pc.floor_price = *fl;
      data_.codes.push_back(std::move(pc));
      origins_.lines[1].push_back(r.line);
    }
    origins_.files[1] = table->file;
    apply_group_overrides();
    codes_known_ = true;
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
        if (!found)
          diag_.error(label("params.toml"), 0, "groups." + group, "unknown price code '" + code + "'");
      }
  }

  void read_games() {
    auto table = load("games.csv", true);
    if (!table) return;
    csv::Columns cols(*table, diag_);
    auto id = cols.require("game_id"), date = cols.require("game_date"), tier = cols.require("tier");
    auto opponent = cols.optional("opponent");
    if (!cols.all_present()) return;
    for (const auto& r : table->records) {
      Game g;
      g.id = r.fields[*id];
      auto d = Date::parse(r.fields[*date]);
      if (!d) diag_.error(table->file, r.line, "game_date", "'" + r.fields[*date] + "' is not a date (YYYY-MM-DD)");
      auto t = csv::parse_integer(r.fields[*tier], table->file, r.line, "tier", diag_);
      if (g.id.empty()) diag_.error(table->file, r.line, "game_id", "empty game id");
      if (!d || !t || g.id.empty()) continue;
      g.date = *d;
      g.tier = static_cast<int>(*t);
      if (opponent) g.opponent = r.fields[*opponent];
      data_.games.push_back(std::move(g));
      origins_.lines[0].push_back(r.line);
    }
    origins_.files[0] = table->file;
    data_.reindex();
    games_known_ = true;
  }

  // Resolves a game id; reports it when games.csv was readable and the id is not in it.
  std::optional<GameIndex> game_ref(const std::string& id, const std::string& file, std::size_t line) {
    auto g = data_.find_game(id);
    if (!g && games_known_) diag_.error(file, line, "game_id", "unknown game_id '" + id + "' (not in games.csv)");
    return g;
  }
  std::optional<CodeIndex> code_ref(const std::string& code, const std::string& file, std::size_t line) {
    auto c = data_.find_code(code);
    if (!c && codes_known_) diag_.error(file, line, "price_code", "unknown price_code '" + code + "' (not in seats.csv)");
    return c;
  }
  std::optional<Date> timestamp(const std::string& text, const std::string& file, std::size_t line,
                                const char* column) {
    auto d = parse_date_or_datetime(text);
    if (!d) diag_.error(file, line, column, "'" + text + "' is not a date (YYYY-MM-DD) or ISO-8601 date-time");
    return d;
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
      auto p = csv::parse_number(r.fields[*price], f, r.line, "price", diag_);
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
    if (!cols.all_present()) return;
    for (const auto& r : table->records) {
      const auto& f = table->file;
      auto g = game_ref(r.fields[*game], f, r.line);
      auto c = code_ref(r.fields[*code], f, r.line);
      auto rem = csv::parse_integer(r.fields[*remaining], f, r.line, "remaining", diag_);
      auto p = csv::parse_number(r.fields[*price], f, r.line, "current_price", diag_);
      if (!g || !c || !rem || !p) continue;
      data_.inventory.push_back({*g, *c, static_cast<int>(*rem), *p});
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
      auto p = csv::parse_number(r.fields[*price], f, r.line, "price", diag_);
      auto q = csv::parse_integer(r.fields[*qty], f, r.line, "quantity", diag_);
      if (!g || !code_ok || !d || !p || !q) continue;
      l.game = *g;
      l.observed_at = r.fields[*at];
      l.observed_date = *d;
      l.price = *p;
      l.quantity = static_cast<int>(*q);
      l.source = r.fields[*source];
      data_.listings.push_back(std::move(l));
      origins_.lines[4].push_back(r.line);
    }
    origins_.files[4] = table->file;
  }

  fs::path dir_;
  Diagnostics& diag_;
  Dataset data_;
  Origins origins_;
  bool games_known_ = false, codes_known_ = false;
};

}  // namespace

Dataset load_season_dir(const fs::path& dir, std::vector<Diagnostic>* warnings) {
  Diagnostics diag;
  if (!fs::is_directory(dir)) {
    diag.error(dir.string(), 0, "-", "not a directory");
    diag.throw_if_errors();
  }
  SeasonReader reader(dir, diag);
  Dataset data = reader.read();
  data.reindex();
  if (!diag.full()) validate_dataset(data, diag, reader.origins());
  diag.throw_if_errors();
  if (warnings) *warnings = diag.items();
  return data;
}

}  // namespace seatsync
