#include "report/colour_scale.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>

namespace seatsync::render {
namespace {

struct Rgb {
  double r, g, b;
};

// Evenly spaced stops sampled from viridis (0, 0.2, …, 1).
constexpr std::array<Rgb, 6> kStops{{
    {68, 1, 84},     // #440154
    {65, 68, 135},   // #414487
    {42, 120, 142},  // #2a788e
    {34, 168, 132},  // #22a884
    {122, 209, 81},  // #7ad151
    {253, 231, 37},  // #fde725
}};

double clamp01(double t) { return std::isnan(t) ? 0.5 : std::min(1.0, std::max(0.0, t)); }

Rgb interpolate(double t) {
  const double position = clamp01(t) * static_cast<double>(kStops.size() - 1);
  const auto lower = std::min(static_cast<std::size_t>(position), kStops.size() - 2);
  const double f = position - static_cast<double>(lower);
  const Rgb& a = kStops[lower];
  const Rgb& b = kStops[lower + 1];
  return {a.r + (b.r - a.r) * f, a.g + (b.g - a.g) * f, a.b + (b.b - a.b) * f};
}

}  // namespace

std::string sequential_colour(double t) {
  const Rgb c = interpolate(t);
  return fmt::format("#{:02x}{:02x}{:02x}", static_cast<int>(std::lround(c.r)), static_cast<int>(std::lround(c.g)),
                     static_cast<int>(std::lround(c.b)));
}

}  // namespace seatsync::render
