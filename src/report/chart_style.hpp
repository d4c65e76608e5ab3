#pragma once
// Colours the charts and pages share. The two series of a price plan are blue and orange
// (Okabe–Ito), a pair colour-blind readers tell apart; text versions are darker so they keep
// enough contrast on white.
#include <string_view>

namespace seatsync::render {

inline constexpr std::string_view kPriceColour = "#0072B2";      // price line and markers
inline constexpr std::string_view kPriceTextColour = "#005A8C";  // price axis title and labels
inline constexpr std::string_view kRevenueColour = "#E69F00";    // revenue bars
inline constexpr std::string_view kRevenueTextColour = "#8A5A00";
inline constexpr std::string_view kGridColour = "#E3E3E3";
inline constexpr std::string_view kAxisColour = "#555555";
inline constexpr std::string_view kMutedTextColour = "#555555";

}  // namespace seatsync::render
