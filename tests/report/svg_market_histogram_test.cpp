// Thesis Figure 5-2's histogram and its small multiples: well-formed XML (our checker, and
// xmllint when installed), one bar per non-empty bin whose count is the histogram's, bars
// coloured by the sign of the difference, and the empty case.
#include <gtest/gtest.h>

#include <cmath>

#include "render_test_util.hpp"
#include "seatsync/market_comparison.hpp"

using namespace seatsync;
namespace rt = seatsync::render_test;

namespace {

void expect_well_formed(const std::string& svg) {
  EXPECT_EQ(rt::check_markup(svg, false), "");
  const auto lint = rt::xmllint(svg);
  if (lint.available) EXPECT_TRUE(lint.ok) << lint.messages;
  EXPECT_EQ(svg.find("nan"), std::string::npos) << "a NaN coordinate leaked";
}

// A lopsided sample, most differences positive as in the thesis, two (under 1%) far out.
DifferenceHistogram sample_histogram() {
  std::vector<double> diffs, tickets;
  for (int i = 0; i < 300; ++i) {
    diffs.push_back(25 + 30 * std::sin(i * 1.3) + (i % 150 == 0 ? 400 : 0));
    tickets.push_back(1 + i % 4);
  }
  return fill_histogram(histogram_edges(diffs), diffs, tickets);
}

TEST(SvgMarketHistogram, BarsCarryTheHistogramsCounts) {
  const DifferenceHistogram h = sample_histogram();
  const std::string svg = svg_market_histogram(h, "Ours − market <matched>", "300 sales & more");
  expect_well_formed(svg);
  EXPECT_NE(svg.find("Ours − market &lt;matched&gt;"), std::string::npos);
  const auto bars = rt::start_tags(svg, "rect", "class=\"bar\"");
  std::vector<std::size_t> expected;
  for (const auto& b : h.bins)
    if (b.count > 0) expected.push_back(b.count);
  ASSERT_EQ(bars.size(), expected.size());
  std::size_t total = 0;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    EXPECT_EQ(rt::number_attribute(bars[i], "data-count"), static_cast<double>(expected[i]));
    total += expected[i];
  }
  EXPECT_EQ(total, 300u);
  // Taller bars for larger counts: heights proportional to the counts.
  double ratio = -1;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double r = rt::number_attribute(bars[i], "height") / static_cast<double>(expected[i]);
    if (ratio < 0) ratio = r;
    EXPECT_NEAR(r, ratio, 0.05 * ratio);
  }
  // One value marker per bin, and the open end bin says so.
  EXPECT_EQ(rt::start_tags(svg, "circle", "value-marker").size(), h.bins.size());
  EXPECT_TRUE(h.open_high);
  EXPECT_NE(svg.find("or more"), std::string::npos);
}

TEST(SvgMarketHistogram, SmallMultiplesShareTheBinsAndCountAllSales) {
  const DifferenceHistogram edges = sample_histogram();
  std::vector<LabelledStats> panels;
  for (int g = 0; g < 4; ++g) {
    std::vector<double> diffs, tickets;
    for (int i = 0; i < 20 + 10 * g; ++i) {
      diffs.push_back(-20 + 3.0 * i - 5 * g);
      tickets.push_back(2);
    }
    LabelledStats p;
    p.label = "Group " + std::to_string(g);
    p.stats.count = diffs.size();
    p.histogram = fill_histogram(edges, diffs, tickets);
    panels.push_back(p);
  }
  const std::string svg = svg_market_histogram_panels(panels, "By group");
  expect_well_formed(svg);
  EXPECT_EQ(rt::count(svg, "class=\"panel\""), 4u);
  std::size_t drawn = 0, expected = 0;
  for (const auto& bar : rt::start_tags(svg, "rect", "class=\"bar\"")) drawn += static_cast<std::size_t>(rt::number_attribute(bar, "data-count"));
  for (const auto& p : panels) expected += p.stats.count;
  EXPECT_EQ(drawn, expected);
}

TEST(SvgMarketHistogram, EmptyAndAllOnOneSide) {
  const std::string empty = svg_market_histogram({}, "Nothing", "");
  expect_well_formed(empty);
  EXPECT_NE(empty.find("No sale matched"), std::string::npos);
  expect_well_formed(svg_market_histogram_panels({}, "Nothing"));

  const std::vector<double> below{-30, -12, -12, -5};
  const auto h = fill_histogram(histogram_edges(below), below, {1, 1, 1, 1});
  const std::string svg = svg_market_histogram(h, "All below", "");
  expect_well_formed(svg);
  for (const auto& bar : rt::start_tags(svg, "rect", "class=\"bar\""))
    EXPECT_NE(bar.find("#CC79A7"), std::string::npos) << "a bar below the market drawn in the above colour: " << bar;
}

}  // namespace
