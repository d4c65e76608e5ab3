// The Manual Price Adjustment Guide as a workbook (thesis 5.3, Figure 5-3).
//
// "Summary" (first): title, thresholds, a legend drawn with the real cell formats, then the
// significant recommendations as a numeric table (frozen header, autofilter) — the place to
// sort and filter. Then one sheet per game: rows = price codes, columns = time buckets (the
// current one first, marked "now"), each cell one line of text "▲ $12 (+9%) → $142".
//
// One text cell per bucket, not a change column and a price column: the grid keeps the
// thesis's codes × buckets shape, so an analyst scans one column (the current bucket) for
// filled cells and reads direction, size and target price without looking sideways; the
// numbers to sort and filter on are in the Summary. Below the grid, the orders behind each
// cell say why a cell has no fill.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <string>

#include "report/guide_xlsx_style.hpp"
#include "report/xlsx_util.hpp"
#include "seatsync/report.hpp"

namespace seatsync {
namespace {

namespace style = guide_style;

using xlsx::kGrey;

struct PlainFormats {
  lxw_format *title, *note, *bold, *header, *days, *code, *money, *money_cents, *date, *count, *tickets, *support_label,
      *support;
  // Whole dollars without ".00", as the change text shows them.
  lxw_format* money_for(double amount) const { return style::has_cents(amount) ? money_cents : money; }
};

PlainFormats make_plain_formats(xlsx::Workbook& wb) {
  PlainFormats f{};
  f.title = xlsx::add_title_format(wb);
  f.note = xlsx::add_note_format(wb);
  f.bold = wb.add_format();
  format_set_bold(f.bold);
  f.header = xlsx::add_header_format(wb);
  f.days = wb.add_format();
  format_set_font_color(f.days, kGrey);
  format_set_font_size(f.days, 9);
  format_set_align(f.days, LXW_ALIGN_CENTER);
  f.code = wb.add_format();
  format_set_bold(f.code);
  f.money = wb.add_format();
  format_set_num_format(f.money, style::money_format(0, false).c_str());
  f.money_cents = wb.add_format();
  format_set_num_format(f.money_cents, style::money_format(0.5, false).c_str());
  f.date = wb.add_format();
  format_set_num_format(f.date, "yyyy-mm-dd");
  format_set_align(f.date, LXW_ALIGN_LEFT);
  f.count = wb.add_format();
  format_set_num_format(f.count, "#,##0");
  f.tickets = wb.add_format();
  format_set_num_format(f.tickets, "#,##0.0");
  f.support_label = wb.add_format();
  format_set_bold(f.support_label);
  format_set_font_color(f.support_label, kGrey);
  f.support = wb.add_format();
  format_set_num_format(f.support, "#,##0");
  format_set_font_color(f.support, kGrey);
  format_set_align(f.support, LXW_ALIGN_CENTER);
  return f;
}

// Column width (Excel's unit ≈ one digit) to show `text` in full, counting characters, not bytes.
double text_width(const std::string& text) {
  std::size_t chars = 0;
  for (unsigned char ch : text) chars += (ch & 0xC0) != 0x80;
  return static_cast<double>(chars) + 2.0;
}

// A sheet name as a reference needs quotes, and an apostrophe inside it doubled.
std::string quoted_sheet(const std::string& name) {
  std::string quoted = "'";
  for (char ch : name) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
  return quoted + "'";
}

std::string percent_of(double share) { return fmt::format("{:g}%", share * 100.0); }

// ---- Summary ---------------------------------------------------------------------------------

constexpr lxw_row_t kLegendRow = 2, kTableTitleRow = 7, kTableHeaderRow = 8;

void write_legend(xlsx::Sheet& sheet, const GuideThresholds& t, style::Formats& cells, const PlainFormats& f) {
  using style::ChangeDirection;
  const std::string large = percent_of(t.large_change), half = percent_of(t.large_change / 2);
  const std::string orders = std::to_string(t.min_support_orders);
  const std::string stake = fmt::format("{:g} or more expected tickets and {} or more at stake", t.min_expected_tickets,
                                        render::format_money(t.min_revenue_at_stake));
  struct Entry {
    GuideFill fill;
    int band;
    std::string meaning;
  };
  const Entry entries[] = {
      {GuideFill::dark, 2,
       "Dark fill: a large change with at least " + orders + " historical orders behind it, " + stake +
           " in the bucket: act on it"},
      {GuideFill::light, 0,
       "Light fill: at least " + orders + " orders behind it, but the change is small or little is at stake: worth a look"},
      {GuideFill::none, 2, "No fill: fewer than " + orders + " orders behind it: the text colour shows the direction only"},
  };
  lxw_row_t row = kLegendRow;
  for (const auto& e : entries) {
    const double change = e.band == 2 ? 15.0 : 4.0, current = 125.0;  // samples: 12% and 3.2%
    sheet.text(row, 0, style::change_text(change, change / current, current + change, true),
               cells.cell(ChangeDirection::up, e.band, e.fill));
    sheet.text(row, 1, style::change_text(-change, -change / current, current - change, true),
               cells.cell(ChangeDirection::down, e.band, e.fill));
    sheet.text(row, 2, e.meaning);
    ++row;
  }
  sheet.text(row, 0,
             "Text colour: green raises, red lowers; the stronger the colour, the larger the change (under " + half +
                 ", " + half + "–" + large + ", " + large + " and more of the current price); ▲ up, ▼ down. One "
                 "sheet per game: rows = price codes, columns = time buckets, the current one first.",
             f.note);
}

void write_summary(xlsx::Sheet& sheet, const AdjustmentGuide& guide, const std::map<std::string, std::string>& sheet_of,
                   style::Formats& cells, const PlainFormats& f) {
  sheet.text(0, 0, "Manual Price Adjustment Guide, as of " + guide.as_of.str(), f.title);
  sheet.text(1, 0,
             "Large change: " + percent_of(guide.thresholds.large_change) + " of the current price or more. Supported: " +
                 std::to_string(guide.thresholds.min_support_orders) + " historical orders or more behind the cell. " +
                 fmt::format("Material: {:g} or more tickets expected in the bucket and {} or more at stake "
                             "(change × tickets).",
                             guide.thresholds.min_expected_tickets,
                             render::format_money(guide.thresholds.min_revenue_at_stake)),
             f.note);
  write_legend(sheet, guide.thresholds, cells, f);

  sheet.text(kTableTitleRow, 0,
             fmt::format("Significant recommendations ({}): large, supported, material changes to make now (each "
                         "game's current bucket), most revenue at stake first",
                         guide.significant.size()),
             f.bold);
  const char* headers[] = {"Game",   "Date",     "Code",    "Bucket",  "Current", "Recommended",
                           "Change", "Change %", "Orders", "Tickets", "At stake"};
  const double widths[] = {16, 12, 9, 12, 11, 13, 11, 10, 9, 9, 11};
  constexpr lxw_col_t kColumns = 11;
  for (lxw_col_t col = 0; col < kColumns; ++col) {
    sheet.text(kTableHeaderRow, col, headers[col], f.header);
    sheet.width(col, col, widths[col]);
  }
  lxw_row_t row = kTableHeaderRow + 1;
  for (const auto& s : guide.significant) {
    // Significant means large: the strongest band.
    const auto dir = render::change_direction(s.change);
    const int band = style::magnitude_band(s.change_share, true, s.current_price > 0, guide.thresholds.large_change);
    if (auto it = sheet_of.find(s.game_id); it != sheet_of.end())
      sheet.link(row, 0, "internal:" + quoted_sheet(it->second) + "!A1", s.game_id);
    else
      sheet.text(row, 0, s.game_id);
    sheet.date(row, 1, s.game_date.year(), s.game_date.month(), s.game_date.day(), f.date);
    sheet.text(row, 2, s.price_code, f.code);
    sheet.text(row, 3, s.bucket);
    sheet.number(row, 4, s.current_price, f.money_for(s.current_price));
    sheet.number(row, 5, s.recommended_price, f.money_for(s.recommended_price));
    sheet.number(row, 6, s.change, cells.change_money(dir, band, s.change));
    sheet.number(row, 7, s.change_share, cells.change_percent(dir, band));
    sheet.number(row, 8, s.support_orders, f.count);
    sheet.number(row, 9, s.expected_tickets, f.tickets);
    sheet.number(row, 10, s.revenue_at_stake, f.money);
    ++row;
  }
  if (guide.significant.empty()) sheet.text(row, 0, "None today: no large change has enough orders behind it.", f.note);
  // The table's widths would squeeze the legend's samples: give its first two columns room.
  sheet.width(0, 1, std::max(16.0, text_width(style::change_text(-15.0, -0.12, 110.0, true)) + 1));
  xlsx::check(worksheet_autofilter(sheet.get(), kTableHeaderRow, 0, std::max(row - 1, kTableHeaderRow), kColumns - 1),
              "autofilter");
  worksheet_freeze_panes(sheet.get(), kTableHeaderRow + 1, 0);
  worksheet_set_landscape(sheet.get());
  worksheet_fit_to_pages(sheet.get(), 1, 0);
  xlsx::check(worksheet_repeat_rows(sheet.get(), kTableHeaderRow, kTableHeaderRow), "print titles");
}

// ---- One game --------------------------------------------------------------------------------

constexpr lxw_row_t kDaysRow = 2, kGameHeaderRow = 3, kFirstCodeRow = 4;
constexpr lxw_col_t kFirstBucketCol = 4;

std::string days_text(const GuideCell& cell) {
  if (cell.days_from == cell.days_to) return cell.days_from == 0 ? "game day" : fmt::format("{} days out", cell.days_from);
  return fmt::format("{}–{} days out", std::min(cell.days_from, cell.days_to), std::max(cell.days_from, cell.days_to));
}

void write_game(xlsx::Sheet& sheet, const GameGuide& game, const GuideThresholds& t, style::Formats& cells,
                const PlainFormats& f) {
  std::string title = "Game " + game.game_id + " · " + game.game_date.str() + " · tier " + std::to_string(game.tier);
  if (!game.opponent.empty()) title += " · vs " + game.opponent;
  if (!game.pace_note.empty()) title += " — " + game.pace_note;
  sheet.text(0, 0, title, f.title);
  sheet.text(1, 0,
             "Each cell: the recommended change per ticket (and %) → the recommended price. Dark fill: act; light "
             "fill: supported but small or little at stake; no fill: too few orders (direction only). Legend on the "
             "Summary sheet.",
             f.note);

  const char* headers[] = {"Code", "Group", "Left", "Current"};
  for (lxw_col_t col = 0; col < 4; ++col) sheet.text(kGameHeaderRow, col, headers[col], f.header);
  std::vector<double> widths(game.buckets.size(), 12.0);
  // A sold-out code has no cells: the days come from the first row that has them.
  const auto with_cells = std::find_if(game.rows.begin(), game.rows.end(), [](const auto& r) { return !r.cells.empty(); });
  for (std::size_t b = 0; b < game.buckets.size(); ++b) {
    const std::string name = b == 0 ? game.buckets[b] + " (now)" : game.buckets[b];
    sheet.text(kGameHeaderRow, kFirstBucketCol + static_cast<lxw_col_t>(b), name, f.header);
    widths[b] = std::max(widths[b], text_width(name));
    if (with_cells != game.rows.end() && b < with_cells->cells.size())
      sheet.text(kDaysRow, kFirstBucketCol + static_cast<lxw_col_t>(b), days_text(with_cells->cells[b]), f.days);
  }

  double code_width = 6, group_width = 8;
  lxw_row_t row = kFirstCodeRow;
  for (const auto& r : game.rows) {
    sheet.text(row, 0, r.price_code, f.code);
    sheet.text(row, 1, r.group);
    sheet.number(row, 2, r.remaining, f.count);
    sheet.number(row, 3, r.current_price, f.money_for(r.current_price));
    code_width = std::max(code_width, text_width(r.price_code));
    group_width = std::max(group_width, text_width(r.group));
    for (std::size_t b = 0; b < std::min(r.cells.size(), game.buckets.size()); ++b) {
      const GuideCell& c = r.cells[b];
      const bool has_current = r.current_price > 0;
      const std::string text = style::change_text(c.change, c.change_share, c.recommended_price, has_current);
      const auto format = cells.cell(render::change_direction(c.change),
                                     style::magnitude_band(c.change_share, c.large, has_current, t.large_change), c.fill);
      sheet.text(row, kFirstBucketCol + static_cast<lxw_col_t>(b), text, format);
      widths[b] = std::max(widths[b], text_width(text));
    }
    ++row;
  }

  // Why a cell has the fill it has: the orders behind it, in the same grid.
  row += 1;
  sheet.text(row++, 0, "Historical orders behind each cell (supported from " + std::to_string(t.min_support_orders) + ")",
             f.support_label);
  for (const auto& r : game.rows) {
    sheet.text(row, 0, r.price_code, f.support_label);
    for (std::size_t b = 0; b < std::min(r.cells.size(), game.buckets.size()); ++b)
      sheet.number(row, kFirstBucketCol + static_cast<lxw_col_t>(b), r.cells[b].support_orders, f.support);
    ++row;
  }

  sheet.width(0, 0, code_width);
  sheet.width(1, 1, group_width);
  sheet.width(2, 2, 7);
  sheet.width(3, 3, 11);
  for (std::size_t b = 0; b < widths.size(); ++b)
    sheet.width(kFirstBucketCol + static_cast<lxw_col_t>(b), kFirstBucketCol + static_cast<lxw_col_t>(b),
                std::min(widths[b], 30.0));
  worksheet_freeze_panes(sheet.get(), kFirstCodeRow, kFirstBucketCol);
  worksheet_set_landscape(sheet.get());
  worksheet_fit_to_pages(sheet.get(), 1, 0);
  xlsx::check(worksheet_repeat_rows(sheet.get(), kGameHeaderRow, kGameHeaderRow), "print titles");
}

}  // namespace

void write_guide_xlsx(const AdjustmentGuide& guide, const std::filesystem::path& file) {
  xlsx::Workbook wb(file);
  style::Formats cells(wb);
  const PlainFormats f = make_plain_formats(wb);

  // Names first, so the Summary can link to each game's sheet.
  xlsx::SheetNames names;
  const std::string summary_name = names.claim("Summary");
  std::map<std::string, std::string> sheet_of;
  std::vector<std::string> game_sheets;
  for (const auto& game : guide.games) {
    game_sheets.push_back(names.claim(game.game_id));
    sheet_of.emplace(game.game_id, game_sheets.back());
  }

  xlsx::Sheet summary = wb.add_sheet(summary_name);
  write_summary(summary, guide, sheet_of, cells, f);
  for (std::size_t g = 0; g < guide.games.size(); ++g) {
    xlsx::Sheet sheet = wb.add_sheet(game_sheets[g]);
    write_game(sheet, guide.games[g], guide.thresholds, cells, f);
  }
  wb.close();
}

}  // namespace seatsync
