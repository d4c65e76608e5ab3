#pragma once
// A thin C++ layer over libxlsxwriter for the analyst workbooks: every lxw_error becomes an
// exception naming the sheet and cell, and a workbook is written to a temporary file beside
// its target and renamed into place only once complete — an analyst never opens half a file.
#include <xlsxwriter.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seatsync::xlsx {

// Throws std::runtime_error("<what>: <libxlsxwriter's message>") unless `err` is LXW_NO_ERROR.
void check(lxw_error err, std::string_view what);

// "A1"-style reference of a 0-based cell; `absolute` gives "$A$1".
std::string cell_ref(lxw_row_t row, lxw_col_t col, bool absolute = false);
std::string col_name(lxw_col_t col);
// "A1:C9" (or "$A$1:$C$9").
std::string range_ref(lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row, lxw_col_t last_col,
                      bool absolute = false);

// Excel's sheet-name rules: no []:*?/\, no leading or trailing apostrophe, at most 31
// characters (UTF-16 units), not empty, not "History" (reserved). Returns a legal name built
// from `wanted`; uniqueness is the caller's (see SheetNames).
std::string legal_sheet_name(std::string_view wanted);

// Hands out legal sheet names that are unique ignoring case, as Excel compares them: a clash
// gets "~2", "~3", … appended (the base shortened to stay within 31 characters).
class SheetNames {
 public:
  std::string claim(std::string_view wanted);

 private:
  std::vector<std::string> taken_lower_;
};

// One worksheet; each write throws on error instead of returning a code.
class Sheet {
 public:
  Sheet(lxw_worksheet* ws, std::string name) : ws_(ws), name_(std::move(name)) {}
  lxw_worksheet* get() const { return ws_; }
  const std::string& name() const { return name_; }

  void text(lxw_row_t row, lxw_col_t col, std::string_view value, lxw_format* format = nullptr);
  void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format = nullptr);
  // The formula with the value it evaluates to, so readers that do not recalculate on load
  // (LibreOffice by default, viewers, previews) still show the right number.
  void formula(lxw_row_t row, lxw_col_t col, const std::string& formula, double value, lxw_format* format = nullptr);
  void date(lxw_row_t row, lxw_col_t col, int year, unsigned month, unsigned day, lxw_format* format);
  void link(lxw_row_t row, lxw_col_t col, const std::string& url, std::string_view text, lxw_format* format = nullptr);
  void blank(lxw_row_t row, lxw_col_t col, lxw_format* format);
  void width(lxw_col_t first, lxw_col_t last, double width, lxw_format* format = nullptr);
  // Columns hidden in an outline group (level 1): Excel shows a "+" to expand them.
  void hidden_group(lxw_col_t first, lxw_col_t last, double width);
  void height(lxw_row_t row, double height);

 private:
  std::string where(lxw_row_t row, lxw_col_t col) const;
  lxw_worksheet* ws_;
  std::string name_;
};

// An open workbook. close() writes it (temporary file, then rename over `target`); if the
// object dies without close() — an exception on the way — nothing is written and any
// temporary file is removed.
class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& target);
  ~Workbook();
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;

  lxw_workbook* get() const { return wb_; }
  Sheet add_sheet(const std::string& legal_name);
  lxw_format* add_format();
  // A workbook-wide name, e.g. define_name("Tier", "=Projection!$D$4"); formulas read better.
  void define_name(const std::string& name, const std::string& refers_to);
  void close();

 private:
  std::filesystem::path target_, temporary_;
  lxw_workbook* wb_ = nullptr;
};

// The look both workbooks share: grey notes, light grey header fills, a 14-point bold title,
// an italic grey note line and bold, centred column headers on the header fill with a rule below.
inline constexpr lxw_color_t kGrey = 0x7F7F7F, kHeaderFill = 0xF2F2F2;
lxw_format* add_title_format(Workbook& wb);
lxw_format* add_note_format(Workbook& wb);
lxw_format* add_header_format(Workbook& wb);

}  // namespace seatsync::xlsx
