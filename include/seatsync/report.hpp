#pragma once
// The analyst's outputs besides the workbooks: the guide as XLSX and HTML, SVG charts (a price
// plan, Demand Matrix heatmaps) and the daily report page that links everything.
#include <filesystem>
#include <string>
#include <vector>

#include "seatsync/adjustment_guide.hpp"
#include "seatsync/booking_curve.hpp"
#include "seatsync/completion.hpp"
#include "seatsync/planner.hpp"

namespace seatsync {

struct MarketComparison;  // seatsync/market_comparison.hpp

// The guide as a workbook: a "Summary" sheet (the significant recommendations of every game, a
// legend), then one sheet per game (rows = codes, columns = buckets; frozen headers, readable
// widths, text green up / red down by magnitude, fill dark / light / none as GuideCell says).
void write_guide_xlsx(const AdjustmentGuide& guide, const std::filesystem::path& file);

// The same guide as one self-contained HTML page (inline CSS, no scripts or external files):
// the significant recommendations, a legend, then one table per game (Code, Group, Left,
// Current, then per bucket "▲ $12 (+9%)" over the recommended price), text green up / red down
// by magnitude, background dark / light / none as GuideCell::fill says, a sticky header row, and
// one game per page when printed. All user text is escaped.
std::string render_guide_html(const AdjustmentGuide& guide);

// SVG (self-contained, with axes, labels and a legend) of one plan: price per bucket (line with
// markers, left axis) and expected revenue per bucket (bars, right axis), buckets in plan order
// along the bottom — thesis Figure 3-2. Copes with one bucket, zero revenue, equal prices, NaN
// values and huge amounts; `title` is escaped (and cut with "…" where drawn if very long).
std::string svg_price_plan(const CodePlan& plan, const std::string& title);

// SVG heatmap grid of Demand Matrices: one panel per matrix, tiers ascending down (0 = pooled,
// "All tiers") × groups across in the order given (codes, for per-code matrices), each panel
// buckets (furthest first) × quantities coloured by price normalised within the panel, empty cells
// blank — thesis Figures 4-9 (completed = false: the observed cells) and 4-11 (completed = true).
// More than 60 quantities are binned (a column = the mean of consecutive quantities; the caption
// says so), so a panel stays readable.
std::string svg_matrix_heatmaps(const std::vector<CompletedMatrix>& matrices, bool completed, const std::string& title);

// SVG of one upcoming game's booking curve (booking_charts): tickets sold so far by days before
// the game, the reference games' mean curve, and the forecast to game day with its 80% and 95%
// bands, against the seats. `title` and `subtitle` are escaped (and cut with "…" when long).
std::string svg_booking_curve(const GameBookingChart& chart, const std::string& title, const std::string& subtitle);

struct MonitorReport;

struct DailyReportInput {
  Date as_of;
  std::string method;  // the planning method
  const Dataset* data = nullptr;
  const PlanSet* plans = nullptr;
  const AdjustmentGuide* guide = nullptr;
  const BookingForecastSet* bookings = nullptr;  // booking-curve forecasts of the upcoming games
  std::vector<std::pair<std::string, std::string>> files;  // (label, relative path) to link
  std::vector<std::pair<std::string, std::string>> charts;  // (caption, inline SVG)
  // The secondary-market comparison and its histogram (inline SVG), when the data have listings;
  // null: no "Secondary market" section (the page is then as it was before listings existed).
  const MarketComparison* market = nullptr;
  std::string market_chart;
  // The monitor's report on the registered models; null: no "Models" section.
  const MonitorReport* models = nullptr;
};

// index.html: what was run and when, counts (games, plans, significant recommendations), the 20
// largest significant recommendations, the games, links to every output (relative, percent-
// encoded) and the charts inline with their captions; with `market`, a "Secondary market" section
// (headline numbers and Figure 5-2's histogram). Self-contained; any pointer may be null.
std::string render_daily_index(const DailyReportInput& input);

}  // namespace seatsync
