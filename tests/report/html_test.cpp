// The HTML pages: the adjustment guide (thesis 5.3) and the daily index. Checked for
// well-formedness, self-containment, the mapping of fills and directions to classes and
// text, escaping of every user string, and the content the analyst needs.
#include <gtest/gtest.h>

#include <regex>

#include "render_test_util.hpp"
#include "report/guide_tables.hpp"
#include "seatsync/report.hpp"

using namespace seatsync;
namespace rt = seatsync::render_test;

namespace {

GuideCell cell(std::string bucket, int from, int to, double current, double change, GuideFill fill, int orders) {
  GuideCell c;
  c.bucket = std::move(bucket);
  c.days_from = from;
  c.days_to = to;
  c.change = change;
  c.recommended_price = current + change;
  c.change_share = current > 0 ? change / current : 0.0;
  c.support_orders = orders;
  c.support_games = orders / 3;
  c.large = std::abs(c.change_share) >= 0.10;
  c.supported = orders >= 30;
  c.fill = fill;
  return c;
}

GuideRow row(std::string code, std::string group, double current, std::vector<std::pair<double, GuideFill>> changes) {
  GuideRow r;
  r.price_code = std::move(code);
  r.group = std::move(group);
  r.remaining = 42;
  r.current_price = current;
  r.floor = 60;
  const std::vector<std::tuple<std::string, int, int>> buckets{{"8-14", 8, 14}, {"4-7", 4, 7}, {"1-3", 1, 3}, {"0", 0, 0}};
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& [name, from, to] = buckets[i];
    const int orders = changes[i].second == GuideFill::none ? 5 : 80;
    r.cells.push_back(cell(name, from, to, current, changes[i].first, changes[i].second, orders));
  }
  return r;
}

AdjustmentGuide make_guide() {
  AdjustmentGuide g;
  g.as_of = Date::from_ymd(2026, 3, 1);
  GameGuide a;
  a.game_id = "G<1>&";
  a.game_date = Date::from_ymd(2026, 3, 12);
  a.tier = 1;
  a.opponent = "Rivals \"R\"";
  a.buckets = {"8-14", "4-7", "1-3", "0"};
  a.rows.push_back(row("A1", "Club & Co", 120,
                       {{12, GuideFill::dark}, {4, GuideFill::light}, {-8, GuideFill::none}, {0, GuideFill::light}}));
  a.rows.push_back(row("<B2>", "Upper", 80, {{-16, GuideFill::dark}, {-3, GuideFill::light}, {9, GuideFill::none}, {1, GuideFill::none}}));
  GameGuide b;
  b.game_id = "G2";
  b.game_date = Date::from_ymd(2026, 3, 20);
  b.tier = 3;
  b.buckets = {"8-14", "4-7"};
  b.rows.push_back(row("A1", "Club & Co", 0, {{15, GuideFill::none}, {20, GuideFill::none}}));  // no current price
  g.games = {a, b};
  SignificantRecommendation s1{"G<1>&", a.game_date, "<B2>", "8-14", 80, 64, -16, -0.2, 80};
  SignificantRecommendation s2{"G<1>&", a.game_date, "A1", "8-14", 120, 132, 12, 0.1, 80};
  g.significant = {s1, s2};
  return g;
}

void expect_self_contained_page(const std::string& html) {
  EXPECT_EQ(rt::check_markup(html, true), "");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("<meta charset=\"utf-8\">"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  // The only absolute URL allowed is the SVG namespace name, which is never fetched.
  std::string without_namespace = std::regex_replace(html, std::regex(R"(xmlns="http://www\.w3\.org/2000/svg")"), "");
  EXPECT_EQ(without_namespace.find("http://"), std::string::npos);
  EXPECT_EQ(without_namespace.find("https://"), std::string::npos);
}

// The <td> whose change text is `text`, as its start tag.
std::string cell_tag_with(const std::string& html, const std::string& text) {
  const auto at = html.find("<span class=\"chg\">" + text + "</span>");
  if (at == std::string::npos) return "";
  const auto start = html.rfind("<td ", at);
  return html.substr(start, html.find('>', start) - start + 1);
}

std::string css_rule(const std::string& html, const std::string& selector) {
  const auto at = html.find(selector + " {");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find('}', at) - at);
}

}  // namespace

TEST(HtmlGuide, IsASelfContainedWellFormedPage) {
  const std::string html = render_guide_html(make_guide());
  expect_self_contained_page(html);
  EXPECT_NE(html.find("<title>Price adjustment guide — as of 2026-03-01</title>"), std::string::npos);
  EXPECT_NE(html.find("position: sticky"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("sans-serif"), std::string::npos);
}

TEST(HtmlGuide, FillsMapToDistinctClassesWithDistinctBackgrounds) {
  const std::string html = render_guide_html(make_guide());
  EXPECT_EQ(render::fill_class(GuideFill::dark), "fill-dark");
  EXPECT_EQ(render::fill_class(GuideFill::light), "fill-light");
  EXPECT_EQ(render::fill_class(GuideFill::none), "fill-none");
  EXPECT_NE(cell_tag_with(html, "▲ $12 (+10%)").find("fill-dark"), std::string::npos);
  EXPECT_NE(cell_tag_with(html, "▲ $4 (+3%)").find("fill-light"), std::string::npos);
  EXPECT_NE(cell_tag_with(html, "▼ $8 (-7%)").find("fill-none"), std::string::npos);
  const std::string dark_up = css_rule(html, "td.fill-dark.up"), light_up = css_rule(html, "td.fill-light.up");
  const std::string dark_down = css_rule(html, "td.fill-dark.down"), light_down = css_rule(html, "td.fill-light.down");
  for (const auto* rule : {&dark_up, &light_up, &dark_down, &light_down}) EXPECT_NE(rule->find("background"), std::string::npos);
  EXPECT_NE(dark_up, light_up);
  EXPECT_NE(dark_down, light_down);
  EXPECT_EQ(css_rule(html, "td.fill-none").find("background"), std::string::npos);
}

TEST(HtmlGuide, ArrowsSignsAndTextColourClassesFollowTheChange) {
  const std::string html = render_guide_html(make_guide());
  // Up: ▲ and a plus sign, class up; down: ▼ and a minus sign, class down; deeper for bigger.
  const std::string up_large = cell_tag_with(html, "▲ $12 (+10%)");
  EXPECT_NE(up_large.find(" up m3 "), std::string::npos) << up_large;
  const std::string down_large = cell_tag_with(html, "▼ $16 (-20%)");
  EXPECT_NE(down_large.find(" down m3 "), std::string::npos) << down_large;
  const std::string down_small = cell_tag_with(html, "▼ $3 (-4%)");
  EXPECT_NE(down_small.find(" down m1 "), std::string::npos) << down_small;
  const std::string up_mid = cell_tag_with(html, "▲ $9 (+11%)");  // large but unsupported: no fill, text only
  EXPECT_NE(up_mid.find(" up m3 fill-none"), std::string::npos) << up_mid;
  const std::string flat = cell_tag_with(html, "= $0");
  EXPECT_NE(flat.find(" flat "), std::string::npos) << flat;
  // Without a current price there is no percentage to show.
  EXPECT_NE(html.find("<span class=\"chg\">▲ $15</span>"), std::string::npos);
  // The recommended price sits under the change.
  EXPECT_NE(html.find("<span class=\"chg\">▲ $12 (+10%)</span><span class=\"rec\">$132</span>"), std::string::npos);
  // Up is green and down is red in the stylesheet.
  EXPECT_NE(css_rule(html, ".up.m3").find("color: #10511f"), std::string::npos);
  EXPECT_NE(css_rule(html, ".down.m3").find("color: #7d1410"), std::string::npos);
}

TEST(HtmlGuide, HasSummaryLegendAndOneTablePerGame) {
  const std::string html = render_guide_html(make_guide());
  EXPECT_EQ(rt::count(html, "<table class=\"significant\">"), 1u);
  EXPECT_EQ(rt::count(html, "<table class=\"legend\">"), 1u);
  EXPECT_EQ(rt::count(html, "<table class=\"guide\">"), 2u);
  EXPECT_EQ(rt::count(html, "<section class=\"game\""), 2u);
  // Summary rows link to their game's table.
  EXPECT_NE(html.find("<a href=\"#game-0\">G&lt;1&gt;&amp;</a>"), std::string::npos);
  EXPECT_NE(html.find("id=\"game-0\""), std::string::npos);
  // Headers: Code, Group, Left, Current, then the buckets with the days they cover; the first is "now".
  for (const char* header : {">Code</th>", ">Group</th>", ">Left</th>", ">Current</th>", "8-14<span class=\"days\">now · 8–14 days before</span>",
                             "0<span class=\"days\">game day</span>"})
    EXPECT_NE(html.find(header), std::string::npos) << header;
  // A row per code: 2 in the first game, 1 in the second; 4 + 4 + 2 change cells, plus the legend's
  // 6 and the summary's 2.
  EXPECT_EQ(rt::count(html, "<th class=\"text code\" scope=\"row\">"), 3u);
  EXPECT_EQ(rt::count(html, "<td class=\"change "), 4u * 2 + 2 + 6 + 2);
  EXPECT_NE(html.find("<td title=\"floor $60\">$120</td>"), std::string::npos);
  EXPECT_NE(html.find("<td title=\"floor $60\">—</td>"), std::string::npos);  // no current price
}

TEST(HtmlGuide, EscapesEveryUserString) {
  const std::string html = render_guide_html(make_guide());
  for (const char* raw : {"G<1>&", "<B2>", "Club & Co", "Rivals \"R\""}) EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  for (const char* escaped : {"G&lt;1&gt;&amp;", "&lt;B2&gt;", "Club &amp; Co", "Rivals &quot;R&quot;"})
    EXPECT_NE(html.find(escaped), std::string::npos) << escaped;
}

TEST(HtmlGuide, EmptyGuideSaysSo) {
  AdjustmentGuide empty;
  empty.as_of = Date::from_ymd(2026, 1, 1);
  const std::string html = render_guide_html(empty);
  expect_self_contained_page(html);
  EXPECT_NE(html.find("No significant recommendations"), std::string::npos);
  EXPECT_EQ(rt::count(html, "<table class=\"guide\">"), 0u);
}

// ---- the daily index -------------------------------------------------------------------------

namespace {

struct IndexFixture {
  Dataset data;
  PlanSet plans;
  AdjustmentGuide guide = make_guide();
  DailyReportInput input;

  IndexFixture() {
    data.games = {{"G<1>&", Date::from_ymd(2026, 3, 12), 1, "Rivals"}, {"G2", Date::from_ymd(2026, 3, 20), 3, ""}};
    data.codes = {{"A1", "Club", 100, 60}, {"B2", "Upper", 300, 30}};
    data.reindex();
    plans.as_of = Date::from_ymd(2026, 3, 1);
    GamePlan g0{0, {}}, g1{1, {}};
    CodePlan p;
    p.remaining = 10;
    p.expected_tickets = 4;
    p.expected_revenue = 480;
    g0.plans = {p, p};
    g1.plans = {p};
    plans.games = {g0, g1};
    for (int i = 0; i < 23; ++i)
      guide.significant.push_back({"G2", Date::from_ymd(2026, 3, 20), "C" + std::to_string(i), "8-14", 50, 60, 10, 0.2, 40});
    input.as_of = plans.as_of;
    input.method = "stochastic";
    input.data = &data;
    input.plans = &plans;
    input.guide = &guide;
    input.files = {{"Guide (HTML)", "guide.html"}, {"Plan chart <A>", "charts/plan A&B.svg"}, {"evil", "javascript:alert(1)"}};
    input.charts = {{"Price plan for <A1>", svg_price_plan(p, "chart one")},
                    {"Matrices", "<?xml version=\"1.0\"?>\n" + svg_matrix_heatmaps({}, true, "chart two")}};
  }
};

}  // namespace

TEST(HtmlDailyIndex, TitleMethodAndCounts) {
  IndexFixture f;
  const std::string html = render_daily_index(f.input);
  expect_self_contained_page(html);
  EXPECT_NE(html.find("<title>seatsync daily run — as of 2026-03-01</title>"), std::string::npos);
  EXPECT_NE(html.find("<h1>seatsync daily run — as of 2026-03-01</h1>"), std::string::npos);
  EXPECT_NE(html.find("Planning method: <strong>stochastic</strong>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"n\">2</span><span class=\"label\">games planned</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"n\">3</span><span class=\"label\">price plans</span>"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"n\">25</span><span class=\"label\">significant recommendations</span>"),
            std::string::npos);
  // The games table names the games from the dataset, with their plans' totals.
  EXPECT_NE(html.find("<td class=\"text\">G&lt;1&gt;&amp;</td><td class=\"text\">2026-03-12</td><td>1</td>"
                      "<td class=\"text\">Rivals</td><td>2</td><td>20</td><td>8.0</td><td>$960</td>"),
            std::string::npos);
}

TEST(HtmlDailyIndex, ShowsTheTop20SignificantRecommendations) {
  IndexFixture f;
  const std::string html = render_daily_index(f.input);
  const auto start = html.find("<table class=\"significant\">");
  ASSERT_NE(start, std::string::npos);
  const std::string table = html.substr(start, html.find("</table>", start) - start);
  EXPECT_EQ(rt::count(table, "<tr>") - 1, 20u);  // minus the header row
  EXPECT_NE(html.find("Showing the 20 largest of 25 significant recommendations."), std::string::npos);
  EXPECT_NE(table.find("▼ $16 (-20%)"), std::string::npos);  // the first, in the guide's order
}

TEST(HtmlDailyIndex, LinksFilesSafelyAndInlinesCharts) {
  IndexFixture f;
  const std::string html = render_daily_index(f.input);
  EXPECT_NE(html.find("<a href=\"guide.html\">Guide (HTML)</a>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"charts/plan%20A%26B.svg\">Plan chart &lt;A&gt;</a>"), std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
  EXPECT_NE(html.find("href=\"javascript%3Aalert%281%29\""), std::string::npos);
  EXPECT_EQ(rt::count(html, "<svg "), 2u);
  EXPECT_EQ(rt::count(html, "<figure class=\"chart\">"), 2u);
  EXPECT_NE(html.find("<figcaption>Price plan for &lt;A1&gt;</figcaption>"), std::string::npos);
  EXPECT_EQ(html.find("<?xml"), std::string::npos);  // an XML prolog has no place inside HTML
}

TEST(HtmlDailyIndex, CopesWithoutPlansGuideOrData) {
  DailyReportInput input;
  input.as_of = Date::from_ymd(2026, 1, 2);
  const std::string html = render_daily_index(input);
  expect_self_contained_page(html);
  EXPECT_NE(html.find("No guide was built in this run."), std::string::npos);
  EXPECT_NE(html.find("No files were written."), std::string::npos);
  EXPECT_NE(html.find("<span class=\"n\">0</span><span class=\"label\">games planned</span>"), std::string::npos);

  // Plans without a dataset: games are named by index rather than crashing.
  IndexFixture f;
  f.input.data = nullptr;
  const std::string no_data = render_daily_index(f.input);
  EXPECT_EQ(rt::check_markup(no_data, true), "");
  EXPECT_NE(no_data.find("game #1"), std::string::npos);
}
