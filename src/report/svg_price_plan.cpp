// Thesis Figure 3-2 for one (game, code) plan: the price per bucket as a line with markers on
// the left axis and the expected revenue per bucket as bars on the right axis. Both axes share
// gridlines (the revenue axis gets as many intervals as the price axis), so a reader can follow
// one gridline across the chart.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "report/chart_style.hpp"
#include "report/money_text.hpp"
#include "report/svg_canvas.hpp"
#include "seatsync/report.hpp"

namespace seatsync {
namespace {

using render::LinearScale;
using render::NiceAxis;
using render::SvgCanvas;

struct Layout {
  double width = 0, height = 420;
  double left = 84, right = 92, top = 92, bottom = 78;
  double plot_left() const { return left; }
  double plot_right() const { return width - right; }
  double plot_top() const { return top; }
  double plot_bottom() const { return height - bottom; }
};

// Finite values only: a NaN price or revenue must not poison the scales.
std::pair<double, double> finite_range(const std::vector<BucketRecommendation>& buckets,
                                       double BucketRecommendation::*field) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const auto& b : buckets)
    if (std::isfinite(b.*field)) {
      lo = std::min(lo, b.*field);
      hi = std::max(hi, b.*field);
    }
  if (lo > hi) return {0.0, 0.0};
  return {lo, hi};
}

std::string subtitle_of(const CodePlan& plan) {
  std::string subtitle = plan.current_price ? "Current price " + render::format_money(*plan.current_price) + " · " : "";
  // Whole dollars: an expectation to the cent claims a precision it does not have.
  return subtitle + fmt::format("{} seats left · expected {:.1f} tickets and {} to game day", plan.remaining,
                                plan.expected_tickets, render::format_money(std::round(plan.expected_revenue)));
}

void draw_title(SvgCanvas& svg, const std::string& title, const std::string& subtitle, const Layout& l) {
  const double room = l.width - l.left - 12;
  svg.text(l.left, 26, render::fit_text(title, room, 17), R"(font-size="17" font-weight="600")");
  svg.text(l.left, 46, render::fit_text(subtitle, room, 12),
           fmt::format(R"(font-size="12" fill="{}")", render::kMutedTextColour));
}

void draw_legend(SvgCanvas& svg, const Layout& l) {
  const double y = 70;
  double x = l.left;
  svg.line(x, y - 4, x + 28, y - 4, fmt::format(R"(stroke="{}" stroke-width="2.5")", render::kPriceColour));
  svg.circle(x + 14, y - 4, 4.5, fmt::format(R"(fill="{}" stroke="#ffffff" stroke-width="1.5")", render::kPriceColour));
  svg.text(x + 36, y, "Price per ticket (left axis)");
  x += 36 + render::estimate_text_width("Price per ticket (left axis)", 12) + 28;
  svg.rect(x, y - 11, 14, 14, fmt::format(R"(fill="{}")", render::kRevenueColour));
  svg.text(x + 22, y, "Expected revenue (right axis)");
}

void draw_gridlines_and_axes(SvgCanvas& svg, const NiceAxis& price_axis, const LinearScale& price_y,
                             const NiceAxis& revenue_axis, const LinearScale& revenue_y, const Layout& l) {
  const auto grid = fmt::format(R"(stroke="{}" stroke-width="1")", render::kGridColour);
  const auto tick = fmt::format(R"(stroke="{}" stroke-width="1")", render::kAxisColour);
  for (std::size_t i = 0; i < price_axis.ticks.size(); ++i) {
    const double y = price_y(price_axis.ticks[i]);
    svg.line(l.plot_left(), y, l.plot_right(), y, grid);
    svg.line(l.plot_left() - 5, y, l.plot_left(), y, tick);
    svg.text(l.plot_left() - 8, y + 4, render::format_money_tick(price_axis.ticks[i], price_axis.step),
             fmt::format(R"(text-anchor="end" font-size="11" fill="{}" class="price-tick")", render::kPriceTextColour));
  }
  for (double value : revenue_axis.ticks) {
    const double y = revenue_y(value);
    svg.line(l.plot_right(), y, l.plot_right() + 5, y, tick);
    svg.text(l.plot_right() + 8, y + 4, render::format_money_tick(value, revenue_axis.step),
             fmt::format(R"(font-size="11" fill="{}" class="revenue-tick")", render::kRevenueTextColour));
  }
  svg.line(l.plot_left(), l.plot_top(), l.plot_left(), l.plot_bottom(), tick);
  svg.line(l.plot_right(), l.plot_top(), l.plot_right(), l.plot_bottom(), tick);
  svg.line(l.plot_left(), l.plot_bottom(), l.plot_right(), l.plot_bottom(), tick);

  const double middle = (l.plot_top() + l.plot_bottom()) / 2;
  svg.text(22, middle, "Price per ticket ($)",
           fmt::format(R"~(text-anchor="middle" font-size="12" font-weight="600" fill="{}" transform="rotate(-90 22 {})")~",
                       render::kPriceTextColour, render::svg_number(middle)));
  const double right_x = l.width - 16;
  svg.text(right_x, middle, "Expected revenue ($)",
           fmt::format(R"~(text-anchor="middle" font-size="12" font-weight="600" fill="{}" transform="rotate(90 {} {})")~",
                       render::kRevenueTextColour, render::svg_number(right_x), render::svg_number(middle)));
}

// Bucket names under the bands, turned 40° when they would collide; the first bucket is the
// current one, marked "now" because that is the price to set today.
void draw_bucket_axis(SvgCanvas& svg, const std::vector<BucketRecommendation>& buckets, double band, const Layout& l) {
  double widest = 0;
  for (const auto& b : buckets) widest = std::max(widest, render::estimate_text_width(b.name, 11));
  const bool rotate = widest > band - 6;
  const double y = l.plot_bottom() + 17;
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const double x = l.plot_left() + band * (static_cast<double>(i) + 0.5);
    svg.line(x, l.plot_bottom(), x, l.plot_bottom() + 4, fmt::format(R"(stroke="{}")", render::kAxisColour));
    if (rotate)
      svg.text(x, y, buckets[i].name,
               fmt::format(R"~(text-anchor="end" font-size="11" class="bucket-label" transform="rotate(-40 {} {})")~",
                           render::svg_number(x), render::svg_number(y)));
    else
      svg.text(x, y, buckets[i].name, R"(text-anchor="middle" font-size="11" class="bucket-label")");
  }
  if (!buckets.empty() && !rotate)
    svg.text(l.plot_left() + band * 0.5, y + 14, "(now)",
             fmt::format(R"(text-anchor="middle" font-size="10" fill="{}")", render::kMutedTextColour));
  svg.text((l.plot_left() + l.plot_right()) / 2, l.height - 14, "Days before the game",
           R"(text-anchor="middle" font-size="12" font-weight="600")");
}

}  // namespace

std::string svg_price_plan(const CodePlan& plan, const std::string& title) {
  const auto& buckets = plan.buckets;
  Layout l;
  // Wide enough for a readable band per bucket and for the title, capped so a long plan still
  // fits a page (a longer title is then cut).
  const std::string subtitle = subtitle_of(plan);
  const double text_width = std::max(render::estimate_text_width(title, 17), render::estimate_text_width(subtitle, 12));
  l.width = std::clamp(std::max(l.left + l.right + 76.0 * static_cast<double>(buckets.size()), l.left + text_width + 12),
                       640.0, 1400.0);
  SvgCanvas svg(l.width, l.height, title);
  svg.rect(0, 0, l.width, l.height, R"(fill="#ffffff")");
  draw_title(svg, title, subtitle, l);
  draw_legend(svg, l);

  const auto [price_lo, price_hi] = finite_range(buckets, &BucketRecommendation::price);
  // Headroom above the highest price keeps its label inside the plot.
  const NiceAxis price_axis = render::nice_axis(price_lo, price_hi + 0.12 * (price_hi - price_lo), 5);
  // Bars start at zero; a negative revenue (none is expected) is not drawn below it.
  const double revenue_hi = finite_range(buckets, &BucketRecommendation::expected_revenue).second;
  const NiceAxis revenue_axis =
      render::nice_axis_from_zero(std::max(0.0, revenue_hi), static_cast<int>(price_axis.ticks.size()) - 1);
  const LinearScale price_y{price_axis.lo, price_axis.hi, l.plot_bottom(), l.plot_top()};
  const LinearScale revenue_y{revenue_axis.lo, revenue_axis.hi, l.plot_bottom(), l.plot_top()};

  draw_gridlines_and_axes(svg, price_axis, price_y, revenue_axis, revenue_y, l);
  if (buckets.empty()) {
    svg.text((l.plot_left() + l.plot_right()) / 2, (l.plot_top() + l.plot_bottom()) / 2, "No buckets left to plan",
             R"(text-anchor="middle" font-size="14")");
    return svg.str();
  }
  const double band = (l.plot_right() - l.plot_left()) / static_cast<double>(buckets.size());
  const double bar_width = std::min(band * 0.6, 56.0);

  // Paint order: bars behind the line, the line behind its markers and labels.
  svg.begin_group(fmt::format(R"(class="revenue-bars" fill="{}")", render::kRevenueColour));
  for (std::size_t i = 0; i < buckets.size(); ++i) {
    const auto& b = buckets[i];
    if (!std::isfinite(b.expected_revenue)) continue;
    const double x = l.plot_left() + band * (static_cast<double>(i) + 0.5);
    const double top = revenue_y(std::max(0.0, b.expected_revenue));
    svg.rect(x - bar_width / 2, top, bar_width, l.plot_bottom() - top, R"(class="revenue-bar")",
             fmt::format("{}: expected revenue {} ({:.1f} tickets)", b.name, render::format_money(b.expected_revenue),
                         b.expected_quantity));
  }
  svg.end_group();

  std::vector<std::pair<double, double>> points;
  for (std::size_t i = 0; i < buckets.size(); ++i)
    if (std::isfinite(buckets[i].price))
      points.emplace_back(l.plot_left() + band * (static_cast<double>(i) + 0.5), price_y(buckets[i].price));
  svg.polyline(points, fmt::format(R"(stroke="{}" stroke-width="2.5" stroke-linejoin="round" class="price-line")",
                                   render::kPriceColour));
  const bool label_prices = band >= 52;  // room for "$1,234" above each marker
  std::size_t point = 0;
  for (const auto& b : buckets) {
    if (!std::isfinite(b.price)) continue;
    const auto [x, y] = points[point++];
    svg.circle(x, y, 5, fmt::format(R"(fill="{}" stroke="#ffffff" stroke-width="1.5" class="price-marker")", render::kPriceColour),
               fmt::format("{}: price {}", b.name, render::format_money(b.price)));
    if (label_prices)
      svg.text(x, y - 11, render::format_money(b.price),
               fmt::format(R"(text-anchor="middle" font-size="11" font-weight="600" fill="{}" stroke="#ffffff" )"
                           R"(stroke-width="3" paint-order="stroke" class="price-label")",
                           render::kPriceTextColour));
  }
  draw_bucket_axis(svg, buckets, band, l);
  if (revenue_hi <= 0.0)
    svg.text((l.plot_left() + l.plot_right()) / 2, l.plot_bottom() - 10, "No sales expected in any bucket",
             fmt::format(R"(text-anchor="middle" font-size="11" fill="{}")", render::kMutedTextColour));
  return svg.str();
}

}  // namespace seatsync
