// The SVG charts: the price plan (thesis Figure 3-2) and the Demand Matrix heatmap grid
// (Figures 4-9, 4-11), plus the scale, tick and money-format helpers under them. Every chart
// is checked to be well-formed XML (our checker, and xmllint when installed).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <regex>

#include "render_test_util.hpp"
#include "report/colour_scale.hpp"
#include "report/money_text.hpp"
#include "report/svg_canvas.hpp"
#include "seatsync/report.hpp"

using namespace seatsync;
namespace rt = seatsync::render_test;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void expect_well_formed(const std::string& svg) {
  EXPECT_EQ(rt::check_markup(svg, false), "");
  const auto lint = rt::xmllint(svg);
  if (lint.available) EXPECT_TRUE(lint.ok) << lint.messages;
  EXPECT_EQ(svg.find("nan"), std::string::npos) << "a NaN coordinate leaked";
  EXPECT_EQ(svg.find("inf\""), std::string::npos) << "an infinite coordinate leaked";
}

CodePlan make_plan(const std::vector<std::pair<double, double>>& price_revenue) {
  static const char* kNames[] = {"31-60", "15-30", "8-14", "4-7", "1-3", "0", "x6", "x7", "x8", "x9", "x10", "x11"};
  CodePlan plan;
  plan.remaining = 40;
  plan.current_price = 110.0;
  for (std::size_t i = 0; i < price_revenue.size(); ++i) {
    BucketRecommendation b;
    b.bucket = i;
    b.name = i < std::size(kNames) ? kNames[i] : "b" + std::to_string(i);
    b.price = price_revenue[i].first;
    b.expected_revenue = price_revenue[i].second;
    b.expected_quantity = b.price > 0 ? b.expected_revenue / b.price : 0;
    plan.buckets.push_back(b);
    plan.expected_revenue += b.expected_revenue;
    plan.expected_tickets += b.expected_quantity;
  }
  return plan;
}

// A group matrix with `buckets` rows and `quantities` columns; `price(b, q)` for the observed
// cells (NaN = unobserved), the completed price fills every cell.
CompletedMatrix make_matrix(int tier, std::string group, int buckets, int quantities,
                            const std::function<double(int, int)>& observed_price, std::string code = "") {
  CompletedMatrix m;
  m.method = CompletionMethod::hybrid;
  m.observed.tier = tier;
  m.observed.group = std::move(group);
  m.observed.code = std::move(code);
  for (int b = 0; b < buckets; ++b) m.observed.bucket_names.push_back("b" + std::to_string(b));
  m.observed.price.resize(buckets, quantities);
  m.observed.games.setZero(buckets, quantities);
  m.observed.orders.setZero(buckets, quantities);
  m.price.resize(buckets, quantities);
  for (int b = 0; b < buckets; ++b)
    for (int q = 1; q <= quantities; ++q) {
      const double v = observed_price(b, q);
      m.observed.price(b, q - 1) = v;
      if (std::isfinite(v)) {
        m.observed.games(b, q - 1) = 2;
        m.observed.orders(b, q - 1) = 5;
      }
      m.price(b, q - 1) = 100.0 + 10.0 * b - q;
    }
  return m;
}

}  // namespace

// ---- helpers ---------------------------------------------------------------------------------

TEST(SvgScale, NiceAxisCoversTheDataWithNiceSteps) {
  const auto axis = render::nice_axis(93, 151, 5);
  EXPECT_LE(axis.lo, 93);
  EXPECT_GE(axis.hi, 151);
  EXPECT_DOUBLE_EQ(axis.step, 20);
  EXPECT_EQ(axis.ticks.front(), 80);
  EXPECT_EQ(axis.ticks.back(), 160);
}

TEST(SvgScale, DegenerateRangesStillGiveDistinctTicks) {
  for (auto [lo, hi] : std::vector<std::pair<double, double>>{
           {120, 120}, {0, 0}, {kNaN, kNaN}, {1e15, 1e15 + 1}, {0, std::numeric_limits<double>::infinity()}, {0, 1e300}}) {
    const auto axis = render::nice_axis(lo, hi, 5);
    ASSERT_GE(axis.ticks.size(), 2u) << lo << " " << hi;
    EXPECT_LT(axis.ticks.size(), 30u);
    for (std::size_t i = 1; i < axis.ticks.size(); ++i) EXPECT_LT(axis.ticks[i - 1], axis.ticks[i]);
    if (std::isfinite(lo) && std::isfinite(hi) && hi < 1e300) {
      EXPECT_LE(axis.lo, lo);
      EXPECT_GE(axis.hi, hi);
    }
  }
  // Equal prices never make the axis go negative.
  EXPECT_GE(render::nice_axis(3, 3).lo, 0.0);
}

TEST(SvgScale, AxisFromZeroHasTheRequestedIntervals) {
  const auto axis = render::nice_axis_from_zero(3400, 4);
  EXPECT_EQ(axis.ticks.size(), 5u);
  EXPECT_EQ(axis.lo, 0);
  EXPECT_GE(axis.hi, 3400);
  EXPECT_DOUBLE_EQ(axis.step, 1000);
  EXPECT_EQ(render::nice_axis_from_zero(0, 4).ticks.size(), 5u);  // zero revenue: still an axis
}

TEST(SvgScale, ZeroWidthDomainMapsToTheMiddle) {
  const render::LinearScale s{5, 5, 0, 100};
  EXPECT_DOUBLE_EQ(s(5), 50);
  const render::LinearScale t{0, 10, 200, 100};
  EXPECT_DOUBLE_EQ(t(2.5), 175);
}

TEST(SvgMoney, FormatsPricesTicksAndChanges) {
  EXPECT_EQ(render::format_money(1234.5), "$1,234.50");
  EXPECT_EQ(render::format_money(145), "$145");
  EXPECT_EQ(render::format_money(-5), "-$5");
  EXPECT_EQ(render::format_money(119.99), "$119.99");
  EXPECT_EQ(render::format_money(1234567), "$1,234,567");
  EXPECT_EQ(render::format_money(kNaN), "—");
  EXPECT_EQ(render::format_money_tick(2500, 500), "$2,500");
  EXPECT_EQ(render::format_money_tick(25000, 2500), "$25.0k");
  EXPECT_EQ(render::format_money_tick(20000, 5000), "$20k");
  EXPECT_EQ(render::format_money_tick(1.5e6, 5e5), "$1.5M");
  EXPECT_EQ(render::format_money_tick(3e12, 1e12), "$3T");
  EXPECT_EQ(render::format_money_tick(0.4, 0.2), "$0.40");
  EXPECT_EQ(render::format_change(12, 0.09, true), "▲ $12 (+9%)");
  EXPECT_EQ(render::format_change(-8, -0.0612, true), "▼ $8 (-6%)");
  EXPECT_EQ(render::format_change(0.001, 0.0, true), "= $0");
  EXPECT_EQ(render::format_change(15, 0, false), "▲ $15");
  EXPECT_EQ(render::format_share(0.004), "+0.4%");
}

TEST(SvgColour, SequentialPaletteRunsDarkToLight) {
  EXPECT_EQ(render::sequential_colour(0), "#440154");
  EXPECT_EQ(render::sequential_colour(1), "#fde725");
  EXPECT_EQ(render::sequential_colour(-3), "#440154");
  EXPECT_EQ(render::sequential_colour(7), "#fde725");
  auto luminance = [](const std::string& hex) {
    const int r = std::stoi(hex.substr(1, 2), nullptr, 16), g = std::stoi(hex.substr(3, 2), nullptr, 16),
              b = std::stoi(hex.substr(5, 2), nullptr, 16);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  double previous = -1;
  for (int i = 0; i <= 20; ++i) {
    const std::string c = render::sequential_colour(i / 20.0);
    EXPECT_NE(c, "#ffffff");  // white is kept for "no data"
    EXPECT_GT(luminance(c), previous) << i;
    previous = luminance(c);
  }
}

TEST(SvgCanvas, EscapesTextAndClosesGroups) {
  render::SvgCanvas svg(100, 50, "a <b> & \"c\"");
  svg.begin_group(R"(class="x")");
  svg.text(1, 2, "<&>'\"");
  svg.rect(0, 0, -5, kNaN, R"(fill="red")", "tip <x>");
  const std::string out = svg.str();
  expect_well_formed(out);
  EXPECT_NE(out.find("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"), std::string::npos);
  EXPECT_NE(out.find("&lt;&amp;&gt;&#39;&quot;"), std::string::npos);
  EXPECT_NE(out.find(R"(width="0" height="0")"), std::string::npos);  // negative and NaN sizes clamp
}

TEST(SvgCanvas, FitTextCutsAtCharacterBoundaries) {
  EXPECT_EQ(render::fit_text("short", 200, 12), "short");
  const std::string long_text = "Tier 1 · Lower Bowl Premium Seating — Sideline ▲▲▲";
  for (double width : {40.0, 80.0, 120.0, 160.0}) {
    const std::string cut = render::fit_text(long_text, width, 12);
    EXPECT_LE(render::estimate_text_width(cut, 12), width) << cut;
    EXPECT_EQ(cut.substr(cut.size() - 3), "…");
    // Valid UTF-8: every lead byte is followed by the right number of continuation bytes.
    for (std::size_t i = 0; i < cut.size();) {
      const auto c = static_cast<unsigned char>(cut[i]);
      const std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      ASSERT_LE(i + n, cut.size()) << cut;
      for (std::size_t k = 1; k < n; ++k) EXPECT_EQ(static_cast<unsigned char>(cut[i + k]) & 0xC0, 0x80) << cut;
      i += n;
    }
  }
}

// ---- the price plan --------------------------------------------------------------------------

TEST(SvgPricePlan, HasAxesLegendAndOneMarkerPerBucket) {
  const auto plan = make_plan({{100, 1000}, {120, 0}, {150, 3000}, {90, 1500}});
  const std::string svg = svg_price_plan(plan, "G1 · code A");
  expect_well_formed(svg);
  for (const char* label : {"Price per ticket ($)", "Expected revenue ($)", "Days before the game",
                            "Price per ticket (left axis)", "Expected revenue (right axis)", "31-60", "15-30", "8-14"})
    EXPECT_NE(svg.find(label), std::string::npos) << label;
  EXPECT_EQ(rt::count(svg, R"(class="price-marker")"), 4u);
  EXPECT_EQ(rt::count(svg, R"(class="revenue-bar")"), 4u);
  EXPECT_EQ(rt::count(svg, R"(class="bucket-label")"), 4u);
  // Money-formatted ticks on both axes.
  EXPECT_NE(svg.find(R"(class="price-tick">$100</text>)"), std::string::npos);
  EXPECT_NE(svg.find(R"(class="revenue-tick">$0</text>)"), std::string::npos);
  EXPECT_NE(svg.find("$150"), std::string::npos);  // the price label over the marker
}

TEST(SvgPricePlan, BarsAreProportionalToRevenueAndMarkersToPrice) {
  const std::vector<std::pair<double, double>> values{{100, 1000}, {120, 0}, {150, 3000}, {90, 1500}};
  const std::string svg = svg_price_plan(make_plan(values), "plan");
  const auto bars = rt::start_tags(svg, "rect", R"(class="revenue-bar")");
  const auto markers = rt::start_tags(svg, "circle", R"(class="price-marker")");
  ASSERT_EQ(bars.size(), 4u);
  ASSERT_EQ(markers.size(), 4u);
  const double baseline = rt::number_attribute(bars[0], "y") + rt::number_attribute(bars[0], "height");
  const double per_dollar = rt::number_attribute(bars[0], "height") / 1000.0;
  ASSERT_GT(per_dollar, 0);
  double previous_x = -1;
  for (std::size_t i = 0; i < 4; ++i) {
    const double height = rt::number_attribute(bars[i], "height");
    EXPECT_NEAR(height, values[i].second * per_dollar, 0.02) << i;
    EXPECT_NEAR(rt::number_attribute(bars[i], "y") + height, baseline, 0.02) << "bars share the baseline";
    const double x = rt::number_attribute(bars[i], "x");
    EXPECT_GT(x, previous_x) << "buckets run left to right in plan order";
    previous_x = x;
    // The marker sits over its bar.
    EXPECT_NEAR(rt::number_attribute(markers[i], "cx"), x + rt::number_attribute(bars[i], "width") / 2, 0.02);
  }
  // Higher price = higher on the chart, linearly.
  const double cy100 = rt::number_attribute(markers[0], "cy"), cy150 = rt::number_attribute(markers[2], "cy");
  const double per_price = (cy100 - cy150) / 50.0;
  ASSERT_GT(per_price, 0);
  EXPECT_NEAR(rt::number_attribute(markers[1], "cy"), cy100 - 20 * per_price, 0.02);
  EXPECT_NEAR(rt::number_attribute(markers[3], "cy"), cy100 + 10 * per_price, 0.02);
}

TEST(SvgPricePlan, EscapesTheTitle) {
  const std::string svg = svg_price_plan(make_plan({{100, 10}}), R"(Game <A&B> "x")");
  expect_well_formed(svg);
  EXPECT_NE(svg.find("Game &lt;A&amp;B&gt; &quot;x&quot;"), std::string::npos);
  EXPECT_EQ(svg.find("<A&B>"), std::string::npos);
}

TEST(SvgPricePlan, WidensForALongTitleAndCutsAnOverlongOne) {
  const auto plan = make_plan({{100, 10}, {110, 20}});
  const std::string title(90, 'T');
  const std::string wide = svg_price_plan(plan, title);
  const double width = rt::number_attribute(rt::start_tags(wide, "svg", "viewBox")[0], "width");
  EXPECT_GT(width, 640);
  EXPECT_GE(width, 84 + render::estimate_text_width(title, 17));
  EXPECT_NE(wide.find(">" + title + "</text>"), std::string::npos);

  const std::string overlong(400, 'L');
  const std::string cut = svg_price_plan(plan, overlong);
  expect_well_formed(cut);
  EXPECT_EQ(rt::number_attribute(rt::start_tags(cut, "svg", "viewBox")[0], "width"), 1400);
  EXPECT_NE(cut.find("<title>" + overlong + "</title>"), std::string::npos);  // whole in the accessible name
  EXPECT_NE(cut.find("L…</text>"), std::string::npos);                       // cut where it is drawn
}

TEST(SvgPricePlan, HandlesEdgeCases) {
  struct Case {
    const char* name;
    std::vector<std::pair<double, double>> values;
  };
  const std::vector<Case> cases{
      {"one bucket", {{120, 600}}},
      {"zero revenue", {{100, 0}, {110, 0}, {120, 0}}},
      {"equal prices", {{99.99, 500}, {99.99, 700}, {99.99, 100}}},
      {"huge values", {{2e12, 5e15}, {3e12, 1e16}}},
      {"a NaN bucket", {{100, 500}, {kNaN, kNaN}, {120, 800}}},
      {"many buckets", std::vector<std::pair<double, double>>(30, {80, 200})},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string svg = svg_price_plan(make_plan(c.values), c.name);
    expect_well_formed(svg);
    std::size_t finite = 0;
    for (const auto& v : c.values) finite += std::isfinite(v.first);
    EXPECT_EQ(rt::count(svg, R"(class="price-marker")"), finite);
    // Everything drawn stays on the canvas.
    const double height = rt::number_attribute(rt::start_tags(svg, "svg", "viewBox")[0], "height");
    for (const auto& tag : rt::start_tags(svg, "circle", "price-marker")) {
      EXPECT_GE(rt::number_attribute(tag, "cy"), 0);
      EXPECT_LE(rt::number_attribute(tag, "cy"), height);
    }
    for (const auto& tag : rt::start_tags(svg, "rect", "revenue-bar")) EXPECT_GE(rt::number_attribute(tag, "y"), 0);
  }
  EXPECT_NE(svg_price_plan(make_plan({{100, 0}, {110, 0}}), "z").find("No sales expected"), std::string::npos);
  EXPECT_NE(svg_price_plan(make_plan({{2e12, 5e15}, {3e12, 1e16}}), "h").find("T</text>"), std::string::npos);
  const std::string empty = svg_price_plan(CodePlan{}, "empty");
  expect_well_formed(empty);
  EXPECT_NE(empty.find("No buckets left to plan"), std::string::npos);
}

// ---- the heatmaps ----------------------------------------------------------------------------

TEST(SvgHeatmap, OnePanelPerMatrixInTierRowsAndGroupColumns) {
  auto sparse = [](int b, int q) { return (b + q) % 3 == 0 ? kNaN : 50.0 + b * 10 + q; };
  // Groups in the order given (Value before Premium), tiers out of order: rows must ascend.
  const std::vector<CompletedMatrix> matrices{make_matrix(2, "Value", 4, 6, sparse), make_matrix(1, "Value", 4, 6, sparse),
                                              make_matrix(1, "Premium", 4, 6, sparse),
                                              make_matrix(2, "Premium", 4, 6, sparse)};
  const std::string svg = svg_matrix_heatmaps(matrices, false, "Observed");
  expect_well_formed(svg);
  EXPECT_EQ(rt::count(svg, R"(class="panel")"), 4u);
  const auto titles = rt::start_tags(svg, "text", R"(class="panel-title")");
  ASSERT_EQ(titles.size(), 4u);
  auto position_of = [&](const std::string& title) {
    const auto at = svg.find(">" + title + "</text>");
    EXPECT_NE(at, std::string::npos) << title;
    const auto start = svg.rfind("<text ", at);
    const std::string tag = svg.substr(start, at - start + 1);
    return std::pair{rt::number_attribute(tag, "x"), rt::number_attribute(tag, "y")};
  };
  const auto v1 = position_of("Tier 1 · Value"), p1 = position_of("Tier 1 · Premium");
  const auto v2 = position_of("Tier 2 · Value"), p2 = position_of("Tier 2 · Premium");
  EXPECT_LT(v1.first, p1.first);   // columns in the order given
  EXPECT_EQ(v1.first, v2.first);   // one column per group
  EXPECT_LT(v1.second, v2.second);  // tier 1 above tier 2
  EXPECT_EQ(p1.second, v1.second);
  EXPECT_EQ(p2.second, v2.second);
  for (const char* hint : {"tickets sold →", "days before ↓", "Low", "High price, within each panel", "No sales observed"})
    EXPECT_NE(svg.find(hint), std::string::npos) << hint;
}

TEST(SvgHeatmap, RawModeLeavesUnobservedCellsBlankCompletedModeFillsThem) {
  int observed = 0;
  auto sparse = [&](int b, int q) {
    const bool seen = (b * 7 + q) % 4 != 0;
    return seen ? 40.0 + q * 3 + b : kNaN;
  };
  const auto m = make_matrix(1, "Club", 5, 8, sparse);
  for (int b = 0; b < 5; ++b)
    for (int q = 1; q <= 8; ++q) observed += std::isfinite(m.observed.price(b, q - 1));
  ASSERT_LT(observed, 40);
  const std::string raw = svg_matrix_heatmaps({m}, false, "raw");
  const std::string completed = svg_matrix_heatmaps({m}, true, "completed");
  expect_well_formed(raw);
  expect_well_formed(completed);
  EXPECT_EQ(rt::count(raw, R"(class="cell")"), static_cast<std::size_t>(observed));
  EXPECT_EQ(rt::count(completed, R"(class="cell")"), 40u);
  EXPECT_EQ(completed.find("No sales observed"), std::string::npos);  // no blanks, so no legend entry
  // Normalised within the panel: the cheapest and dearest cells take the palette's ends.
  for (const auto* svg : {&raw, &completed}) {
    EXPECT_NE(svg->find(R"(class="cell" fill="#440154")"), std::string::npos);
    EXPECT_NE(svg->find(R"(class="cell" fill="#fde725")"), std::string::npos);
  }
  // The panel's price range is printed, so levels can be compared across panels.
  EXPECT_NE(completed.find("$92 – $139"), std::string::npos);
}

TEST(SvgHeatmap, BinsWideMatricesAndSaysSo) {
  // 300 quantities → 60 columns of 5; observed price = quantity, so bin 1 is the mean of 1 … 5.
  const auto m = make_matrix(1, "Upper", 3, 300, [](int, int q) { return static_cast<double>(q); });
  const std::string svg = svg_matrix_heatmaps({m}, false, "wide");
  expect_well_formed(svg);
  EXPECT_EQ(rt::count(svg, R"(class="cell")"), 3u * 60u);
  EXPECT_NE(svg.find("mean of up to 5 consecutive quantities"), std::string::npos);
  EXPECT_NE(svg.find("1–5 tickets: $3 (10 games)"), std::string::npos);
  EXPECT_NE(svg.find("296–300 tickets: $298"), std::string::npos);
  // Cells fill the panel without growing it: 60 columns side by side in one panel width.
  const auto cells = rt::start_tags(svg, "rect", R"(class="cell")");
  const double first_x = rt::number_attribute(cells[0], "x"), last_x = rt::number_attribute(cells[59], "x");
  EXPECT_GT(last_x, first_x);
  EXPECT_LT(last_x - first_x, 300);

  // 61 quantities: bins of 2, the last holding just quantity 61.
  const auto odd = make_matrix(1, "Upper", 2, 61, [](int, int q) { return static_cast<double>(q); });
  const std::string svg61 = svg_matrix_heatmaps({odd}, false, "odd");
  EXPECT_EQ(rt::count(svg61, R"(class="cell")"), 2u * 31u);
  EXPECT_NE(svg61.find("61–61 tickets: $61"), std::string::npos);
  // Narrow matrices are not binned and say nothing about it.
  EXPECT_EQ(svg_matrix_heatmaps({make_matrix(1, "x", 2, 12, [](int, int q) { return 1.0 * q; })}, false, "n")
                .find("binned"),
            std::string::npos);
}

TEST(SvgHeatmap, PooledAndCodeMatricesAreTitledAndTextIsEscaped) {
  auto full = [](int b, int q) { return 30.0 + b + q; };
  const std::vector<CompletedMatrix> matrices{make_matrix(0, "Club", 3, 4, full), make_matrix(1, "Club", 3, 4, full, "A1"),
                                              make_matrix(1, "<Suites & \"Co\">", 3, 4, full)};
  const std::string svg = svg_matrix_heatmaps(matrices, true, "t <&>");
  expect_well_formed(svg);
  EXPECT_NE(svg.find("All tiers · Club"), std::string::npos);
  EXPECT_NE(svg.find("Tier 1 · A1 (Club)"), std::string::npos);
  EXPECT_NE(svg.find("&lt;Suites &amp; &quot;Co&quot;&gt;"), std::string::npos);
  EXPECT_NE(svg.find("t &lt;&amp;&gt;"), std::string::npos);
  EXPECT_NE(svg.find("price codes"), std::string::npos);  // columns are codes when matrices are per code
  EXPECT_EQ(rt::count(svg, R"(class="panel")"), 3u);
}

TEST(SvgHeatmap, EmptyInputsAreStillValidCharts) {
  const std::string none = svg_matrix_heatmaps({}, true, "nothing");
  expect_well_formed(none);
  EXPECT_NE(none.find("No Demand Matrices to show"), std::string::npos);
  const auto unobserved = make_matrix(3, "Bleachers", 4, 5, [](int, int) { return kNaN; });
  const std::string raw = svg_matrix_heatmaps({unobserved}, false, "blank");
  expect_well_formed(raw);
  EXPECT_EQ(rt::count(raw, R"(class="cell")"), 0u);
  EXPECT_NE(raw.find("no sales observed"), std::string::npos);
  // One price everywhere: a single mid-palette colour, no division by zero.
  const auto flat = make_matrix(1, "Flat", 2, 3, [](int, int) { return 75.0; });
  const std::string flat_svg = svg_matrix_heatmaps({flat}, false, "flat");
  expect_well_formed(flat_svg);
  EXPECT_EQ(rt::count(flat_svg, "fill=\"" + render::sequential_colour(0.5) + "\""), 6u);
}
