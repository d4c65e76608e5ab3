// write_guide_xlsx: the workbook read back from its XML — sheet names and order, frozen panes,
// autofilter, the change text, fills and text colours per GuideCell, column widths — and the
// sheet-name rules and atomic write underneath.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "report/xlsx_util.hpp"
#include "seatsync/report.hpp"
#include "test_support.hpp"
#include "xlsx_test_util.hpp"

using namespace seatsync;
using namespace seatsync::xlsx_test;

namespace {

GuideCell cell(const std::string& bucket, double current, double change, int orders, GuideFill fill) {
  GuideCell c;
  c.bucket = bucket;
  c.days_from = 8;
  c.days_to = 14;
  c.change = change;
  c.recommended_price = current + change;
  c.change_share = change / current;
  c.support_orders = orders;
  c.support_games = orders / 3;
  c.large = std::abs(c.change_share) >= 0.10;
  c.supported = orders >= 30;
  c.fill = fill;
  return c;
}

GameGuide game(const std::string& id) {
  GameGuide g;
  g.game_id = id;
  g.game_date = Date::from_ymd(2026, 12, 7);
  g.tier = 2;
  g.opponent = "Dallas";
  g.buckets = {"8-14", "4-7", "1-3", "0"};
  GuideRow a{"A", "Lower", 40, 100.0, 50.0, {}};
  a.cells = {cell("8-14", 100, 15, 50, GuideFill::dark),   // ▲ large, supported
             cell("4-7", 100, -3, 40, GuideFill::light),   // ▼ small, supported
             cell("1-3", 100, 12, 5, GuideFill::none),     // ▲ large, thin
             cell("0", 100, -20, 45, GuideFill::dark)};    // ▼ large, supported
  GuideRow b{"B-long-code", "Upper bowl", 120, 1660.0, 900.0, {}};
  b.cells = {cell("8-14", 1660, 0, 60, GuideFill::light), cell("4-7", 1660, -60, 2, GuideFill::none),
             cell("1-3", 1660, 250.5, 80, GuideFill::dark), cell("0", 1660, 10, 80, GuideFill::light)};
  g.rows = {a, b};
  return g;
}

AdjustmentGuide sample_guide() {
  AdjustmentGuide guide;
  guide.as_of = Date::from_ymd(2026, 11, 25);
  guide.thresholds = {0.10, 30};
  guide.games = {game("S2026-G12"), game("A/very:long*game[id]?that-goes-past-31-characters"),
                 game("A_very_long_game_id__that-goes-past-31-characters-too"), game("summary"), game("History")};
  guide.significant = {{"S2026-G12", Date::from_ymd(2026, 12, 7), "A", "0", 100.0, 80.0, -20.0, -0.20, 45, 12.5, 250.0},
                       {"S2026-G12", Date::from_ymd(2026, 12, 7), "A", "8-14", 100.0, 115.0, 15.0, 0.15, 50, 14.0,
                        210.0}};
  return guide;
}

struct Written {
  test::TempDir dir;
  std::filesystem::path file;
};

void require_unzip() {
  if (!have_program("unzip")) GTEST_SKIP() << "unzip is not installed (make test installs it)";
}

}  // namespace

TEST(GuideXlsx, SheetsAreSummaryThenOneLegalUniqueNamePerGame) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "guide.xlsx";
  write_guide_xlsx(sample_guide(), file);
  const auto sheets = workbook_sheets(file);
  std::vector<std::string> names;
  for (const auto& s : sheets) {
    names.push_back(s.name);
    EXPECT_FALSE(s.hidden) << s.name;
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Summary", "S2026-G12", "A_very_long_game_id__that-goes-",
                                             "A_very_long_game_id__that-goe~2", "summary~2", "History_"}));
}

TEST(GuideXlsx, SummaryHasTitleLegendAndAFilterableFrozenTable) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "guide.xlsx";
  write_guide_xlsx(sample_guide(), file);
  const SheetView summary = view_sheet(file, 1);
  EXPECT_NE(summary.text("A1").find("as of 2026-11-25"), std::string::npos);
  EXPECT_NE(summary.text("A2").find("10%"), std::string::npos);
  EXPECT_NE(summary.text("A2").find("30 historical orders"), std::string::npos);
  EXPECT_NE(summary.text("A2").find("1 or more tickets expected in the bucket and $200 or more at stake"), std::string::npos);
  // Legend: the three fills, each shown in both directions with its meaning.
  EXPECT_EQ(summary.text("A3"), "▲ $15 (+12%) → $140");
  EXPECT_EQ(summary.text("B3"), "▼ $15 (-12%) → $110");
  EXPECT_NE(summary.text("C3").find("Dark fill"), std::string::npos);
  EXPECT_NE(summary.text("C4").find("Light fill"), std::string::npos);
  EXPECT_NE(summary.text("C5").find("No fill"), std::string::npos);
  EXPECT_NE(summary.text("A6").find("green raises, red lowers"), std::string::npos);
  // The table: header on row 9, frozen below it, autofilter over it, numbers as numbers.
  EXPECT_EQ(summary.text("A9"), "Game");
  EXPECT_EQ(summary.text("I9"), "Orders");
  EXPECT_EQ(summary.text("J9"), "Tickets");
  EXPECT_EQ(summary.text("K9"), "At stake");
  EXPECT_NE(summary.xml.find(R"(<pane ySplit="9" topLeftCell="A10" activePane="bottomLeft" state="frozen"/>)"),
            std::string::npos);
  EXPECT_NE(summary.xml.find(R"(<autoFilter ref="A9:K11"/>)"), std::string::npos);
  EXPECT_EQ(summary.text("A10"), "S2026-G12");
  EXPECT_NE(summary.xml.find(R"(location="'S2026-G12'!A1")"), std::string::npos);  // a link to the game
  EXPECT_DOUBLE_EQ(summary.number("B10"), 46363.0);  // 2026-12-07 as an Excel date
  EXPECT_DOUBLE_EQ(summary.number("G10"), -20.0);
  EXPECT_DOUBLE_EQ(summary.number("H10"), -0.20);
  EXPECT_DOUBLE_EQ(summary.number("I10"), 45.0);
  EXPECT_DOUBLE_EQ(summary.number("J10"), 12.5);
  EXPECT_DOUBLE_EQ(summary.number("K10"), 250.0);
}

TEST(GuideXlsx, GameSheetShowsChangesWithFillsAndColoursPerCell) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "guide.xlsx";
  write_guide_xlsx(sample_guide(), file);
  const SheetView g = view_sheet(file, 2);
  EXPECT_EQ(g.text("A1"), "Game S2026-G12 · 2026-12-07 · tier 2 · vs Dallas");
  EXPECT_EQ(g.text("A4"), "Code");
  EXPECT_EQ(g.text("D4"), "Current");
  EXPECT_EQ(g.text("E4"), "8-14 (now)");
  EXPECT_EQ(g.text("F4"), "4-7");
  EXPECT_EQ(g.text("E3"), "8–14 days out");
  EXPECT_EQ(g.text("A5"), "A");
  EXPECT_DOUBLE_EQ(g.number("C5"), 40);
  EXPECT_DOUBLE_EQ(g.number("D5"), 100);
  EXPECT_EQ(g.text("E5"), "▲ $15 (+15%) → $115");
  EXPECT_EQ(g.text("F5"), "▼ $3 (-3%) → $97");
  EXPECT_EQ(g.text("G5"), "▲ $12 (+12%) → $112");
  EXPECT_EQ(g.text("E6"), "= $0 → $1,660");
  EXPECT_EQ(g.text("G6"), "▲ $250.50 (+15%) → $1,910.50");
  // Frozen below the header and right of the code columns.
  EXPECT_NE(g.xml.find(R"(<pane xSplit="4" ySplit="4" topLeftCell="E5" activePane="bottomRight" state="frozen"/>)"),
            std::string::npos);

  const auto styles = cell_styles(file);
  const CellStyle& dark_up = styles.at(g.at("E5").style);
  const CellStyle& light_down = styles.at(g.at("F5").style);
  const CellStyle& none_up = styles.at(g.at("G5").style);
  const CellStyle& dark_down = styles.at(g.at("H5").style);
  std::set<int> ids{g.at("E5").style, g.at("F5").style, g.at("G5").style, g.at("H5").style};
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_EQ(none_up.fill_rgb, "");  // too little support: no fill, direction in the text only
  ASSERT_FALSE(dark_up.fill_rgb.empty());
  ASSERT_FALSE(light_down.fill_rgb.empty());
  // Dark fills are green for a raise, red for a cut; the light fill is much lighter.
  const Rgb up = rgb_of(dark_up.fill_rgb), down = rgb_of(dark_down.fill_rgb), light = rgb_of(light_down.fill_rgb);
  EXPECT_GT(up.g, up.r);
  EXPECT_GT(down.r, down.g);
  EXPECT_GT(light.r + light.g + light.b, down.r + down.g + down.b + 200);
  EXPECT_GT(light.r, light.g);  // light red
  // Text colour: green for the thin raise (bold, it is large), red for the small cut (not bold).
  const Rgb up_text = rgb_of(none_up.font_rgb), down_text = rgb_of(light_down.font_rgb);
  EXPECT_GT(up_text.g, up_text.r);
  EXPECT_GT(down_text.r, down_text.g);
  EXPECT_TRUE(none_up.bold);
  EXPECT_FALSE(light_down.bold);
  // The same fill and direction but a smaller change: a fainter text colour.
  const Rgb small_raise = rgb_of(styles.at(g.at("H6").style).font_rgb);  // +$10 of $1,660: under 5%
  EXPECT_GT(small_raise.r + small_raise.b, up_text.r + up_text.b);

  // The orders behind each cell, below the grid.
  EXPECT_NE(g.text("A8").find("Historical orders behind each cell"), std::string::npos);
  EXPECT_DOUBLE_EQ(g.number("E9"), 50);
  EXPECT_DOUBLE_EQ(g.number("F10"), 2);
}

TEST(GuideXlsx, ColumnsAreWideEnoughForTheirText) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "guide.xlsx";
  write_guide_xlsx(sample_guide(), file);
  const std::string xml = sheet_xml(file, 2);
  std::smatch m;
  // Column G holds "▲ $250.50 (+15%) → $1,910.50", 28 characters.
  ASSERT_TRUE(std::regex_search(xml, m, std::regex(R"re(<col min="7" max="7" width="([0-9.]+)")re")));
  EXPECT_GE(std::stod(m[1]), 28.0);
  ASSERT_TRUE(std::regex_search(xml, m, std::regex(R"re(<col min="1" max="1" width="([0-9.]+)")re")));
  EXPECT_GE(std::stod(m[1]), 11.0);  // "B-long-code"
}

TEST(GuideXlsx, EmptyGuideStillOpensWithASentence) {
  require_unzip();
  test::TempDir dir;
  const auto file = dir / "guide.xlsx";
  AdjustmentGuide guide;
  guide.as_of = Date::from_ymd(2026, 11, 25);
  write_guide_xlsx(guide, file);
  ASSERT_EQ(workbook_sheets(file).size(), 1u);
  EXPECT_NE(view_sheet(file, 1).text("A10").find("None today"), std::string::npos);
}

TEST(GuideXlsx, ReplacesTheFileAtomicallyAndLeavesNoTemporaries) {
  test::TempDir dir;
  const auto file = dir / "out" / "guide.xlsx";
  write_guide_xlsx(sample_guide(), file);
  const auto first_size = std::filesystem::file_size(file);
  AdjustmentGuide small;
  small.as_of = Date::from_ymd(2026, 11, 25);
  write_guide_xlsx(small, file);
  EXPECT_LT(std::filesystem::file_size(file), first_size);
  int entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir / "out")) ++entries;
  EXPECT_EQ(entries, 1);

  // A parent that is a file: an error, and nothing left behind.
  test::write_file(dir / "not-a-dir", "x");
  EXPECT_ANY_THROW(write_guide_xlsx(small, dir / "not-a-dir" / "guide.xlsx"));
}

TEST(GuideXlsx, SheetNamesFollowExcelsRules) {
  EXPECT_EQ(xlsx::legal_sheet_name("a[b]c:d*e?f/g\\h"), "a_b_c_d_e_f_g_h");
  EXPECT_EQ(xlsx::legal_sheet_name("'quoted'"), "quoted");
  EXPECT_EQ(xlsx::legal_sheet_name(""), "Sheet");
  EXPECT_EQ(xlsx::legal_sheet_name("HISTORY"), "HISTORY_");
  EXPECT_EQ(xlsx::legal_sheet_name(std::string(40, 'x')), std::string(31, 'x'));
  // 31 characters, not bytes: "é" is two bytes, one character.
  const std::string accented = "é" + std::string(35, 'x');
  EXPECT_EQ(xlsx::legal_sheet_name(accented), "é" + std::string(30, 'x'));
  xlsx::SheetNames names;
  EXPECT_EQ(names.claim("Game"), "Game");
  EXPECT_EQ(names.claim("GAME"), "GAME~2");
  EXPECT_EQ(names.claim("game"), "game~3");
  EXPECT_EQ(names.claim(std::string(31, 'y')), std::string(31, 'y'));
  EXPECT_EQ(names.claim(std::string(31, 'Y')), std::string(29, 'Y') + "~2");
}
