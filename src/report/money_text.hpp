#pragma once
// Money and change as people read them in the report: "$1,234", "$119.99", "▲ $12 (+9%)".
// Shared by the HTML pages and the SVG axes so a price reads the same everywhere.
#include <string>

namespace seatsync::render {

// "$1,234.50", "-$5", "$145": cents only when the amount is not a whole dollar (ticket prices
// are mostly whole or charm prices, and ".00" everywhere is noise). Non-finite values give "—".
std::string format_money(double value);

// An axis tick: compact ("$2.5k", "$1.2M", "$3T") once values reach ten thousand, with just
// enough decimals to tell ticks `step` apart.
std::string format_money_tick(double value, double step);

// A share as a signed percentage: "+9%", "-12%", "+0.4%" (one decimal below 1%), "0%".
std::string format_share(double share);

enum class ChangeDirection { up, down, flat };
// Flat when the change would print as $0.00.
ChangeDirection change_direction(double change);

// "▲ $12 (+9%)", "▼ $8 (-6%)", "= $0": the arrow carries the direction, so the text is clear
// without its colour. The percentage is left out when there is no current price to compare with.
std::string format_change(double change, double share, bool has_current_price);

}  // namespace seatsync::render
