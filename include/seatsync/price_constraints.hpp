#pragma once
// The product's first invariant: no recommended price ever breaks its constraints — below the
// floor (the season-ticket price), above a ceiling, beyond the allowed change from the previous
// price, NaN, or negative. Every price the planner emits passes through enforce_price().
#include <optional>
#include <string_view>
#include <vector>

namespace seatsync {

enum class Rounding {
  none,
  whole_dollar,  // 123.00
  five_dollar,   // 125.00
  charm,         // endings .99, .95 or .00 (e.g. 119.99, 119.95, 120.00)
};
// Grid values are computed from whole cents, so a charm price is exactly the double that
// std::round(x * 100) / 100 gives and prints as 119.99. Prices above 1e12 (beyond any ticket,
// and near where cents stop being exact in a double) are left unrounded.
std::optional<Rounding> parse_rounding(std::string_view name);  // "none", "dollar", "five", "charm"
std::string_view to_string(Rounding rounding);

struct PriceConstraints {
  double floor = 0.0;                // never below; must be finite and >= 0
  std::optional<double> ceiling;     // never above; must be >= floor
  std::optional<double> max_change;  // fraction of the previous price, e.g. 0.2 = ±20% per bucket;
                                     // must be >= 0 (+inf = no limit)
  Rounding rounding = Rounding::whole_dollar;
};

// The closed interval a price may take. The change band around `previous` always reaches the
// neighbouring rounding-grid value on each side (previous ± one rounding step), even when that
// exceeds the change limit: otherwise a band narrower than the step ($60 with $5 rounding and a
// 5% limit: [57, 63]) holds only the previous price and the price is frozen forever, whatever
// its target. So a price whose target lies beyond the band moves at least one rounding step
// towards it each bucket. A zero limit (never change) is not widened; nor is rounding `none`.
// Floor and ceiling are hard: when the change limit
// around `previous` does not meet [floor, ceiling] (a previous price outside its own bounds),
// the interval is the part of [floor, ceiling] nearest to the change band — the single point
// floor or ceiling, lo == hi — so the price moves towards compliance as far as the change
// limit allows and never breaks floor or ceiling.
struct PriceBounds {
  double lo = 0.0;
  double hi = 0.0;
  bool contains(double price, double tolerance = 1e-9) const { return price >= lo - tolerance && price <= hi + tolerance; }
};
// Without a ceiling hi is +inf. A NaN, infinite or negative `previous` is no anchor and is
// ignored (floor and ceiling still hold). Invalid constraints (floor not finite or < 0,
// ceiling NaN or below the floor, max_change NaN or < 0) throw std::invalid_argument, so every
// function below that takes constraints validates them.
PriceBounds price_bounds(const PriceConstraints& constraints, std::optional<double> previous = std::nullopt);

// The nearest rounding-grid value strictly above (up) or below `price`; none for Rounding::none
// or beyond the rounded range (1e12). The "one rounding step" of the change limit.
std::optional<double> next_grid_value(double price, Rounding rounding, bool up);

// The nearest rounding-grid value inside `bounds` (ties go up); when no grid value lies inside
// (a narrow interval), the bound nearest to the price (ties up) — off the grid, because
// constraints always win over rounding. A price outside the bounds is first clamped into them;
// NaN counts as bounds.lo, so the result never leaves the bounds (+inf gives bounds.hi, which
// may be +inf). Bounds with lo > hi or NaN throw std::invalid_argument.
double round_within(double price, Rounding rounding, PriceBounds bounds);

// The valid price nearest to `price`: clamped into the bounds, then rounded inside them.
// A NaN or infinite input is treated as "no opinion" and gives the valid price nearest to
// `previous` (or the floor). The result always satisfies price_bounds(constraints, previous)
// and is finite and >= 0.
double enforce_price(double price, const PriceConstraints& constraints, std::optional<double> previous = std::nullopt);

// Candidate prices for an optimiser: about `points` values spread geometrically over
// [max(lo, floor), min(hi, ceiling)], each rounded within the constraints, sorted, distinct.
// Always at least one value: when [lo, hi] misses [floor, ceiling], the valid price nearest to
// it. The spacing is geometric in (price + $1), so a zero floor works and ticket prices (well
// above $1) are spaced by an almost constant ratio; one point gives the low end. Rounding is
// within [floor, ceiling], so a value may lie up to one grid step outside [lo, hi].
// points < 1, a NaN lo or hi, lo > hi, or no finite upper end (hi = +inf and no ceiling)
// throw std::invalid_argument.
std::vector<double> price_grid(const PriceConstraints& constraints, double lo, double hi, int points);

}  // namespace seatsync
