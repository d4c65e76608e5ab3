#pragma once
// A tiny SVG builder for the report's charts: elements appended in paint order, every piece of
// text escaped, no ids (several charts share one HTML page, and ids would collide), plus the
// scales and axes the charts share.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seatsync::render {

// The charts' font: whatever sans-serif the system has.
inline constexpr std::string_view kChartFont = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif";

class SvgCanvas {
 public:
  // `title` becomes the SVG's <title>: the accessible name and the hover text of the chart.
  SvgCanvas(double width, double height, std::string_view title);

  // `attributes` are fixed attribute text written by our code (fill, stroke, class, transform);
  // user text goes only through `tooltip` and `text`, which are escaped.
  void rect(double x, double y, double w, double h, std::string_view attributes, std::string_view tooltip = {});
  void line(double x1, double y1, double x2, double y2, std::string_view attributes);
  void polyline(const std::vector<std::pair<double, double>>& points, std::string_view attributes);
  // A closed, filled shape (a band between two curves): `attributes` give its fill.
  void polygon(const std::vector<std::pair<double, double>>& points, std::string_view attributes);
  void circle(double cx, double cy, double r, std::string_view attributes, std::string_view tooltip = {});
  void text(double x, double y, std::string_view content, std::string_view attributes = {});
  void begin_group(std::string_view attributes);
  void end_group();

  double width() const { return width_; }
  double height() const { return height_; }
  // The finished document: <svg …> … </svg>, usable standalone or inline in HTML.
  std::string str() const;

 private:
  double width_, height_;
  std::string body_;
  int open_groups_ = 0;
};

// A coordinate for an attribute: two decimals at most, never "nan" (non-finite gives 0).
std::string svg_number(double v);

// Maps [domain_lo, domain_hi] linearly onto [range_lo, range_hi]. A zero-width domain maps
// everything to the middle of the range instead of dividing by zero.
struct LinearScale {
  double domain_lo = 0.0, domain_hi = 1.0, range_lo = 0.0, range_hi = 1.0;
  double operator()(double v) const;
};

// An axis range rounded outwards to "nice" ticks (1, 2, 2.5 or 5 × 10^k apart).
struct NiceAxis {
  double lo = 0.0, hi = 1.0, step = 0.2;
  std::vector<double> ticks;  // lo, lo + step, …, hi
};

// Covers [data_lo, data_hi] with about `target_intervals` intervals. Equal or non-finite bounds
// still give a usable axis: equal values get a band around them, NaN/inf are treated as 0.
NiceAxis nice_axis(double data_lo, double data_hi, int target_intervals = 5);
// An axis from 0 to at least `data_hi` with exactly `intervals` nice intervals, so its ticks
// line up with another axis's gridlines.
NiceAxis nice_axis_from_zero(double data_hi, int intervals);

// A rough width of `text` in pixels at `font_size` (average glyph width of a sans-serif font);
// good enough to decide whether labels collide.
double estimate_text_width(std::string_view text, double font_size);

// `text` cut so it fits `width` pixels at `font_size`, ending with "…" when cut (never inside a
// UTF-8 sequence): a long game or group name must not run over its neighbour.
std::string fit_text(std::string_view text, double width, double font_size);

}  // namespace seatsync::render
