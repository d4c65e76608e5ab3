// The Price Code Adjustment Map (thesis 5.1.1).
#include <map>

#include "bucket_sales.hpp"
#include "seatsync/demand_model.hpp"

namespace seatsync {

std::vector<double> code_multipliers(const Dataset& data, const MatrixBuildOptions& options) {
  const Date as_of = options.as_of ? *options.as_of : day_after_last_sale(data);
  std::vector<double> code_sum(data.codes.size(), 0.0);
  std::vector<long> code_orders(data.codes.size(), 0);
  std::map<std::string, std::pair<double, long>> group;
  for (const auto& t : data.transactions) {
    if (!options.include_game.empty() && !options.include_game[t.game]) continue;
    if (t.sold_date >= as_of) continue;
    code_sum[t.code] += t.price;
    code_orders[t.code] += 1;
    auto& g = group[data.codes[t.code].group];
    g.first += t.price;
    g.second += 1;
  }
  std::vector<double> out(data.codes.size(), 1.0);
  for (std::size_t c = 0; c < data.codes.size(); ++c) {
    const auto& g = group[data.codes[c].group];
    if (code_orders[c] > 0 && g.second > 0) out[c] = (code_sum[c] / code_orders[c]) / (g.first / g.second);
  }
  return out;
}

}  // namespace seatsync
