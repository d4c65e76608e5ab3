#include "report/guide_xlsx_style.hpp"

#include <cmath>

namespace seatsync::guide_style {
namespace {

// The HTML guide's colours (page_style.cpp). Text by band, faint → strong.
constexpr lxw_color_t kRaiseText[3] = {0x3D7A4A, 0x22703A, 0x10511F};
constexpr lxw_color_t kLowerText[3] = {0xB04A44, 0xA8281F, 0x7D1410};
constexpr lxw_color_t kFlatText = 0x6B6B6B;
// Fills. On the dark ones the text is white and bold: coloured text would not read there, and
// the fill itself already says the direction.
constexpr lxw_color_t kRaiseLight = 0xD8F0DD, kRaiseDark = 0x1F7A37;
constexpr lxw_color_t kLowerLight = 0xFADCD9, kLowerDark = 0xB3261E;
constexpr lxw_color_t kFlatLight = 0xECEEF1, kFlatDark = 0x6B6B6B;

}  // namespace

bool has_cents(double amount) { return std::llround(std::abs(amount) * 100.0) % 100 != 0; }

std::string money_format(double amount, bool signed_amount) {
  const std::string digits = has_cents(amount) ? "$#,##0.00" : "$#,##0";
  return signed_amount ? "+" + digits + ";-" + digits + ";" + digits : digits;
}

int magnitude_band(double change_share, bool large, bool has_current_price, double large_change) {
  if (large) return 2;
  if (!has_current_price) return 1;
  return std::abs(change_share) >= large_change / 2 ? 1 : 0;
}

std::string change_text(double change, double change_share, double recommended, bool has_current_price) {
  return render::format_change(change, change_share, has_current_price) + " → " + render::format_money(recommended);
}

lxw_format* Formats::coloured(ChangeDirection dir, int band, GuideFill fill, const char* num_format) {
  const auto key =
      std::make_tuple(static_cast<int>(dir), band, static_cast<int>(fill), std::string(num_format ? num_format : ""));
  if (auto it = made_.find(key); it != made_.end()) return it->second;
  lxw_format* f = wb_.add_format();
  const bool up = dir == ChangeDirection::up, down = dir == ChangeDirection::down;
  if (fill == GuideFill::dark) {
    format_set_bg_color(f, up ? kRaiseDark : down ? kLowerDark : kFlatDark);
    format_set_font_color(f, LXW_COLOR_WHITE);
    format_set_bold(f);
  } else {
    if (fill == GuideFill::light) format_set_bg_color(f, up ? kRaiseLight : down ? kLowerLight : kFlatLight);
    format_set_font_color(f, up ? kRaiseText[band] : down ? kLowerText[band] : kFlatText);
    if (band == 2 && (up || down)) format_set_bold(f);
  }
  if (num_format)
    format_set_num_format(f, num_format);
  else
    format_set_align(f, LXW_ALIGN_CENTER);  // a grid of text cells reads best centred
  made_[key] = f;
  return f;
}

lxw_format* Formats::cell(ChangeDirection dir, int band, GuideFill fill) { return coloured(dir, band, fill, nullptr); }

lxw_format* Formats::change_money(ChangeDirection dir, int band, double amount) {
  return coloured(dir, band, GuideFill::none, money_format(amount, true).c_str());
}

lxw_format* Formats::change_percent(ChangeDirection dir, int band) {
  return coloured(dir, band, GuideFill::none, "+0.0%;-0.0%;0.0%");
}

}  // namespace seatsync::guide_style
