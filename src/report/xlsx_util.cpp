#include "report/xlsx_util.hpp"

#include <algorithm>
#include <stdexcept>
#include <system_error>

#include "seatsync/atomic_file.hpp"

namespace seatsync::xlsx {
namespace fs = std::filesystem;

void check(lxw_error err, std::string_view what) {
  if (err != LXW_NO_ERROR) throw std::runtime_error(std::string(what) + ": " + lxw_strerror(err));
}

std::string col_name(lxw_col_t col) {
  std::string name;
  for (unsigned n = col + 1u; n > 0; n = (n - 1) / 26) name.insert(name.begin(), static_cast<char>('A' + (n - 1) % 26));
  return name;
}

std::string cell_ref(lxw_row_t row, lxw_col_t col, bool absolute) {
  const std::string dollar = absolute ? "$" : "";
  return dollar + col_name(col) + dollar + std::to_string(row + 1);
}

std::string range_ref(lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col,
                      bool absolute) {
  return cell_ref(first_row, first_col, absolute) + ":" + cell_ref(last_row, last_col, absolute);
}

namespace {

// Bytes in the UTF-8 sequence that starts with `lead` (1 for stray continuation bytes, so a
// malformed name still advances).
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Excel counts sheet-name length in UTF-16 units: characters beyond the BMP take two.
// The longest prefix of whole characters within `max_units` UTF-16 units.
std::string truncate_units(std::string_view s, std::size_t max_units) {
  std::size_t units = 0, i = 0;
  while (i < s.size()) {
    const std::size_t len = utf8_length(static_cast<unsigned char>(s[i]));
    const std::size_t u = len == 4 ? 2 : 1;
    if (units + u > max_units || i + len > s.size()) break;
    units += u;
    i += len;
  }
  return std::string(s.substr(0, i));
}

std::string lower_ascii(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

std::string strip_apostrophes(std::string s) {
  while (!s.empty() && s.front() == '\'') s.erase(s.begin());
  while (!s.empty() && s.back() == '\'') s.pop_back();
  return s;
}

}  // namespace

std::string legal_sheet_name(std::string_view wanted) {
  std::string name;
  for (char ch : wanted) {
    const bool forbidden = std::string_view("[]:*?/\\").find(ch) != std::string_view::npos ||
                           (static_cast<unsigned char>(ch) < 0x20);
    name += forbidden ? '_' : ch;
  }
  name = strip_apostrophes(truncate_units(strip_apostrophes(name), LXW_SHEETNAME_MAX));
  if (name.empty()) name = "Sheet";
  if (lower_ascii(name) == "history") name += "_";  // Excel reserves "History"
  return name;
}

std::string SheetNames::claim(std::string_view wanted) {
  const std::string base = legal_sheet_name(wanted);
  std::string name = base;
  for (int n = 2; std::find(taken_lower_.begin(), taken_lower_.end(), lower_ascii(name)) != taken_lower_.end(); ++n) {
    std::string suffix = "~";  // appended: GCC 12 warns falsely on "literal" + string
    suffix += std::to_string(n);
    name = truncate_units(base, LXW_SHEETNAME_MAX - suffix.size()) + suffix;
  }
  taken_lower_.push_back(lower_ascii(name));
  return name;
}

// ---- Sheet --------------------------------------------------------------------------------

std::string Sheet::where(lxw_row_t row, lxw_col_t col) const { return "sheet '" + name_ + "' cell " + cell_ref(row, col); }

void Sheet::text(lxw_row_t row, lxw_col_t col, std::string_view value, lxw_format* format) {
  check(worksheet_write_string(ws_, row, col, std::string(value).c_str(), format), where(row, col));
}

void Sheet::number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format) {
  check(worksheet_write_number(ws_, row, col, value, format), where(row, col));
}

void Sheet::formula(lxw_row_t row, lxw_col_t col, const std::string& formula, double value, lxw_format* format) {
  check(worksheet_write_formula_num(ws_, row, col, formula.c_str(), format, value), where(row, col));
}

void Sheet::date(lxw_row_t row, lxw_col_t col, int year, unsigned month, unsigned day, lxw_format* format) {
  lxw_datetime dt{year, static_cast<int>(month), static_cast<int>(day), 0, 0, 0.0};
  check(worksheet_write_datetime(ws_, row, col, &dt, format), where(row, col));
}

void Sheet::link(lxw_row_t row, lxw_col_t col, const std::string& url, std::string_view text, lxw_format* format) {
  check(worksheet_write_url_opt(ws_, row, col, url.c_str(), format, std::string(text).c_str(), nullptr),
        where(row, col));
}

void Sheet::blank(lxw_row_t row, lxw_col_t col, lxw_format* format) {
  check(worksheet_write_blank(ws_, row, col, format), where(row, col));
}

void Sheet::width(lxw_col_t first, lxw_col_t last, double width, lxw_format* format) {
  check(worksheet_set_column(ws_, first, last, width, format), "sheet '" + name_ + "' column width");
}

void Sheet::hidden_group(lxw_col_t first, lxw_col_t last, double width) {
  lxw_row_col_options options{1, 1, 0};
  check(worksheet_set_column_opt(ws_, first, last, width, nullptr, &options), "sheet '" + name_ + "' hidden columns");
}

void Sheet::height(lxw_row_t row, double height) {
  check(worksheet_set_row(ws_, row, height, nullptr), "sheet '" + name_ + "' row height");
}

// ---- Workbook -----------------------------------------------------------------------------

Workbook::Workbook(const fs::path& target) : target_(target) {
  if (target_.has_parent_path()) fs::create_directories(target_.parent_path());
  temporary_ = temporary_beside(target_);
  wb_ = workbook_new(temporary_.c_str());
  if (!wb_) throw std::runtime_error("cannot start workbook " + target_.string());
}

Workbook::~Workbook() {
  if (!wb_) return;
  lxw_workbook_free(wb_);  // nothing reached the disk: libxlsxwriter writes only on close
  std::error_code ignored;
  fs::remove(temporary_, ignored);
}

Sheet Workbook::add_sheet(const std::string& legal_name) {
  lxw_worksheet* ws = workbook_add_worksheet(wb_, legal_name.c_str());
  if (!ws) throw std::runtime_error("cannot add sheet '" + legal_name + "' to " + target_.string());
  return Sheet(ws, legal_name);
}

lxw_format* Workbook::add_format() {
  lxw_format* format = workbook_add_format(wb_);
  if (!format) throw std::runtime_error("cannot add a cell format to " + target_.string());
  return format;
}

void Workbook::define_name(const std::string& name, const std::string& refers_to) {
  check(workbook_define_name(wb_, name.c_str(), refers_to.c_str()), "defined name " + name);
}

void Workbook::close() {
  lxw_workbook* wb = wb_;
  wb_ = nullptr;  // workbook_close frees it whatever happens
  try {
    check(workbook_close(wb), "writing " + target_.string());
    commit_temporary(temporary_, target_);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary_, ignored);
    throw;
  }
}

lxw_format* add_title_format(Workbook& wb) {
  lxw_format* f = wb.add_format();
  format_set_bold(f);
  format_set_font_size(f, 14);
  return f;
}

lxw_format* add_header_format(Workbook& wb) {
  lxw_format* f = wb.add_format();
  format_set_bold(f);
  format_set_bg_color(f, kHeaderFill);
  format_set_bottom(f, LXW_BORDER_THIN);
  format_set_align(f, LXW_ALIGN_CENTER);
  return f;
}

lxw_format* add_note_format(Workbook& wb) {
  lxw_format* f = wb.add_format();
  format_set_italic(f);
  format_set_font_color(f, kGrey);
  return f;
}

}  // namespace seatsync::xlsx
