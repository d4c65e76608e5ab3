// The Attendance Projection Sheet workbook (thesis 5.4, Figure 5-4).
//
// Sheet "Projection" (first, visible):
//   rows 1-2   title and how to use it
//   rows 4-6   yellow inputs in column D: Tier, Projection type, Confidence threshold
//   row 8      header: Code | Group | Current | Price (yellow input) | one column per bucket |
//              Total | Confident | Revenue
//   rows 9…    one row per price code; then a Total row and a Confident row
//   hidden, grouped columns to the right (the "+" above them expands them): the working —
//   tickets per bucket (the MATCH into the Demand Matrix row) and the orders behind each.
// Sheets "Matrices" and "Support" (hidden): one row per tier × code × bucket.
//
// A bucket cell shows its working column (Per bucket) or the running sum of them
// (Cumulative); keeping the MATCH in one place lets the totals, the confident totals and the
// grey "low confidence" formatting all read the per-bucket tickets without repeating it.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "report/projection_model.hpp"
#include "report/xlsx_util.hpp"

namespace seatsync {
namespace {

using xlsx::cell_ref;
using xlsx::range_ref;

// ---- Where everything is --------------------------------------------------------------------

constexpr lxw_row_t kTitleRow = 0, kHowToRow = 1, kTierRow = 3, kTypeRow = 4, kThresholdRow = 5, kHeaderRow = 7,
                    kFirstCodeRow = 8;
constexpr lxw_col_t kCodeCol = 0, kGroupCol = 1, kCurrentCol = 2, kPriceCol = 3, kFirstBucketCol = 4;
// Hidden sheets: explanation, tier list, note, header, then the rows.
constexpr lxw_row_t kTiersRow = 1, kMatrixHeaderRow = 3, kFirstMatrixRow = 4;
constexpr lxw_col_t kFirstQuantityCol = 4;

struct Layout {
  lxw_col_t buckets, codes;
  lxw_col_t bucket_col(lxw_col_t b) const { return kFirstBucketCol + b; }
  lxw_col_t total_col() const { return kFirstBucketCol + buckets; }
  lxw_col_t confident_col() const { return total_col() + 1; }
  lxw_col_t revenue_col() const { return total_col() + 2; }
  lxw_col_t tickets_col(lxw_col_t b) const { return total_col() + 4 + b; }  // one spare column between
  lxw_col_t orders_col(lxw_col_t b) const { return tickets_col(buckets) + b; }
  lxw_row_t code_row(lxw_col_t c) const { return kFirstCodeRow + c; }
  lxw_row_t total_row() const { return kFirstCodeRow + codes; }
  lxw_row_t confident_row() const { return total_row() + 1; }
  lxw_row_t last_code_row() const { return total_row() - 1; }
};

// ---- Formats -------------------------------------------------------------------------------

struct Formats {
  lxw_format *title, *how_to, *input_note, *label, *header, *input_number, *input_text, *input_money, *current_money, *code,
      *tickets, *total_label, *total_tickets, *revenue, *total_revenue, *low_confidence, *hidden_header,
      *matrix_price, *matrix_count;
};

using xlsx::kGrey;
constexpr lxw_color_t kInputFill = 0xFFF59D, kInputBorder = 0xBF9000, kLowConfidenceFill = 0xE7E6E6;

lxw_format* input_format(xlsx::Workbook& wb, const char* num_format) {
  lxw_format* f = wb.add_format();
  format_set_bg_color(f, kInputFill);
  format_set_border(f, LXW_BORDER_THIN);
  format_set_border_color(f, kInputBorder);
  format_set_bold(f);
  if (num_format) format_set_num_format(f, num_format);
  return f;
}

Formats make_formats(xlsx::Workbook& wb) {
  Formats f{};
  f.title = xlsx::add_title_format(wb);
  f.how_to = xlsx::add_note_format(wb);
  f.input_note = wb.add_format();  // beside an input: kept off the yellow box's edge
  format_set_italic(f.input_note);
  format_set_font_color(f.input_note, kGrey);
  format_set_indent(f.input_note, 1);
  f.label = wb.add_format();
  format_set_bold(f.label);
  f.header = xlsx::add_header_format(wb);
  format_set_text_wrap(f.header);
  f.hidden_header = wb.add_format();
  format_set_italic(f.hidden_header);
  format_set_font_color(f.hidden_header, kGrey);
  format_set_text_wrap(f.hidden_header);
  f.input_number = input_format(wb, "0");
  f.input_text = input_format(wb, nullptr);
  f.input_money = input_format(wb, "$#,##0.00");
  f.current_money = wb.add_format();
  format_set_num_format(f.current_money, "$#,##0.00");
  format_set_font_color(f.current_money, kGrey);
  f.code = wb.add_format();
  format_set_bold(f.code);
  f.tickets = wb.add_format();
  format_set_num_format(f.tickets, "#,##0");
  f.total_label = wb.add_format();
  format_set_bold(f.total_label);
  format_set_top(f.total_label, LXW_BORDER_THIN);
  f.total_tickets = wb.add_format();
  format_set_bold(f.total_tickets);
  format_set_top(f.total_tickets, LXW_BORDER_THIN);
  format_set_num_format(f.total_tickets, "#,##0");
  f.revenue = wb.add_format();
  format_set_num_format(f.revenue, "$#,##0");
  f.total_revenue = wb.add_format();
  format_set_bold(f.total_revenue);
  format_set_top(f.total_revenue, LXW_BORDER_THIN);
  format_set_num_format(f.total_revenue, "$#,##0");
  f.low_confidence = wb.add_format();  // conditional: only font and fill apply
  format_set_italic(f.low_confidence);
  format_set_font_color(f.low_confidence, kGrey);
  format_set_bg_color(f.low_confidence, kLowConfidenceFill);
  f.matrix_price = wb.add_format();
  format_set_num_format(f.matrix_price, "0.00");
  f.matrix_count = wb.add_format();
  format_set_num_format(f.matrix_count, "0");
  return f;
}

// ---- Hidden sheets ---------------------------------------------------------------------------

// One row per tier × code × bucket (row n of the data = the n-th in that order; formulas
// compute n from the Tier input and their own code and bucket).
template <typename Cell>
void write_matrix_rows(xlsx::Sheet& sheet, const ProjectionSheetInput& input, Eigen::Index width, const Formats& f,
                       const Cell& write_cell) {
  const char* headers[] = {"Row", "Tier", "Code", "Bucket"};
  for (lxw_col_t col = 0; col < 4; ++col) sheet.text(kMatrixHeaderRow, col, headers[col], f.header);
  for (Eigen::Index q = 0; q < width; ++q)
    sheet.number(kMatrixHeaderRow, kFirstQuantityCol + static_cast<lxw_col_t>(q), static_cast<double>(q + 1), f.header);
  lxw_row_t row = kFirstMatrixRow;
  for (std::size_t t = 0; t < input.tiers.size(); ++t)
    for (std::size_t c = 0; c < input.codes.size(); ++c)
      for (std::size_t b = 0; b < input.buckets.size(); ++b, ++row) {
        sheet.number(row, 0, row - kFirstMatrixRow + 1);
        sheet.number(row, 1, input.tiers[t]);
        sheet.text(row, 2, input.codes[c]);
        sheet.text(row, 3, input.buckets[b]);
        for (Eigen::Index q = 0; q < width; ++q)
          write_cell(row, kFirstQuantityCol + static_cast<lxw_col_t>(q), t, c, static_cast<Eigen::Index>(b), q);
      }
  sheet.width(0, 1, 6);
  sheet.width(2, 3, 12);
  sheet.width(kFirstQuantityCol, kFirstQuantityCol + static_cast<lxw_col_t>(width) - 1, 8);
  worksheet_freeze_panes(sheet.get(), kFirstMatrixRow, kFirstQuantityCol);
  worksheet_hide(sheet.get());
}

// The data range of a hidden sheet (quantity columns of every row), for INDEX.
std::string rows_range(const std::string& sheet, const ProjectionSheetInput& input, Eigen::Index width) {
  const auto rows = static_cast<lxw_row_t>(input.tiers.size() * input.codes.size() * input.buckets.size());
  return sheet + "!" +
         range_ref(kFirstMatrixRow, kFirstQuantityCol, kFirstMatrixRow + rows - 1,
                   kFirstQuantityCol + static_cast<lxw_col_t>(width) - 1, true);
}

void write_matrices_sheet(xlsx::Workbook& wb, const ProjectionSheetInput& input, Eigen::Index width,
                          const Formats& f) {
  xlsx::Sheet sheet = wb.add_sheet("Matrices");
  sheet.text(0, 0,
             "Completed Demand Matrices: one row per tier × code × bucket; the column under quantity q holds the "
             "price per ticket at which q tickets sell in that bucket. Each row never increases to the right, so "
             "MATCH(price, row, -1) is the most tickets that still sell at that price.",
             f.how_to);
  sheet.text(kTiersRow, 0, "Tiers", f.label);
  for (std::size_t t = 0; t < input.tiers.size(); ++t)
    sheet.number(kTiersRow, 1 + static_cast<lxw_col_t>(t), input.tiers[t]);
  sheet.text(2, 0,
             fmt::format("{} = beyond this matrix's largest quantity (no price sells that many).", kBeyondMatrix),
             f.how_to);
  std::vector<std::vector<Eigen::MatrixXd>> rows(input.tiers.size());
  for (std::size_t t = 0; t < input.tiers.size(); ++t)
    for (const auto& m : input.prices[t]) rows[t].push_back(sheet_price_rows(m, width));
  write_matrix_rows(sheet, input, width, f, [&](lxw_row_t r, lxw_col_t col, std::size_t t, std::size_t c, Eigen::Index b, Eigen::Index q) {
    sheet.number(r, col, rows[t][c](b, q), f.matrix_price);
  });
  wb.define_name("Tiers", "=Matrices!" + range_ref(kTiersRow, 1, kTiersRow, static_cast<lxw_col_t>(input.tiers.size()), true));
  wb.define_name("PriceRows", fmt::format("={}", rows_range("Matrices", input, width)));
}

void write_support_sheet(xlsx::Workbook& wb, const ProjectionSheetInput& input, Eigen::Index width,
                         const Formats& f) {
  xlsx::Sheet sheet = wb.add_sheet("Support");
  sheet.text(0, 0,
             "Historical orders behind each cell of the Demand Matrices (same rows and columns as Matrices). "
             "A projection is confident when the cell its price matched has at least the threshold.",
             f.how_to);
  sheet.text(2, 0, "0 = beyond this matrix's largest quantity.", f.how_to);
  write_matrix_rows(sheet, input, width, f, [&](lxw_row_t r, lxw_col_t col, std::size_t t, std::size_t c, Eigen::Index b, Eigen::Index q) {
    const auto& s = input.support[t][c];
    sheet.number(r, col, b < s.rows() && q < s.cols() ? s(b, q) : 0, f.matrix_count);
  });
  wb.define_name("SupportRows", fmt::format("={}", rows_range("Support", input, width)));
}

// ---- The Projection sheet ------------------------------------------------------------------

void validate_cell(xlsx::Sheet& sheet, lxw_row_t first, lxw_row_t last, lxw_col_t col, lxw_data_validation dv,
                   const char* title, const char* message) {
  dv.input_title = const_cast<char*>(title);
  dv.input_message = const_cast<char*>(message);
  xlsx::check(worksheet_data_validation_range(sheet.get(), first, col, last, col, &dv),
              "data validation on " + sheet.name() + "!" + cell_ref(first, col));
}

void write_inputs(xlsx::Sheet& sheet, const ProjectionSheetInput& input, ProjectionType type, const Layout& at,
                  const Formats& f) {
  sheet.text(kTitleRow, 0, input.title, f.title);
  sheet.text(kHowToRow, 0,
             "Yellow cells are yours to change. Each bucket shows the most tickets that sell in it at the code's "
             "price, looked up in the tier's completed Demand Matrices; grey italic = too few historical orders "
             "behind it.",
             f.how_to);
  std::string tiers;
  for (int t : input.tiers) tiers += (tiers.empty() ? "" : ", ") + std::to_string(t);
  sheet.text(kTierRow, 0, "Tier", f.label);
  sheet.number(kTierRow, kPriceCol, input.tier, f.input_number);
  sheet.text(kTierRow, kPriceCol + 1, "the game's tier; Demand Matrices exist for tiers " + tiers, f.input_note);
  sheet.text(kTypeRow, 0, "Projection type", f.label);
  sheet.text(kTypeRow, kPriceCol, to_string(type), f.input_text);
  sheet.text(kTypeRow, kPriceCol + 1, "Per bucket: tickets each bucket sells · Cumulative: running total from the first bucket",
             f.input_note);
  sheet.text(kThresholdRow, 0, "Confidence threshold", f.label);
  sheet.number(kThresholdRow, kPriceCol, input.confidence_threshold, f.input_number);
  sheet.text(kThresholdRow, kPriceCol + 1,
             "historical orders behind a projection for it to count as confident (fewer: grey italic)", f.input_note);

  lxw_data_validation tier{};
  tier.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
  std::string tier_list = "=Tiers";
  tier.value_formula = tier_list.data();
  validate_cell(sheet, kTierRow, kTierRow, kPriceCol, tier, "Tier", "Pick the tier whose Demand Matrices to use.");

  lxw_data_validation kind{};
  kind.validate = LXW_VALIDATION_TYPE_LIST;
  std::string per_bucket(to_string(ProjectionType::per_bucket)), cumulative(to_string(ProjectionType::cumulative));
  char* kinds[] = {per_bucket.data(), cumulative.data(), nullptr};
  kind.value_list = kinds;
  validate_cell(sheet, kTypeRow, kTypeRow, kPriceCol, kind, "Projection type",
                "Per bucket: tickets sold in each bucket. Cumulative: running total since the first bucket.");

  lxw_data_validation threshold{};
  threshold.validate = LXW_VALIDATION_TYPE_INTEGER;
  threshold.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
  threshold.value_number = 0;
  validate_cell(sheet, kThresholdRow, kThresholdRow, kPriceCol, threshold, "Confidence threshold",
                "Historical orders (a whole number, 0 or more) behind a projection for it to count as confident.");

  if (at.codes > 0) {
    lxw_data_validation price{};
    price.validate = LXW_VALIDATION_TYPE_DECIMAL;
    price.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
    price.value_number = 0;
    validate_cell(sheet, at.code_row(0), at.last_code_row(), kPriceCol, price, "Price per ticket",
                  "Try a price: the projections to the right follow it.");
  }
}

void write_header(xlsx::Sheet& sheet, const ProjectionSheetInput& input, const Layout& at, const Formats& f) {
  const char* fixed[] = {"Code", "Group", "Current", "Price"};
  for (lxw_col_t col = 0; col < 4; ++col) sheet.text(kHeaderRow, col, fixed[col], f.header);
  for (lxw_col_t b = 0; b < at.buckets; ++b) {
    sheet.text(kHeaderRow, at.bucket_col(b), input.buckets[b], f.header);
    sheet.text(kHeaderRow, at.tickets_col(b), "Tickets · " + input.buckets[b], f.hidden_header);
    sheet.text(kHeaderRow, at.orders_col(b), "Orders · " + input.buckets[b], f.hidden_header);
  }
  sheet.text(kHeaderRow, at.total_col(), "Total", f.header);
  sheet.text(kHeaderRow, at.confident_col(), "Confident", f.header);
  sheet.text(kHeaderRow, at.revenue_col(), "Revenue", f.header);
  sheet.text(kHeaderRow - 1, at.tickets_col(0), "Working: tickets per bucket, and the orders behind each", f.how_to);
}

// The row of PriceRows / SupportRows holding this code and bucket for the chosen tier.
std::string matrix_row(const Layout& at, lxw_col_t code, lxw_col_t bucket) {
  return fmt::format("(MATCH(Tier,Tiers,0)-1)*{}+{}", at.codes * at.buckets, code * at.buckets + bucket + 1);
}

void write_code_rows(xlsx::Sheet& sheet, const ProjectionSheetInput& input, const Layout& at,
                     const ProjectionModel& v, const Formats& f) {
  const std::string cumulative = fmt::format("ProjectionType=\"{}\"", to_string(ProjectionType::cumulative));
  for (lxw_col_t c = 0; c < at.codes; ++c) {
    const lxw_row_t r = at.code_row(c);
    sheet.text(r, kCodeCol, input.codes[c], f.code);
    sheet.text(r, kGroupCol, input.groups[c]);
    sheet.number(r, kCurrentCol, cents(input.current_prices[c]), f.current_money);
    sheet.number(r, kPriceCol, cents(input.current_prices[c]), f.input_money);
    const std::string price = fmt::format("${}", cell_ref(r, kPriceCol));  // column fixed: copies stay on Price
    for (lxw_col_t b = 0; b < at.buckets; ++b) {
      const std::string tickets = cell_ref(r, at.tickets_col(b));
      sheet.formula(r, at.tickets_col(b),
                    fmt::format("IFERROR(MATCH({},INDEX(PriceRows,{},0),-1),0)", price, matrix_row(at, c, b)),
                    v.tickets(c, b), f.tickets);
      sheet.formula(r, at.orders_col(b),
                    fmt::format("IFERROR(INDEX(SupportRows,{},MAX(1,{})),0)", matrix_row(at, c, b), tickets),
                    v.support(c, b), f.tickets);
      const std::string running = fmt::format("${}:{}", cell_ref(r, at.tickets_col(0)), tickets);
      sheet.formula(r, at.bucket_col(b), fmt::format("IF({},SUM({}),{})", cumulative, running, tickets), v.shown(c, b),
                    f.tickets);
    }
    const std::string tickets_row = range_ref(r, at.tickets_col(0), r, at.tickets_col(at.buckets - 1));
    const std::string orders_row = range_ref(r, at.orders_col(0), r, at.orders_col(at.buckets - 1));
    sheet.formula(r, at.total_col(), "SUM(" + tickets_row + ")", v.code_total(c), f.tickets);
    sheet.formula(r, at.confident_col(), fmt::format("SUMIF({},\">=\"&ConfidenceThreshold,{})", orders_row, tickets_row),
                  v.code_confident(c), f.tickets);
    sheet.formula(r, at.revenue_col(), price + "*" + cell_ref(r, at.total_col()), v.code_revenue(c), f.revenue);
  }
}

void write_totals(xlsx::Sheet& sheet, const Layout& at, const ProjectionModel& v, const Formats& f) {
  const lxw_row_t first = at.code_row(0), last = at.last_code_row(), total = at.total_row(), conf = at.confident_row();
  const std::string cumulative = fmt::format("ProjectionType=\"{}\"", to_string(ProjectionType::cumulative));
  sheet.text(total, kCodeCol, "Total", f.total_label);
  sheet.text(conf, kCodeCol, "Confident", f.label);
  for (lxw_col_t col = kGroupCol; col <= kPriceCol; ++col) sheet.blank(total, col, f.total_label);
  auto column_sum = [&](lxw_col_t col) { return at.codes ? "SUM(" + range_ref(first, col, last, col) + ")" : std::string("0"); };
  for (lxw_col_t b = 0; b < at.buckets; ++b) {
    sheet.formula(total, at.bucket_col(b), column_sum(at.bucket_col(b)), v.bucket_total(b), f.total_tickets);
    auto confident = [&](lxw_col_t from) {
      return at.codes ? fmt::format("SUMIF({},\">=\"&ConfidenceThreshold,{})",
                                    range_ref(first, at.orders_col(from), last, at.orders_col(b), false),
                                    range_ref(first, at.tickets_col(from), last, at.tickets_col(b), false))
                      : std::string("0");
    };
    sheet.formula(conf, at.bucket_col(b), fmt::format("IF({},{},{})", cumulative, confident(0), confident(b)),
                  v.bucket_confident(b), f.tickets);
  }
  sheet.formula(total, at.total_col(), column_sum(at.total_col()), v.total, f.total_tickets);
  sheet.formula(total, at.confident_col(), column_sum(at.confident_col()), v.confident, f.total_tickets);
  sheet.formula(total, at.revenue_col(), column_sum(at.revenue_col()), v.revenue, f.total_revenue);
  sheet.formula(conf, at.total_col(), cell_ref(total, at.confident_col()), v.confident, f.tickets);
}

// Grey italic where the orders behind a projection fall short of the threshold; a running
// total (Cumulative) is only as sure as its least supported bucket.
void write_confidence_highlight(xlsx::Sheet& sheet, const Layout& at, const Formats& f) {
  if (at.codes == 0) return;
  const lxw_row_t first = at.code_row(0);
  const std::string own = cell_ref(first, at.orders_col(0)), least = "MIN($" + own + ":" + own + ")";
  // Relative to the range's top-left cell: column by column, the bucket's own orders column.
  const std::string rule = fmt::format("IF(ProjectionType=\"{}\",{},{})<ConfidenceThreshold",
                                       to_string(ProjectionType::cumulative), least, own);
  std::string formula = "=" + rule;
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
  cf.value_string = formula.data();
  cf.format = f.low_confidence;
  xlsx::check(worksheet_conditional_format_range(sheet.get(), first, at.bucket_col(0), at.last_code_row(),
                                                 at.bucket_col(at.buckets - 1), &cf),
              "conditional format on " + sheet.name());
}

void write_projection(xlsx::Workbook& wb, const ProjectionSheetInput& input, ProjectionType type,
                      const ProjectionModel& v, const Formats& f) {
  const Layout at{static_cast<lxw_col_t>(input.buckets.size()), static_cast<lxw_col_t>(input.codes.size())};
  xlsx::Sheet sheet = wb.add_sheet("Projection");
  wb.define_name("Tier", "=Projection!" + cell_ref(kTierRow, kPriceCol, true));
  wb.define_name("ProjectionType", "=Projection!" + cell_ref(kTypeRow, kPriceCol, true));
  wb.define_name("ConfidenceThreshold", "=Projection!" + cell_ref(kThresholdRow, kPriceCol, true));
  write_inputs(sheet, input, type, at, f);
  write_header(sheet, input, at, f);
  write_code_rows(sheet, input, at, v, f);
  write_totals(sheet, at, v, f);
  write_confidence_highlight(sheet, at, f);

  std::size_t code_width = 6, group_width = 8, bucket_width = 8;
  for (const auto& c : input.codes) code_width = std::max(code_width, c.size() + 2);
  for (const auto& g : input.groups) group_width = std::max(group_width, g.size() + 2);
  for (const auto& b : input.buckets) bucket_width = std::max(bucket_width, b.size() + 2);
  sheet.width(kCodeCol, kCodeCol, static_cast<double>(code_width));
  sheet.width(kGroupCol, kGroupCol, static_cast<double>(group_width));
  sheet.width(kCurrentCol, kPriceCol, 11);
  sheet.width(at.bucket_col(0), at.bucket_col(at.buckets - 1), static_cast<double>(std::min<std::size_t>(bucket_width, 16)));
  sheet.width(at.total_col(), at.confident_col(), 10);
  sheet.width(at.revenue_col(), at.revenue_col(), 12);
  sheet.hidden_group(at.tickets_col(0), at.orders_col(at.buckets - 1), 10);
  sheet.height(kHeaderRow, 30);
  worksheet_freeze_panes(sheet.get(), kFirstCodeRow, kFirstBucketCol);
  worksheet_set_landscape(sheet.get());
  worksheet_fit_to_pages(sheet.get(), 1, 0);
  xlsx::check(worksheet_repeat_rows(sheet.get(), kHeaderRow, kHeaderRow), "print titles");
  worksheet_activate(sheet.get());
}

}  // namespace

void write_projection_workbook(const ProjectionSheetInput& input, ProjectionType type, const ProjectionModel& cached,
                               const std::filesystem::path& file) {
  validate_projection_input(input);
  const auto codes = static_cast<Eigen::Index>(input.codes.size()), buckets = static_cast<Eigen::Index>(input.buckets.size());
  if (cached.tickets.rows() != codes || cached.tickets.cols() != buckets || cached.shown.rows() != codes ||
      cached.shown.cols() != buckets || cached.support.rows() != codes || cached.support.cols() != buckets ||
      cached.code_total.size() != codes || cached.bucket_total.size() != buckets)
    throw std::invalid_argument("projection sheet: the cached values do not have the sheet's codes × buckets shape");
  const Eigen::Index width = sheet_width(input);
  xlsx::Workbook wb(file);
  const Formats f = make_formats(wb);
  write_projection(wb, input, type, cached, f);  // first: the sheet the analyst opens
  write_matrices_sheet(wb, input, width, f);
  write_support_sheet(wb, input, width, f);
  wb.close();
}

void write_projection_sheet(const ProjectionSheetInput& input, const std::filesystem::path& file) {
  write_projection_workbook(input, ProjectionType::per_bucket, compute_projection(input, ProjectionType::per_bucket),
                            file);
}

}  // namespace seatsync
