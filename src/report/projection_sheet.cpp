// The Attendance Projection Sheet workbook (thesis 5.4, Figure 5-4).
//
// Sheet "Projection" (first, visible):
//   rows 1-2   title and how to use it
//   rows 4-6   yellow inputs in column E: Tier, Projection type, Confidence threshold
//   row 8      header: Code | Group | Seats left | Current | Price (yellow input) | one column
//              per bucket | Total | Confident | Revenue | a price per bucket (yellow, following
//              Price unless typed over)
//   rows 9…    one row per price code; then a Total row and a Confident row
//   hidden, grouped columns to the right (the "+" above them expands them): the working —
//   tickets per bucket (the planner's demand at the bucket's price, capped at the seats the
//   buckets before leave) and the historical orders behind each.
// Sheet "Demand" (hidden): the planner's demand, one row per tier × code × bucket.
//
// Buckets already past are blank: they sell nothing more. A bucket cell shows its working
// column (Per bucket) or the running sum of them (Cumulative); keeping the demand formula in
// one place lets the totals, the confident totals and the grey "low confidence" formatting all
// read the per-bucket tickets without repeating it.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
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
constexpr lxw_col_t kCodeCol = 0, kGroupCol = 1, kSeatsCol = 2, kCurrentCol = 3, kPriceCol = 4, kFirstBucketCol = 5;
// The hidden Demand sheet: explanation, tier list, header, then the rows; its columns.
constexpr lxw_row_t kTiersRow = 1, kDemandHeaderRow = 3, kFirstDemandRow = 4;
constexpr lxw_col_t kFirstDemandCol = 4;  // orders, median WTP, sigma, order size, support
enum DemandField : int { kOrders = 1, kMedian, kSigma, kSize, kSupport };

struct Layout {
  lxw_col_t buckets, codes, first;  // first: the first bucket still ahead
  lxw_col_t bucket_col(lxw_col_t b) const { return kFirstBucketCol + b; }
  lxw_col_t total_col() const { return kFirstBucketCol + buckets; }
  lxw_col_t confident_col() const { return total_col() + 1; }
  lxw_col_t revenue_col() const { return total_col() + 2; }
  lxw_col_t price_col(lxw_col_t b) const { return total_col() + 4 + b; }  // one spare column between
  lxw_col_t tickets_col(lxw_col_t b) const { return price_col(buckets) + 1 + b; }  // and another
  lxw_col_t orders_col(lxw_col_t b) const { return tickets_col(buckets) + b; }
  lxw_row_t code_row(lxw_col_t c) const { return kFirstCodeRow + c; }
  lxw_row_t total_row() const { return kFirstCodeRow + codes; }
  lxw_row_t confident_row() const { return total_row() + 1; }
  lxw_row_t last_code_row() const { return total_row() - 1; }
};

// ---- Formats -------------------------------------------------------------------------------

struct Formats {
  lxw_format *title, *how_to, *input_note, *label, *header, *input_number, *input_text, *input_money, *current_money, *code,
      *tickets, *seats, *total_label, *total_tickets, *revenue, *total_revenue, *low_confidence, *hidden_header,
      *demand_value, *demand_count;
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
  // Expected tickets are fractional, as the planner's are: one decimal shows it.
  f.tickets = wb.add_format();
  format_set_num_format(f.tickets, "#,##0.0");
  f.seats = wb.add_format();
  format_set_num_format(f.seats, "#,##0");
  f.total_label = wb.add_format();
  format_set_bold(f.total_label);
  format_set_top(f.total_label, LXW_BORDER_THIN);
  f.total_tickets = wb.add_format();
  format_set_bold(f.total_tickets);
  format_set_top(f.total_tickets, LXW_BORDER_THIN);
  format_set_num_format(f.total_tickets, "#,##0.0");
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
  f.demand_value = wb.add_format();
  format_set_num_format(f.demand_value, "0.00");
  f.demand_count = wb.add_format();
  format_set_num_format(f.demand_count, "0");
  return f;
}

// ---- The hidden Demand sheet -----------------------------------------------------------------

void write_demand_sheet(xlsx::Workbook& wb, const ProjectionSheetInput& input, const Formats& f) {
  xlsx::Sheet sheet = wb.add_sheet("Demand");
  sheet.text(0, 0,
             "The planner's demand model, one row per tier × code × bucket: orders expected to arrive in the part of "
             "the bucket still ahead (0 when it is past), their median willingness to pay and its lognormal spread, "
             "and the average tickets per order. Tickets at price p = Orders × Tickets per order × "
             "(1 − NORMSDIST((LN(p) − LN(Median WTP)) / WTP spread)).",
             f.how_to);
  sheet.text(kTiersRow, 0, "Tiers", f.label);
  for (std::size_t t = 0; t < input.tiers.size(); ++t)
    sheet.number(kTiersRow, 1 + static_cast<lxw_col_t>(t), input.tiers[t]);
  const char* headers[] = {"Row",        "Tier",       "Code",       "Bucket",           "Orders ahead",
                           "Median WTP", "WTP spread", "Tickets per order", "Historical orders"};
  for (lxw_col_t col = 0; col < 9; ++col) sheet.text(kDemandHeaderRow, col, headers[col], f.header);
  lxw_row_t row = kFirstDemandRow;
  for (std::size_t t = 0; t < input.tiers.size(); ++t)
    for (std::size_t c = 0; c < input.codes.size(); ++c)
      for (std::size_t b = 0; b < input.buckets.size(); ++b, ++row) {
        const BucketDemandCell& d = input.demand[t][c][b];
        sheet.number(row, 0, row - kFirstDemandRow + 1);
        sheet.number(row, 1, input.tiers[t]);
        sheet.text(row, 2, input.codes[c]);
        sheet.text(row, 3, input.buckets[b]);
        sheet.number(row, kFirstDemandCol + kOrders - 1, d.orders, f.demand_value);
        sheet.number(row, kFirstDemandCol + kMedian - 1, d.median_wtp, f.demand_value);
        sheet.number(row, kFirstDemandCol + kSigma - 1, d.wtp_sigma, f.demand_value);
        sheet.number(row, kFirstDemandCol + kSize - 1, d.mean_order_size, f.demand_value);
        sheet.number(row, kFirstDemandCol + kSupport - 1, d.support, f.demand_count);
      }
  sheet.width(0, 1, 6);
  sheet.width(2, 3, 12);
  sheet.width(kFirstDemandCol, kFirstDemandCol + kSupport - 1, 14);
  worksheet_freeze_panes(sheet.get(), kFirstDemandRow, kFirstDemandCol);
  worksheet_hide(sheet.get());
  wb.define_name("Tiers", "=Demand!" + range_ref(kTiersRow, 1, kTiersRow, static_cast<lxw_col_t>(input.tiers.size()), true));
  wb.define_name("DemandRows", "=Demand!" + range_ref(kFirstDemandRow, kFirstDemandCol, row - 1,
                                                      kFirstDemandCol + kSupport - 1, true));
}

// ---- The Projection sheet ------------------------------------------------------------------

void validate_cells(xlsx::Sheet& sheet, lxw_row_t first_row, lxw_col_t first_col, lxw_row_t last_row,
                    lxw_col_t last_col, lxw_data_validation dv, const char* title, const char* message) {
  dv.input_title = const_cast<char*>(title);
  dv.input_message = const_cast<char*>(message);
  xlsx::check(worksheet_data_validation_range(sheet.get(), first_row, first_col, last_row, last_col, &dv),
              "data validation on " + sheet.name() + "!" + cell_ref(first_row, first_col));
}

void validate_cell(xlsx::Sheet& sheet, lxw_row_t first, lxw_row_t last, lxw_col_t col, lxw_data_validation dv,
                   const char* title, const char* message) {
  validate_cells(sheet, first, col, last, col, dv, title, message);
}

void write_inputs(xlsx::Sheet& sheet, const ProjectionSheetInput& input, ProjectionType type, const Layout& at,
                  const Formats& f) {
  sheet.text(kTitleRow, 0, input.title, f.title);
  sheet.text(kHowToRow, 0,
             "Yellow cells are yours to change. Each bucket still ahead shows the tickets expected to sell in it at "
             "the code's price (or the bucket's own price, to the right), by the planner's demand model, never more "
             "than the seats left; past buckets are blank; grey italic = too few historical orders behind it.",
             f.how_to);
  std::string tiers;
  for (int t : input.tiers) tiers += (tiers.empty() ? "" : ", ") + std::to_string(t);
  sheet.text(kTierRow, 0, "Tier", f.label);
  sheet.number(kTierRow, kPriceCol, input.tier, f.input_number);
  sheet.text(kTierRow, kPriceCol + 1, "the game's tier; the data have sales for tiers " + tiers, f.input_note);
  sheet.text(kTypeRow, 0, "Projection type", f.label);
  sheet.text(kTypeRow, kPriceCol, to_string(type), f.input_text);
  sheet.text(kTypeRow, kPriceCol + 1, "Per bucket: tickets each bucket sells · Cumulative: running total from today",
             f.input_note);
  sheet.text(kThresholdRow, 0, "Confidence threshold", f.label);
  sheet.number(kThresholdRow, kPriceCol, input.confidence_threshold, f.input_number);
  sheet.text(kThresholdRow, kPriceCol + 1,
             "historical orders behind a projection for it to count as confident (fewer: grey italic)", f.input_note);

  lxw_data_validation tier{};
  tier.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
  std::string tier_list = "=Tiers";
  tier.value_formula = tier_list.data();
  validate_cell(sheet, kTierRow, kTierRow, kPriceCol, tier, "Tier", "Pick the tier whose demand to use.");

  lxw_data_validation kind{};
  kind.validate = LXW_VALIDATION_TYPE_LIST;
  std::string per_bucket(to_string(ProjectionType::per_bucket)), cumulative(to_string(ProjectionType::cumulative));
  char* kinds[] = {per_bucket.data(), cumulative.data(), nullptr};
  kind.value_list = kinds;
  validate_cell(sheet, kTypeRow, kTypeRow, kPriceCol, kind, "Projection type",
                "Per bucket: tickets sold in each bucket. Cumulative: running total since today.");

  lxw_data_validation threshold{};
  threshold.validate = LXW_VALIDATION_TYPE_INTEGER;
  threshold.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
  threshold.value_number = 0;
  validate_cell(sheet, kThresholdRow, kThresholdRow, kPriceCol, threshold, "Confidence threshold",
                "Historical orders (a whole number, 0 or more) behind a projection for it to count as confident.");

  lxw_data_validation price{};
  price.validate = LXW_VALIDATION_TYPE_DECIMAL;
  price.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
  price.value_number = 0;
  validate_cell(sheet, at.code_row(0), at.last_code_row(), kPriceCol, price, "Price per ticket",
                "Try a price: every bucket ahead follows it, unless its own price to the right is typed over.");
  validate_cells(sheet, at.code_row(0), at.price_col(at.first), at.last_code_row(), at.price_col(at.buckets - 1), price,
                 "Price in this bucket", "Follows the code's Price (=$E…); type a price to try another in this bucket.");
}

void write_header(xlsx::Sheet& sheet, const ProjectionSheetInput& input, const Layout& at, const Formats& f) {
  const char* fixed[] = {"Code", "Group", "Seats left", "Current", "Price"};
  for (lxw_col_t col = 0; col < 5; ++col) sheet.text(kHeaderRow, col, fixed[col], f.header);
  for (lxw_col_t b = 0; b < at.buckets; ++b) {
    const bool past = b < at.first;
    sheet.text(kHeaderRow, at.bucket_col(b), past ? input.buckets[b] + " (past)" : input.buckets[b], f.header);
    sheet.text(kHeaderRow, at.price_col(b), "Price · " + input.buckets[b], past ? f.hidden_header : f.header);
    sheet.text(kHeaderRow, at.tickets_col(b), "Tickets · " + input.buckets[b], f.hidden_header);
    sheet.text(kHeaderRow, at.orders_col(b), "Orders · " + input.buckets[b], f.hidden_header);
  }
  sheet.text(kHeaderRow, at.total_col(), "Total", f.header);
  sheet.text(kHeaderRow, at.confident_col(), "Confident", f.header);
  sheet.text(kHeaderRow, at.revenue_col(), "Revenue", f.header);
  sheet.text(kHeaderRow - 1, at.price_col(at.first), "Price in each bucket (follows Price unless typed over)", f.how_to);
  sheet.text(kHeaderRow - 1, at.tickets_col(0), "Working: tickets per bucket, and the orders behind each", f.how_to);
}

// One field of this code and bucket's row of DemandRows, for the chosen tier.
std::string demand(const Layout& at, lxw_col_t code, lxw_col_t bucket, DemandField field) {
  return fmt::format("INDEX(DemandRows,(MATCH(Tier,Tiers,0)-1)*{}+{},{})", at.codes * at.buckets,
                     code * at.buckets + bucket + 1, static_cast<int>(field));
}

void write_code_rows(xlsx::Sheet& sheet, const ProjectionSheetInput& input, const Layout& at,
                     const ProjectionModel& v, const Formats& f) {
  const std::string cumulative = fmt::format("ProjectionType=\"{}\"", to_string(ProjectionType::cumulative));
  for (lxw_col_t c = 0; c < at.codes; ++c) {
    const lxw_row_t r = at.code_row(c);
    sheet.text(r, kCodeCol, input.codes[c], f.code);
    sheet.text(r, kGroupCol, input.groups[c]);
    sheet.number(r, kSeatsCol, input.seats_left[c], f.seats);
    sheet.number(r, kCurrentCol, cents(input.current_prices[c]), f.current_money);
    sheet.number(r, kPriceCol, cents(input.prices[c]), f.input_money);
    const std::string seats = fmt::format("${}", cell_ref(r, kSeatsCol));
    const std::string first_tickets = fmt::format("${}", cell_ref(r, at.tickets_col(at.first)));
    for (lxw_col_t b = at.first; b < at.buckets; ++b) {
      const std::string price = cell_ref(r, at.price_col(b)), tickets = cell_ref(r, at.tickets_col(b));
      const double own = input.bucket_prices.empty() ? NAN : input.bucket_prices[c][b];
      if (std::isnan(own))
        sheet.formula(r, at.price_col(b), fmt::format("${}", cell_ref(r, kPriceCol)), v.prices(c, b), f.input_money);
      else
        sheet.number(r, at.price_col(b), cents(own), f.input_money);  // an input: never a cached value
      // What the buckets before left: the cap on this one.
      const std::string left = b == at.first ? fmt::format("MAX(0,{})", seats)
                                             : fmt::format("MAX(0,{}-SUM({}:{}))", seats, first_tickets,
                                                           cell_ref(r, at.tickets_col(b - 1)));
      const std::string buys = fmt::format("IF({0}<=0,1,1-NORMSDIST((LN({0})-LN({1}))/{2}))", price,
                                           demand(at, c, b, kMedian), demand(at, c, b, kSigma));
      sheet.formula(r, at.tickets_col(b),
                    fmt::format("IFERROR(MIN({}*{}*{},{}),0)", demand(at, c, b, kOrders), demand(at, c, b, kSize), buys,
                                left),
                    v.tickets(c, b), f.tickets);
      sheet.formula(r, at.orders_col(b), fmt::format("IFERROR({},0)", demand(at, c, b, kSupport)), v.support(c, b),
                    f.tickets);
      sheet.formula(r, at.bucket_col(b), fmt::format("IF({},SUM({}:{}),{})", cumulative, first_tickets, tickets, tickets),
                    v.shown(c, b), f.tickets);
    }
    const std::string tickets_row = range_ref(r, at.tickets_col(at.first), r, at.tickets_col(at.buckets - 1));
    const std::string orders_row = range_ref(r, at.orders_col(at.first), r, at.orders_col(at.buckets - 1));
    const std::string prices_row = range_ref(r, at.price_col(at.first), r, at.price_col(at.buckets - 1));
    sheet.formula(r, at.total_col(), "SUM(" + tickets_row + ")", v.code_total(c), f.tickets);
    sheet.formula(r, at.confident_col(), fmt::format("SUMIF({},\">=\"&ConfidenceThreshold,{})", orders_row, tickets_row),
                  v.code_confident(c), f.tickets);
    sheet.formula(r, at.revenue_col(), fmt::format("SUMPRODUCT({},{})", prices_row, tickets_row), v.code_revenue(c),
                  f.revenue);
  }
}

void write_totals(xlsx::Sheet& sheet, const ProjectionSheetInput& input, const Layout& at, const ProjectionModel& v,
                  const Formats& f) {
  const lxw_row_t first = at.code_row(0), last = at.last_code_row(), total = at.total_row(), conf = at.confident_row();
  const std::string cumulative = fmt::format("ProjectionType=\"{}\"", to_string(ProjectionType::cumulative));
  sheet.text(total, kCodeCol, "Total", f.total_label);
  sheet.text(conf, kCodeCol, "Confident", f.label);
  for (lxw_col_t col : {kGroupCol, kCurrentCol, kPriceCol}) sheet.blank(total, col, f.total_label);
  double seats = 0;
  for (int s : input.seats_left) seats += s;
  sheet.formula(total, kSeatsCol, "SUM(" + range_ref(first, kSeatsCol, last, kSeatsCol) + ")", seats, f.total_tickets);
  auto column_sum = [&](lxw_col_t col) { return "SUM(" + range_ref(first, col, last, col) + ")"; };
  for (lxw_col_t b = 0; b < at.buckets; ++b) {
    if (b < at.first) {
      sheet.blank(total, at.bucket_col(b), f.total_label);
      continue;
    }
    sheet.formula(total, at.bucket_col(b), column_sum(at.bucket_col(b)), v.bucket_total(b), f.total_tickets);
    auto confident = [&](lxw_col_t from) {
      return fmt::format("SUMIF({},\">=\"&ConfidenceThreshold,{})",
                         range_ref(first, at.orders_col(from), last, at.orders_col(b), false),
                         range_ref(first, at.tickets_col(from), last, at.tickets_col(b), false));
    };
    sheet.formula(conf, at.bucket_col(b), fmt::format("IF({},{},{})", cumulative, confident(at.first), confident(b)),
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
  const lxw_row_t first = at.code_row(0);
  const std::string own = cell_ref(first, at.orders_col(at.first)), least = "MIN($" + own + ":" + own + ")";
  // Relative to the range's top-left cell: column by column, the bucket's own orders column.
  const std::string rule = fmt::format("IF(ProjectionType=\"{}\",{},{})<ConfidenceThreshold",
                                       to_string(ProjectionType::cumulative), least, own);
  std::string formula = "=" + rule;
  lxw_conditional_format cf{};
  cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
  cf.value_string = formula.data();
  cf.format = f.low_confidence;
  xlsx::check(worksheet_conditional_format_range(sheet.get(), first, at.bucket_col(at.first), at.last_code_row(),
                                                 at.bucket_col(at.buckets - 1), &cf),
              "conditional format on " + sheet.name());
}

void write_projection(xlsx::Workbook& wb, const ProjectionSheetInput& input, ProjectionType type,
                      const ProjectionModel& v, const Formats& f) {
  const Layout at{static_cast<lxw_col_t>(input.buckets.size()), static_cast<lxw_col_t>(input.codes.size()),
                  static_cast<lxw_col_t>(input.first_bucket)};
  xlsx::Sheet sheet = wb.add_sheet("Projection");
  wb.define_name("Tier", "=Projection!" + cell_ref(kTierRow, kPriceCol, true));
  wb.define_name("ProjectionType", "=Projection!" + cell_ref(kTypeRow, kPriceCol, true));
  wb.define_name("ConfidenceThreshold", "=Projection!" + cell_ref(kThresholdRow, kPriceCol, true));
  write_inputs(sheet, input, type, at, f);
  write_header(sheet, input, at, f);
  write_code_rows(sheet, input, at, v, f);
  write_totals(sheet, input, at, v, f);
  write_confidence_highlight(sheet, at, f);

  std::size_t code_width = 6, group_width = 8, bucket_width = 8;
  for (const auto& c : input.codes) code_width = std::max(code_width, c.size() + 2);
  for (const auto& g : input.groups) group_width = std::max(group_width, g.size() + 2);
  for (const auto& b : input.buckets) bucket_width = std::max(bucket_width, b.size() + 2);
  sheet.width(kCodeCol, kCodeCol, static_cast<double>(code_width));
  sheet.width(kGroupCol, kGroupCol, static_cast<double>(group_width));
  sheet.width(kSeatsCol, kPriceCol, 11);
  sheet.width(at.bucket_col(0), at.bucket_col(at.buckets - 1), static_cast<double>(std::min<std::size_t>(bucket_width, 16)));
  sheet.width(at.total_col(), at.confident_col(), 10);
  sheet.width(at.revenue_col(), at.revenue_col(), 12);
  sheet.width(at.price_col(0), at.price_col(at.buckets - 1), 11);
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
      cached.prices.rows() != codes || cached.prices.cols() != buckets || cached.code_total.size() != codes ||
      cached.bucket_total.size() != buckets)
    throw std::invalid_argument("projection sheet: the cached values do not have the sheet's codes × buckets shape");
  xlsx::Workbook wb(file);
  const Formats f = make_formats(wb);
  write_projection(wb, input, type, cached, f);  // first: the sheet the analyst opens
  write_demand_sheet(wb, input, f);
  wb.close();
}

void write_projection_sheet(const ProjectionSheetInput& input, const std::filesystem::path& file) {
  write_projection_workbook(input, ProjectionType::per_bucket, compute_projection(input, ProjectionType::per_bucket),
                            file);
}

}  // namespace seatsync
