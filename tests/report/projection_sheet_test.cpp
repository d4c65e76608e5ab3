// The Attendance Projection Sheet: projected_quantity's known answers, the model the cached
// values come from, the workbook read back from its XML (sheets, names, inputs and their
// validation, formulas with cached values, conditional format, hidden working), and a
// LibreOffice recalculation of a workbook with stale cached values — the formulas compute.
#include <gtest/gtest.h>

#include <chrono>
#include <iostream>
#include <cmath>
#include <limits>

#include "report/projection_model.hpp"
#include "report/xlsx_util.hpp"
#include "seatsync/projection_sheet.hpp"
#include "test_support.hpp"
#include "xlsx_test_util.hpp"

using namespace seatsync;
using namespace seatsync::xlsx_test;
using xlsx::cell_ref;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();


Eigen::MatrixXi counts(std::initializer_list<std::initializer_list<double>> rows) { return test::matrix_of(rows).cast<int>(); }

// Three codes × three buckets, two tiers. Code C's matrices are narrower (3 quantities, so the
// sheet pads them); code B's "day" row rises once (the sheet stores its running minimum); one
// price is off by a fraction of a cent (the sheet stores cents).
ProjectionSheetInput sample_input() {
  ProjectionSheetInput in;
  in.title = "S2026-G12 on 2026-12-07 vs Dallas";
  in.codes = {"A", "B", "C"};
  in.groups = {"Lower", "Lower", "Club"};
  in.buckets = {"far", "near", "day"};
  in.tiers = {1, 2};
  in.prices = {
      {test::matrix_of({{120, 110, 110, 90}, {130, 120, 100, 95}, {150, 140, 130, 120}}),
       test::matrix_of({{80, 70, 60, 50}, {85.004, 75, 65, 55}, {90, 95, 70, 60}}),
       test::matrix_of({{200, 180, 160}, {210, 190, 170}, {220, 200, 180}})},
      {test::matrix_of({{140, 125, 125, 100}, {150, 135, 115, 105}, {170, 160, 150, 140}}),
       test::matrix_of({{95, 85, 75, 65}, {100, 90, 80, 70}, {110, 100, 90, 80}}),
       test::matrix_of({{240, 220, 200}, {250, 230, 210}, {260, 240, 220}})},
  };
  const Eigen::MatrixXi four = counts({{50, 40, 20, 10}, {60, 45, 35, 25}, {80, 70, 30, 5}});
  const Eigen::MatrixXi three = counts({{40, 12, 3}, {33, 31, 2}, {29, 28, 27}});
  in.support = {{four, four, three}, {four, four, three}};
  in.tier = 1;
  in.current_prices = {110.0, 72.5, 250.0};
  in.confidence_threshold = 30;
  return in;
}

// Columns of the Projection sheet for this 3-bucket input (see projection_sheet.cpp).
constexpr lxw_col_t kBucket = 4, kTotal = 7, kConfident = 8, kRevenue = 9, kTickets = 11, kOrders = 14;
constexpr lxw_row_t kFirstCode = 8, kTotalRow = 11, kConfidentRow = 12;

void require_unzip() {
  if (!have_program("unzip")) GTEST_SKIP() << "unzip is not installed (make test installs it)";
}

}  // namespace

// ---- projected_quantity ----------------------------------------------------------------------

TEST(ProjectionQuantity, CountsTheLeadingColumnsAtOrAboveThePrice) {
  const Eigen::MatrixXd m = test::matrix_of({{10, 10, 8, 5}});
  EXPECT_EQ(projected_quantity(m, 0, 10.0), 2);   // a tie counts: the price still sells
  EXPECT_EQ(projected_quantity(m, 0, 9.99), 2);
  EXPECT_EQ(projected_quantity(m, 0, 8.0), 3);
  EXPECT_EQ(projected_quantity(m, 0, 5.0), 4);
  EXPECT_EQ(projected_quantity(m, 0, 0.0), 4);    // below all: the whole row
  EXPECT_EQ(projected_quantity(m, 0, 10.01), 0);  // above all: nothing sells
}

TEST(ProjectionQuantity, PicksTheRowOfTheBucket) {
  const Eigen::MatrixXd m = test::matrix_of({{10, 9, 8}, {20, 19, 18}});
  EXPECT_EQ(projected_quantity(m, 0, 19.0), 0);
  EXPECT_EQ(projected_quantity(m, 1, 19.0), 2);
}

TEST(ProjectionQuantity, ARisingRowIsReadAsItsRunningMinimumAndNaNEndsIt) {
  const Eigen::MatrixXd rising = test::matrix_of({{8, 10, 9, 7}});
  EXPECT_EQ(projected_quantity(rising, 0, 9.0), 0);  // the first ticket already needs 8
  EXPECT_EQ(projected_quantity(rising, 0, 8.0), 3);
  // The sheet stores the running minimum: MATCH over it gives the same answers.
  const Eigen::MatrixXd stored = sheet_price_rows(rising, 4);
  EXPECT_EQ(stored, test::matrix_of({{8, 8, 8, 7}}));
  for (double p : {9.0, 8.0, 7.5, 7.0, 1.0}) EXPECT_EQ(projected_quantity(stored, 0, p), projected_quantity(rising, 0, p));
  const Eigen::MatrixXd gap = test::matrix_of({{10, kNaN, 6}});
  EXPECT_EQ(projected_quantity(gap, 0, 5.0), 1);
  EXPECT_EQ(sheet_price_rows(gap, 4), test::matrix_of({{10, kBeyondMatrix, kBeyondMatrix, kBeyondMatrix}}));
}

TEST(ProjectionQuantity, SheetRowsAreCentsPaddedBeyondTheMatrix) {
  const Eigen::MatrixXd stored = sheet_price_rows(test::matrix_of({{85.004, 75.126}}), 4);
  EXPECT_EQ(stored, test::matrix_of({{85.0, 75.13, kBeyondMatrix, kBeyondMatrix}}));
  EXPECT_EQ(projected_quantity(stored, 0, 0.0), 2);  // padding never sells
}

// ---- The model behind the cached values ------------------------------------------------------

TEST(ProjectionModel, PerBucketTicketsSupportAndTotals) {
  const ProjectionModel m = compute_projection(sample_input(), ProjectionType::per_bucket);
  EXPECT_EQ(m.tier_slot, 0);
  Eigen::MatrixXi tickets(3, 3);
  tickets << 3, 2, 4,   // A at $110: a tie at 110 (q 2 and 3) in "far"
      1, 2, 2,          // B at $72.50: "day" stored as 90, 90, 70, 60
      0, 0, 0;          // C at $250: above every price
  EXPECT_EQ(m.tickets, tickets);
  EXPECT_EQ(m.shown, tickets);
  Eigen::MatrixXi support(3, 3);
  support << 20, 45, 5,  // the matched cells
      50, 45, 70,
      40, 33, 29;        // nothing sells: the one-ticket cell
  EXPECT_EQ(m.support, support);
  EXPECT_EQ(m.code_total, Eigen::Vector3i(9, 5, 0));
  EXPECT_EQ(m.code_confident, Eigen::Vector3i(2, 5, 0));  // support >= 30 only
  EXPECT_EQ(m.bucket_total, Eigen::Vector3i(4, 4, 6));
  EXPECT_EQ(m.bucket_confident, Eigen::Vector3i(1, 4, 2));
  EXPECT_EQ(m.total, 14);
  EXPECT_EQ(m.confident, 7);
  EXPECT_DOUBLE_EQ(m.code_revenue(0), 990.0);
  EXPECT_DOUBLE_EQ(m.revenue, 990.0 + 362.5);
}

TEST(ProjectionModel, CumulativeRunsAcrossBuckets) {
  const ProjectionModel m = compute_projection(sample_input(), ProjectionType::cumulative);
  Eigen::MatrixXi shown(3, 3);
  shown << 3, 5, 9, 1, 3, 5, 0, 0, 0;
  EXPECT_EQ(m.shown, shown);
  EXPECT_EQ(m.code_total, Eigen::Vector3i(9, 5, 0));  // totals do not double count
  EXPECT_EQ(m.bucket_total, Eigen::Vector3i(4, 8, 14));
  EXPECT_EQ(m.bucket_confident, Eigen::Vector3i(1, 5, 7));
}

TEST(ProjectionModel, ATierWithoutMatricesProjectsNothing) {
  ProjectionSheetInput in = sample_input();
  in.tier = 7;
  const ProjectionModel m = compute_projection(in, ProjectionType::per_bucket);
  EXPECT_EQ(m.tier_slot, -1);
  EXPECT_EQ(m.total, 0);
  EXPECT_EQ(m.support.sum(), 0);
}

TEST(ProjectionModel, RejectsShapesThatDoNotAgree) {
  ProjectionSheetInput in = sample_input();
  in.current_prices.pop_back();
  EXPECT_THROW(compute_projection(in, ProjectionType::per_bucket), std::invalid_argument);
  in = sample_input();
  in.support[1][2] = Eigen::MatrixXi::Zero(3, 4);
  EXPECT_THROW(write_projection_sheet(in, "/nonexistent/never.xlsx"), std::invalid_argument);
  in = sample_input();
  in.tiers.clear();
  EXPECT_THROW(compute_projection(in, ProjectionType::per_bucket), std::invalid_argument);
}

// ---- The workbook ----------------------------------------------------------------------------

TEST(ProjectionSheet, SheetsNamesInputsAndValidation) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "projection.xlsx";
  write_projection_sheet(sample_input(), file);
  const auto sheets = workbook_sheets(file);
  ASSERT_EQ(sheets.size(), 3u);
  EXPECT_EQ(sheets[0].name, "Projection");
  EXPECT_FALSE(sheets[0].hidden);
  EXPECT_EQ(sheets[1].name, "Matrices");
  EXPECT_TRUE(sheets[1].hidden);
  EXPECT_EQ(sheets[2].name, "Support");
  EXPECT_TRUE(sheets[2].hidden);

  const std::string workbook = zip_part(file, "xl/workbook.xml");
  for (const char* name : {R"(name="Tier">Projection!$D$4<)", R"(name="ProjectionType">Projection!$D$5<)",
                           R"(name="ConfidenceThreshold">Projection!$D$6<)", R"(name="Tiers">Matrices!$B$2:$C$2<)",
                           R"(name="PriceRows">Matrices!$E$5:$H$22<)", R"(name="SupportRows">Support!$E$5:$H$22<)"})
    EXPECT_NE(workbook.find(name), std::string::npos) << name;

  const SheetView p = view_sheet(file, 1);
  EXPECT_EQ(p.text("A1"), "S2026-G12 on 2026-12-07 vs Dallas");
  EXPECT_EQ(p.text("A4"), "Tier");
  EXPECT_DOUBLE_EQ(p.number("D4"), 1);
  EXPECT_EQ(p.text("D5"), "Per bucket");
  EXPECT_DOUBLE_EQ(p.number("D6"), 30);
  EXPECT_DOUBLE_EQ(p.number("D9"), 110);
  EXPECT_DOUBLE_EQ(p.number("C10"), 72.5);  // the current price, for reference
  EXPECT_DOUBLE_EQ(p.number("D10"), 72.5);
  EXPECT_EQ(p.text("E8"), "far");
  EXPECT_EQ(p.text("H8"), "Total");
  // Inputs are yellow; computed cells are not.
  const auto styles = cell_styles(file);
  for (const char* input : {"D4", "D5", "D6", "D9", "D11"}) EXPECT_EQ(styles.at(p.at(input).style).fill_rgb, "FFFFF59D") << input;
  EXPECT_EQ(styles.at(p.at("E9").style).fill_rgb, "");
  EXPECT_EQ(styles.at(p.at("C9").style).fill_rgb, "");

  // Drop-downs and number checks on the inputs.
  EXPECT_NE(p.xml.find(R"(sqref="D4"><formula1>Tiers</formula1>)"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(sqref="D5"><formula1>"Per bucket,Cumulative"</formula1>)"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(<dataValidation type="whole" operator="greaterThanOrEqual")"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(sqref="D6"><formula1>0</formula1>)"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(<dataValidation type="decimal" operator="greaterThanOrEqual")"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(sqref="D9:D11"><formula1>0</formula1>)"), std::string::npos);

  // Frozen below the header, right of the prices; the working columns hidden in a group.
  EXPECT_NE(p.xml.find(R"(<pane xSplit="4" ySplit="8" topLeftCell="E9" activePane="bottomRight" state="frozen"/>)"),
            std::string::npos);
  EXPECT_NE(p.xml.find(R"re(<col min="12" max="17" width="10.7109375" hidden="1" customWidth="1" outlineLevel="1"/>)re"),
            std::string::npos);
}

TEST(ProjectionSheet, EveryFormulaCarriesTheValueItComputes) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "projection.xlsx";
  const ProjectionSheetInput in = sample_input();
  write_projection_sheet(in, file);
  const ProjectionModel m = compute_projection(in, ProjectionType::per_bucket);
  const SheetView p = view_sheet(file, 1);
  for (lxw_col_t c = 0; c < 3; ++c) {
    const lxw_row_t r = kFirstCode + c;
    for (lxw_col_t b = 0; b < 3; ++b) {
      const std::string tickets = cell_ref(r, kTickets + b), orders = cell_ref(r, kOrders + b), shown = cell_ref(r, kBucket + b);
      const std::string row_of = "(MATCH(Tier,Tiers,0)-1)*9+" + std::to_string(c * 3 + b + 1);
      EXPECT_EQ(p.at(tickets).formula, "IFERROR(MATCH($D" + std::to_string(r + 1) + ",INDEX(PriceRows," + row_of + ",0),-1),0)");
      EXPECT_EQ(p.number(tickets), m.tickets(c, b)) << tickets;
      EXPECT_EQ(p.at(orders).formula, "IFERROR(INDEX(SupportRows," + row_of + ",MAX(1," + tickets + ")),0)");
      EXPECT_EQ(p.number(orders), m.support(c, b)) << orders;
      EXPECT_EQ(p.at(shown).formula,
                "IF(ProjectionType=\"Cumulative\",SUM($" + cell_ref(r, kTickets) + ":" + tickets + ")," + tickets + ")");
      EXPECT_EQ(p.number(shown), m.shown(c, b)) << shown;
    }
    EXPECT_EQ(p.at(cell_ref(r, kTotal)).formula, "SUM(" + xlsx::range_ref(r, kTickets, r, kTickets + 2) + ")");
    EXPECT_EQ(p.number(cell_ref(r, kTotal)), m.code_total(c));
    EXPECT_EQ(p.number(cell_ref(r, kConfident)), m.code_confident(c));
    EXPECT_DOUBLE_EQ(p.number(cell_ref(r, kRevenue)), m.code_revenue(c));
  }
  for (lxw_col_t b = 0; b < 3; ++b) {
    EXPECT_EQ(p.number(cell_ref(kTotalRow, kBucket + b)), m.bucket_total(b));
    EXPECT_EQ(p.number(cell_ref(kConfidentRow, kBucket + b)), m.bucket_confident(b));
  }
  EXPECT_EQ(p.number("H12"), m.total);
  EXPECT_EQ(p.number("I12"), m.confident);
  EXPECT_DOUBLE_EQ(p.number("J12"), m.revenue);
  // Every formula cell has a cached value.
  for (const auto& [ref, cell] : p.cells)
    if (!cell.formula.empty()) EXPECT_FALSE(cell.value.empty()) << ref;
  // Grey italic where the support falls short, judged on the working orders column.
  EXPECT_NE(p.xml.find(R"(<conditionalFormatting sqref="E9:G11"><cfRule type="expression")"), std::string::npos);
  EXPECT_NE(p.xml.find("<formula>IF(ProjectionType=\"Cumulative\",MIN($O9:O9),O9)&lt;ConfidenceThreshold</formula>"),
            std::string::npos);
}

TEST(ProjectionSheet, HiddenMatricesHoldStoredRowsAndSupport) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "projection.xlsx";
  write_projection_sheet(sample_input(), file);
  const SheetView matrices = view_sheet(file, 2), support = view_sheet(file, 3);
  EXPECT_EQ(matrices.text("A4"), "Row");
  EXPECT_DOUBLE_EQ(matrices.number("B2"), 1);  // the tier list
  EXPECT_DOUBLE_EQ(matrices.number("C2"), 2);
  // Row 1: tier 1, code A, "far".
  EXPECT_DOUBLE_EQ(matrices.number("A5"), 1);
  EXPECT_EQ(matrices.text("C5"), "A");
  EXPECT_EQ(matrices.text("D5"), "far");
  EXPECT_DOUBLE_EQ(matrices.number("F5"), 110);
  // Tier 1, code B, "near" (row 5): cents; "day" (row 6): the running minimum.
  EXPECT_DOUBLE_EQ(matrices.number("E9"), 85.0);
  EXPECT_DOUBLE_EQ(matrices.number("F10"), 90.0);
  // Tier 1, code C (rows 7-9): three quantities, then padding.
  EXPECT_DOUBLE_EQ(matrices.number("G11"), 160.0);
  EXPECT_DOUBLE_EQ(matrices.number("H11"), kBeyondMatrix);
  EXPECT_DOUBLE_EQ(support.number("H11"), 0);
  EXPECT_DOUBLE_EQ(support.number("E5"), 50);
  // Tier 2 starts at row 10 of the data.
  EXPECT_DOUBLE_EQ(matrices.number("B14"), 2);
  EXPECT_DOUBLE_EQ(matrices.number("E14"), 140);
  EXPECT_NE(matrices.text("A1").find("MATCH(price, row, -1)"), std::string::npos);
}

// Stale cached values (another tier, other prices, Per bucket) under new inputs (tier 2, a
// price tying a matrix cell, one above every price, one below every price, Cumulative): only a
// real recalculation can produce the new numbers, and they must be projected_quantity's.
TEST(ProjectionSheet, LibreOfficeRecalculatesTheFormulas) {
  if (!have_program("soffice")) GTEST_SKIP() << "LibreOffice is not installed (make test installs it)";
  test::TempDir dir;
  const ProjectionSheetInput old_inputs = sample_input();
  ProjectionSheetInput in = sample_input();
  in.tier = 2;
  in.current_prices = {125.0, 120.0, 150.0};  // A ties q 2-3 of "far"; B above all; C below all
  in.confidence_threshold = 25;
  const ProjectionModel stale = compute_projection(old_inputs, ProjectionType::per_bucket);
  const ProjectionModel expected = compute_projection(in, ProjectionType::cumulative);
  ASSERT_NE(stale.shown, expected.shown);
  EXPECT_EQ(expected.tickets(0, 0), 3);
  EXPECT_EQ(expected.tickets.row(1).sum(), 0);
  EXPECT_EQ(expected.tickets.row(2), Eigen::RowVector3i(3, 3, 3));  // not 4: the padding never sells

  const auto file = dir / "stale.xlsx";
  write_projection_workbook(in, ProjectionType::cumulative, stale, file);
  const auto started = std::chrono::steady_clock::now();
  const auto csv_file =
      convert_with_libreoffice(file, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false", "csv",
                               dir.path());
  std::cout << "LibreOffice conversion took "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() << " s\n";
  const auto rows = parse_csv(test::read_file(csv_file));
  auto at = [&](lxw_row_t r, lxw_col_t c) {
    if (r >= rows.size() || c >= rows[r].size()) throw std::out_of_range("no CSV cell " + cell_ref(r, c));
    return std::stod(rows[r][c]);
  };
  for (lxw_col_t c = 0; c < 3; ++c) {
    const lxw_row_t r = kFirstCode + c;
    for (lxw_col_t b = 0; b < 3; ++b) {
      EXPECT_EQ(at(r, kTickets + b), expected.tickets(c, b)) << cell_ref(r, kTickets + b);
      EXPECT_EQ(at(r, kOrders + b), expected.support(c, b)) << cell_ref(r, kOrders + b);
      EXPECT_EQ(at(r, kBucket + b), expected.shown(c, b)) << cell_ref(r, kBucket + b);
    }
    EXPECT_EQ(at(r, kTotal), expected.code_total(c));
    EXPECT_EQ(at(r, kConfident), expected.code_confident(c));
    EXPECT_DOUBLE_EQ(at(r, kRevenue), expected.code_revenue(c));
  }
  for (lxw_col_t b = 0; b < 3; ++b) {
    EXPECT_EQ(at(kTotalRow, kBucket + b), expected.bucket_total(b));
    EXPECT_EQ(at(kConfidentRow, kBucket + b), expected.bucket_confident(b));
  }
  EXPECT_EQ(at(kTotalRow, kTotal), expected.total);
  EXPECT_EQ(at(kTotalRow, kConfident), expected.confident);
  EXPECT_DOUBLE_EQ(at(kTotalRow, kRevenue), expected.revenue);
}
