#pragma once
// A sequential colour palette for heatmaps: dark purple (low) through blue and green to yellow
// (high), like viridis. Lightness rises monotonically, so the order survives colour-blindness
// and greyscale printing, and no colour is white — white stays free to mean "no data".
#include <string>

namespace seatsync::render {

// t in [0, 1] (clamped; NaN gives the middle) → "#rrggbb", interpolated linearly between a few
// fixed stops.
std::string sequential_colour(double t);

}  // namespace seatsync::render
