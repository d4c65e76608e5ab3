// The daily run's booking-curve parts: the chart (well-formed, with the sold curve, reference,
// forecast and bands, escaped text, a game without history) and the index section.
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <regex>

#include <cmath>

#include "render_test_util.hpp"
#include "seatsync/booking_curve.hpp"
#include "seatsync/daily_run.hpp"
#include "seatsync/report.hpp"
#include "seatsync/simulator.hpp"
#include "test_support.hpp"

using namespace seatsync;
namespace rt = seatsync::render_test;
namespace fs = std::filesystem;

namespace {

void expect_well_formed(const std::string& svg) {
  EXPECT_EQ(rt::check_markup(svg, false), "");
  const auto lint = rt::xmllint(svg);
  if (lint.available) EXPECT_TRUE(lint.ok) << lint.messages;
  EXPECT_EQ(svg.find("nan"), std::string::npos) << "a NaN coordinate leaked";
}

TEST(BookingChart, SimulatedGamesDrawEveryPart) {
  const auto& market = test::one_season_market();
  const BookingForecastSet set = forecast_bookings(market.dataset, market.truth.as_of);
  const auto charts = booking_charts(market.dataset, set);
  ASSERT_EQ(charts.size(), set.games.size());
  ASSERT_FALSE(charts.empty());
  const GameBookingChart& c = charts.front();
  ASSERT_FALSE(c.expected.empty());
  // The forecast starts at what is sold today and ends at the summed expected final.
  EXPECT_EQ(c.expected.front().days_before, c.days_before);
  EXPECT_NEAR(c.expected.front().tickets, c.sold.back().tickets, 1e-9);
  double expected = 0;
  for (const auto& f : set.games.front().codes) expected += f.expected_final;
  EXPECT_NEAR(c.expected.back().tickets, expected, 1e-6);
  EXPECT_EQ(c.expected.back().days_before, -1);
  EXPECT_LE(c.lower_95.back().tickets, c.lower_80.back().tickets);
  EXPECT_LE(c.upper_80.back().tickets, c.upper_95.back().tickets);
  EXPECT_LE(c.upper_95.back().tickets, c.seats);
  const std::string svg = svg_booking_curve(c, "Game <1> & co", "sub \"title\"");
  expect_well_formed(svg);
  for (const char* part : {"class=\"sold\"", "class=\"reference\"", "class=\"forecast\"", "class=\"band-80\"",
                           "class=\"band-95\"", "class=\"seats\"", "Game &lt;1&gt; &amp; co"})
    EXPECT_NE(svg.find(part), std::string::npos) << part;
  // A game days away shows the last weeks, not the whole booking window, so the forecast is legible.
  const int window = std::max(60, 3 * c.days_before + 14);
  ASSERT_GT(c.reference.front().days_before, window) << "the simulated booking window is longer than the chart's";
  EXPECT_NE(svg.find(fmt::format("the last {} days", window)), std::string::npos);
}

TEST(BookingChart, AGameWithoutHistorySaysSo) {
  GameBookingChart chart;
  chart.days_before = 10;
  chart.seats = 100;
  chart.sold = {{12, 0}, {11, 3}, {10, 5}};
  const std::string svg = svg_booking_curve(chart, "t", "s");
  expect_well_formed(svg);
  EXPECT_NE(svg.find("No forecast"), std::string::npos);
}

TEST(BookingDaily, IndexShowsForecastsAndLinksEveryBookingChart) {
  const auto& market = test::one_season_market();
  test::TempDir dir;
  const fs::path out = dir / "daily";
  const auto r = run_daily(market.dataset, market.truth.as_of, out);
  const std::string index = test::read_file(out / "index.html");
  EXPECT_NE(index.find("<h2>Booking-curve forecasts</h2>"), std::string::npos);
  EXPECT_NE(index.find("Highest P(sellout)"), std::string::npos);
  std::size_t booking_charts = 0;
  for (const auto& f : r.files)
    if (f.rfind("charts/booking-", 0) == 0) {
      ++booking_charts;
      EXPECT_NE(index.find(f), std::string::npos) << f;
    }
  EXPECT_EQ(booking_charts, r.games);
  // The games table carries the forecast beside the plan: every planned game has its final
  // tickets with an 80% interval and a P(sellout) in percent, none shows a dash.
  EXPECT_NE(index.find("<th>Forecast final tickets (80%)</th><th>P(sellout), highest code</th>"), std::string::npos);
  const std::string games = index.substr(index.find("<h2>Games</h2>"), index.find("<h2>Booking-curve") - index.find("<h2>Games</h2>"));
  const std::regex cells(R"(<td>\d+ \(\d+–\d+\)</td><td>\d+%</td></tr>)");
  EXPECT_EQ(static_cast<std::size_t>(std::distance(std::sregex_iterator(games.begin(), games.end(), cells), std::sregex_iterator())),
            r.games);
  EXPECT_EQ(games.find("<td>—</td>"), std::string::npos);
}

}  // namespace
