#pragma once
// How a guide cell looks in the workbook: its text ("▲ $12 (+9%) → $142") and its colours.
// Text and colours are the HTML guide's (report/money_text.hpp, page_style.cpp), so a change
// reads the same in the browser and in Excel. Text colour says direction (green raise, red
// lower) and magnitude (three bands against the "large" threshold); the fill says how far to
// trust it (GuideCell::fill). The Summary's legend is drawn with these very formats.
#include <map>
#include <string>
#include <tuple>

#include "report/money_text.hpp"
#include "report/xlsx_util.hpp"
#include "seatsync/adjustment_guide.hpp"

namespace seatsync::guide_style {

using render::ChangeDirection;

// 0: under half the large threshold, 1: below it, 2: large. Without a current price there is no
// share to grade: 2 if large, else 1 (as the HTML guide grades it).
int magnitude_band(double change_share, bool large, bool has_current_price, double large_change);

// "▲ $12 (+9%) → $142", "▼ $8 (-6%) → $118", "= $0 → $130"; no percentage without a current price.
// The arrow carries the direction, so the cell reads right without its colour.
std::string change_text(double change, double change_share, double recommended, bool has_current_price);

// "$#,##0" for whole dollars, "$#,##0.00" otherwise (prefix "+" and "-" sections when signed).
std::string money_format(double amount, bool signed_amount);
bool has_cents(double amount);

// The workbook's formats for guide cells, made once per combination.
class Formats {
 public:
  explicit Formats(xlsx::Workbook& wb) : wb_(wb) {}
  lxw_format* cell(ChangeDirection dir, int band, GuideFill fill);
  // Numbers in the Summary: money change / percent change, coloured like a no-fill cell. Cents
  // only when the amount has them, as in the text cells.
  lxw_format* change_money(ChangeDirection dir, int band, double amount);
  lxw_format* change_percent(ChangeDirection dir, int band);

 private:
  lxw_format* coloured(ChangeDirection dir, int band, GuideFill fill, const char* num_format);
  xlsx::Workbook& wb_;
  std::map<std::tuple<int, int, int, std::string>, lxw_format*> made_;
};

}  // namespace seatsync::guide_style
