// The Attendance Projection Sheet: the model the cached values come from (known answers on the
// lognormal demand, the seats-left cap, past buckets, bucket prices), the workbook read back
// from its XML (sheets, names, inputs and their validation, formulas with cached values,
// conditional format, hidden working), and a LibreOffice recalculation of a workbook with
// stale cached values — the formulas compute.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <limits>

#include "report/projection_model.hpp"
#include "report/xlsx_util.hpp"
#include "seatsync/arrival_demand.hpp"
#include "seatsync/projection_sheet.hpp"
#include "test_support.hpp"
#include "xlsx_test_util.hpp"

using namespace seatsync;
using namespace seatsync::xlsx_test;
using xlsx::cell_ref;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();

BucketDemandCell cell(double orders, double median, double sigma = 0.5, double size = 2.0, int support = 40) {
  return {orders, median, sigma, size, support};
}

// Three codes × three buckets, two tiers; the first bucket is past (its demand is 0, as
// projection_input writes it). Code C has only 5 seats left: its demand overruns them.
ProjectionSheetInput sample_input() {
  ProjectionSheetInput in;
  in.title = "S2026-G12 on 2026-12-07 vs Dallas";
  in.codes = {"A", "B", "C"};
  in.groups = {"Lower", "Lower", "Club"};
  in.seats_left = {100, 50, 5};
  in.buckets = {"far", "near", "day"};
  in.first_bucket = 1;
  in.tiers = {1, 2};
  in.demand = {
      {{cell(0, 100), cell(10, 100), cell(20, 120, 0.4, 1.5, 25)},
       {cell(0, 60), cell(8, 70, 0.6, 2.5, 10), cell(12, 80)},
       {cell(0, 200), cell(6, 220, 0.3, 1.0, 35), cell(9, 240, 0.3, 1.0, 29)}},
      {{cell(0, 130), cell(14, 130), cell(25, 150, 0.4, 1.5, 25)},
       {cell(0, 90), cell(10, 90, 0.6, 2.5, 10), cell(15, 100)},
       {cell(0, 260), cell(8, 260, 0.3, 1.0, 35), cell(11, 280, 0.3, 1.0, 29)}},
  };
  in.tier = 1;
  in.current_prices = {110.0, 72.5, 250.0};
  in.prices = {100.0, 72.504, 250.0};  // B's price is cents-rounded on the sheet
  in.confidence_threshold = 30;
  return in;
}

// Columns and rows of the Projection sheet for this 3-bucket input (see projection_sheet.cpp).
constexpr lxw_col_t kSeats = 2, kPrice = 4, kBucket = 5, kTotal = 8, kConfident = 9, kRevenue = 10, kBucketPrice = 12,
                    kTickets = 16, kOrders = 19;
constexpr lxw_row_t kFirstCode = 8, kTotalRow = 11, kConfidentRow = 12;

void require_unzip() {
  if (!have_program("unzip")) GTEST_SKIP() << "unzip is not installed (make test installs it)";
}

}  // namespace

// ---- The model -------------------------------------------------------------------------------

TEST(ProjectionModel, ExpectedTicketsFollowTheLognormalWillingnessToPay) {
  const auto d = cell(10, 100, 0.5, 2.0);
  EXPECT_NEAR(expected_tickets(d, 100), 10.0, 1e-12);  // half the orders, two tickets each
  EXPECT_NEAR(expected_tickets(d, 0), 20.0, 1e-12);
  EXPECT_NEAR(expected_tickets(d, 100 * std::exp(0.5)), 20 * (1 - normal_cdf(1.0)), 1e-12);
  EXPECT_LT(expected_tickets(d, 150), expected_tickets(d, 140));  // falls with price
}

TEST(ProjectionModel, NeverSellsMoreThanTheSeatsLeftAndNothingInPastBuckets) {
  ProjectionSheetInput in = sample_input();
  in.prices = {1.0, 1.0, 1.0};  // nearly everyone buys: demand far above C's 5 seats
  for (auto type : {ProjectionType::per_bucket, ProjectionType::cumulative}) {
    const ProjectionModel m = compute_projection(in, type);
    for (Eigen::Index c = 0; c < 3; ++c) {
      EXPECT_EQ(m.tickets(c, 0), 0.0) << "the past bucket sells nothing";
      EXPECT_LE(m.code_total(c), in.seats_left[c] + 1e-12);
    }
    EXPECT_DOUBLE_EQ(m.code_total(2), 5.0);       // the cap binds …
    EXPECT_DOUBLE_EQ(m.tickets(2, 2), 5.0 - m.tickets(2, 1));  // … in the bucket that runs out
    EXPECT_LE(m.total, 155.0);
  }
  // At its own price C sells less than its seats: no cap.
  const ProjectionModel m = compute_projection(sample_input(), ProjectionType::per_bucket);
  EXPECT_NEAR(m.tickets(0, 1), 10.0, 1e-12);  // A at its median, 10 orders × 2 × ½
  EXPECT_NEAR(m.code_revenue(0), 100 * (m.tickets(0, 1) + m.tickets(0, 2)), 1e-9);
  EXPECT_DOUBLE_EQ(m.prices(1, 1), 72.5);
}

TEST(ProjectionModel, CumulativeRunsFromTheFirstBucketAhead) {
  const ProjectionModel m = compute_projection(sample_input(), ProjectionType::cumulative);
  for (Eigen::Index c = 0; c < 3; ++c) {
    EXPECT_EQ(m.shown(c, 0), 0.0);
    EXPECT_NEAR(m.shown(c, 2), m.tickets(c, 1) + m.tickets(c, 2), 1e-12);
  }
  // 30+ orders behind: A "near" (40), B "day" (40), C "near" (35).
  EXPECT_NEAR(m.bucket_confident(2), m.tickets(0, 1) + m.tickets(1, 2) + m.tickets(2, 1), 1e-12);
}

TEST(ProjectionModel, ABucketPriceReplacesTheCodesPriceInThatBucket) {
  ProjectionSheetInput in = sample_input();
  in.bucket_prices.assign(3, std::vector<double>(3, kNaN));
  in.bucket_prices[0][2] = 150.0;
  const ProjectionModel m = compute_projection(in, ProjectionType::per_bucket);
  EXPECT_DOUBLE_EQ(m.prices(0, 1), 100.0);
  EXPECT_DOUBLE_EQ(m.prices(0, 2), 150.0);
  EXPECT_NEAR(m.tickets(0, 2), expected_tickets(in.demand[0][0][2], 150.0), 1e-12);
  EXPECT_NEAR(m.code_revenue(0), 100 * m.tickets(0, 1) + 150 * m.tickets(0, 2), 1e-9);
}

TEST(ProjectionModel, ATierWithoutDemandProjectsNothing) {
  ProjectionSheetInput in = sample_input();
  in.tier = 7;
  const ProjectionModel m = compute_projection(in, ProjectionType::per_bucket);
  EXPECT_EQ(m.tier_slot, -1);
  EXPECT_EQ(m.total, 0.0);
  EXPECT_EQ(m.revenue, 0.0);
}

TEST(ProjectionModel, RejectsInputsThatDoNotAgree) {
  auto rejects = [](auto&& change) {
    ProjectionSheetInput in = sample_input();
    change(in);
    EXPECT_THROW(compute_projection(in, ProjectionType::per_bucket), std::invalid_argument);
  };
  rejects([](ProjectionSheetInput& in) { in.seats_left.pop_back(); });
  rejects([](ProjectionSheetInput& in) { in.seats_left[0] = -1; });
  rejects([](ProjectionSheetInput& in) { in.first_bucket = 3; });
  rejects([](ProjectionSheetInput& in) { in.demand[1].pop_back(); });
  rejects([](ProjectionSheetInput& in) { in.demand[0][0][1].median_wtp = 0; });
  rejects([](ProjectionSheetInput& in) { in.prices[1] = kNaN; });
  rejects([](ProjectionSheetInput& in) { in.bucket_prices.assign(3, std::vector<double>(2, kNaN)); });
}

// ---- The workbook ----------------------------------------------------------------------------

TEST(ProjectionSheet, SheetsNamesInputsAndValidation) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "projection.xlsx";
  write_projection_sheet(sample_input(), file);
  const auto sheets = workbook_sheets(file);
  ASSERT_EQ(sheets.size(), 2u);
  EXPECT_EQ(sheets[0].name, "Projection");
  EXPECT_FALSE(sheets[0].hidden);
  EXPECT_EQ(sheets[1].name, "Demand");
  EXPECT_TRUE(sheets[1].hidden);

  const std::string workbook = zip_part(file, "xl/workbook.xml");
  for (const char* name : {R"(name="Tier">Projection!$E$4<)", R"(name="ProjectionType">Projection!$E$5<)",
                           R"(name="ConfidenceThreshold">Projection!$E$6<)", R"(name="Tiers">Demand!$B$2:$C$2<)",
                           R"(name="DemandRows">Demand!$E$5:$I$22<)"})
    EXPECT_NE(workbook.find(name), std::string::npos) << name;

  const SheetView p = view_sheet(file, 1);
  EXPECT_EQ(p.text("A1"), "S2026-G12 on 2026-12-07 vs Dallas");
  EXPECT_EQ(p.text("A4"), "Tier");
  EXPECT_DOUBLE_EQ(p.number("E4"), 1);
  EXPECT_NE(p.text("F4").find("tiers 1, 2"), std::string::npos);
  EXPECT_EQ(p.text("E5"), "Per bucket");
  EXPECT_DOUBLE_EQ(p.number("E6"), 30);
  EXPECT_DOUBLE_EQ(p.number("C11"), 5);       // seats left
  EXPECT_DOUBLE_EQ(p.number("D10"), 72.5);    // the price in force, for reference
  EXPECT_DOUBLE_EQ(p.number("E10"), 72.5);
  EXPECT_EQ(p.text("F8"), "far (past)");
  EXPECT_EQ(p.text("G8"), "near");
  EXPECT_EQ(p.text("I8"), "Total");
  EXPECT_EQ(p.text("N8"), "Price · near");
  // A past bucket is blank: no formula, no number.
  for (lxw_row_t r = kFirstCode; r <= kTotalRow; ++r)
    EXPECT_TRUE(!p.has(cell_ref(r, kBucket)) || p.at(cell_ref(r, kBucket)).value.empty()) << cell_ref(r, kBucket);
  EXPECT_FALSE(p.has(cell_ref(kFirstCode, kBucketPrice)));
  // Inputs are yellow; computed cells are not.
  const auto styles = cell_styles(file);
  for (const char* input : {"E4", "E5", "E6", "E9", "E11", "N9", "O11"})
    EXPECT_EQ(styles.at(p.at(input).style).fill_rgb, "FFFFF59D") << input;
  EXPECT_EQ(styles.at(p.at("G9").style).fill_rgb, "");
  EXPECT_EQ(styles.at(p.at("D9").style).fill_rgb, "");

  EXPECT_NE(p.xml.find(R"(sqref="E4"><formula1>Tiers</formula1>)"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(sqref="E5"><formula1>"Per bucket,Cumulative"</formula1>)"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(sqref="E6"><formula1>0</formula1>)"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(sqref="E9:E11"><formula1>0</formula1>)"), std::string::npos);
  EXPECT_NE(p.xml.find(R"(sqref="N9:O11"><formula1>0</formula1>)"), std::string::npos);

  EXPECT_NE(p.xml.find(R"(<pane xSplit="5" ySplit="8" topLeftCell="F9" activePane="bottomRight" state="frozen"/>)"),
            std::string::npos);
  EXPECT_NE(p.xml.find(R"re(<col min="17" max="22" width="10.7109375" hidden="1" customWidth="1" outlineLevel="1"/>)re"),
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
    const std::string row = std::to_string(r + 1);
    for (lxw_col_t b = 1; b < 3; ++b) {
      const std::string tickets = cell_ref(r, kTickets + b), orders = cell_ref(r, kOrders + b),
                        shown = cell_ref(r, kBucket + b), price = cell_ref(r, kBucketPrice + b);
      auto field = [&](int f) {
        return "INDEX(DemandRows,(MATCH(Tier,Tiers,0)-1)*9+" + std::to_string(c * 3 + b + 1) + "," + std::to_string(f) + ")";
      };
      EXPECT_EQ(p.at(price).formula, "$E" + row);
      EXPECT_DOUBLE_EQ(p.number(price), m.prices(c, b));
      const std::string left = b == 1 ? "MAX(0,$C" + row + ")" : "MAX(0,$C" + row + "-SUM($R" + row + ":R" + row + "))";
      EXPECT_EQ(p.at(tickets).formula, "IFERROR(MIN(" + field(1) + "*" + field(4) + "*IF(" + price + "<=0,1,1-NORMSDIST((LN(" +
                                           price + ")-LN(" + field(2) + "))/" + field(3) + "))," + left + "),0)");
      EXPECT_NEAR(p.number(tickets), m.tickets(c, b), 1e-9) << tickets;
      EXPECT_EQ(p.at(orders).formula, "IFERROR(" + field(5) + ",0)");
      EXPECT_EQ(p.number(orders), m.support(c, b)) << orders;
      EXPECT_EQ(p.at(shown).formula, "IF(ProjectionType=\"Cumulative\",SUM($R" + row + ":" + tickets + ")," + tickets + ")");
      EXPECT_NEAR(p.number(shown), m.shown(c, b), 1e-9) << shown;
    }
    EXPECT_EQ(p.at(cell_ref(r, kTotal)).formula, "SUM(R" + row + ":S" + row + ")");
    EXPECT_NEAR(p.number(cell_ref(r, kTotal)), m.code_total(c), 1e-9);
    EXPECT_NEAR(p.number(cell_ref(r, kConfident)), m.code_confident(c), 1e-9);
    EXPECT_EQ(p.at(cell_ref(r, kRevenue)).formula, "SUMPRODUCT(N" + row + ":O" + row + ",R" + row + ":S" + row + ")");
    EXPECT_NEAR(p.number(cell_ref(r, kRevenue)), m.code_revenue(c), 1e-6);
  }
  for (lxw_col_t b = 1; b < 3; ++b) {
    EXPECT_NEAR(p.number(cell_ref(kTotalRow, kBucket + b)), m.bucket_total(b), 1e-9);
    EXPECT_NEAR(p.number(cell_ref(kConfidentRow, kBucket + b)), m.bucket_confident(b), 1e-9);
  }
  EXPECT_DOUBLE_EQ(p.number(cell_ref(kTotalRow, kSeats)), 155);
  EXPECT_NEAR(p.number("I12"), m.total, 1e-9);
  EXPECT_NEAR(p.number("J12"), m.confident, 1e-9);
  EXPECT_NEAR(p.number("K12"), m.revenue, 1e-6);
  for (const auto& [ref, cell] : p.cells) {
    if (!cell.formula.empty()) EXPECT_FALSE(cell.value.empty()) << ref;
  }
  // Grey italic where the support falls short, on the buckets ahead only.
  EXPECT_NE(p.xml.find(R"(<conditionalFormatting sqref="G9:H11"><cfRule type="expression")"), std::string::npos);
  EXPECT_NE(p.xml.find("<formula>IF(ProjectionType=\"Cumulative\",MIN($U9:U9),U9)&lt;ConfidenceThreshold</formula>"),
            std::string::npos);
}

TEST(ProjectionSheet, HiddenDemandSheetHoldsThePlannersModel) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "projection.xlsx";
  write_projection_sheet(sample_input(), file);
  const SheetView d = view_sheet(file, 2);
  EXPECT_EQ(d.text("A4"), "Row");
  EXPECT_EQ(d.text("E4"), "Orders ahead");
  EXPECT_DOUBLE_EQ(d.number("B2"), 1);
  EXPECT_DOUBLE_EQ(d.number("C2"), 2);
  EXPECT_FALSE(d.has("D2"));  // only the tiers given
  // Row 2 of the data: tier 1, code A, "near".
  EXPECT_EQ(d.text("C6"), "A");
  EXPECT_EQ(d.text("D6"), "near");
  EXPECT_DOUBLE_EQ(d.number("E6"), 10);
  EXPECT_DOUBLE_EQ(d.number("F6"), 100);
  EXPECT_DOUBLE_EQ(d.number("G6"), 0.5);
  EXPECT_DOUBLE_EQ(d.number("H6"), 2);
  EXPECT_DOUBLE_EQ(d.number("I6"), 40);
  EXPECT_DOUBLE_EQ(d.number("E5"), 0);  // "far" is past
  // Tier 2 starts at row 10 of the data.
  EXPECT_DOUBLE_EQ(d.number("B14"), 2);
  EXPECT_DOUBLE_EQ(d.number("F15"), 130);
  EXPECT_NE(d.text("A1").find("NORMSDIST"), std::string::npos);
}

// Stale cached values (tier 1, other prices, Per bucket) under new inputs (tier 2, a price
// of 0, prices that make C's seats run out, a typed bucket price, Cumulative): only a real
// recalculation can produce the new numbers, and they must be compute_projection's.
TEST(ProjectionSheet, LibreOfficeRecalculatesTheFormulas) {
  if (!have_program("soffice")) GTEST_SKIP() << "LibreOffice is not installed (make test installs it)";
  test::TempDir dir;
  ProjectionSheetInput in = sample_input();
  in.tier = 2;
  in.prices = {0.0, 95.0, 150.0};
  in.bucket_prices.assign(3, std::vector<double>(3, kNaN));
  in.bucket_prices[1][2] = 120.0;
  in.confidence_threshold = 25;
  const ProjectionModel stale = compute_projection(sample_input(), ProjectionType::per_bucket);
  const ProjectionModel expected = compute_projection(in, ProjectionType::cumulative);
  ASSERT_DOUBLE_EQ(expected.code_total(2), 5.0) << "C's cap must bind";
  ASSERT_NEAR(expected.code_total(0), 14 * 2 + 25 * 1.5, 1e-9) << "every order buys at 0";

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
  auto blank = [&](lxw_row_t r, lxw_col_t c) { return r >= rows.size() || c >= rows[r].size() || rows[r][c].empty(); };
  for (lxw_col_t c = 0; c < 3; ++c) {
    const lxw_row_t r = kFirstCode + c;
    EXPECT_TRUE(blank(r, kBucket)) << "a past bucket stays blank";
    for (lxw_col_t b = 1; b < 3; ++b) {
      EXPECT_NEAR(at(r, kBucketPrice + b), expected.prices(c, b), 1e-9) << cell_ref(r, kBucketPrice + b);
      EXPECT_NEAR(at(r, kTickets + b), expected.tickets(c, b), 1e-9) << cell_ref(r, kTickets + b);
      EXPECT_EQ(at(r, kOrders + b), expected.support(c, b)) << cell_ref(r, kOrders + b);
      EXPECT_NEAR(at(r, kBucket + b), expected.shown(c, b), 1e-9) << cell_ref(r, kBucket + b);
    }
    EXPECT_NEAR(at(r, kTotal), expected.code_total(c), 1e-9);
    EXPECT_NEAR(at(r, kConfident), expected.code_confident(c), 1e-9);
    EXPECT_NEAR(at(r, kRevenue), expected.code_revenue(c), 1e-6);
  }
  for (lxw_col_t b = 1; b < 3; ++b) {
    EXPECT_NEAR(at(kTotalRow, kBucket + b), expected.bucket_total(b), 1e-9);
    EXPECT_NEAR(at(kConfidentRow, kBucket + b), expected.bucket_confident(b), 1e-9);
  }
  EXPECT_NEAR(at(kTotalRow, kTotal), expected.total, 1e-9);
  EXPECT_NEAR(at(kTotalRow, kConfident), expected.confident, 1e-9);
  EXPECT_NEAR(at(kTotalRow, kRevenue), expected.revenue, 1e-6);
}
