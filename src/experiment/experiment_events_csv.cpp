// Experiment events from a CSV file: `seatsync ab events --csv`.
#include "../data/csv.hpp"
#include "seatsync/experiment_store.hpp"

namespace seatsync {

// event_id,type,unit,arm,at,quantity,revenue,price (arm, quantity, revenue, price optional).
std::vector<ExperimentEvent> read_experiment_events_csv(std::string_view text, const std::string& file) {
  Diagnostics diag;
  const auto table = csv::parse(text, file, diag);
  csv::Columns cols(table, diag);
  const auto id = cols.require("event_id"), type = cols.require("type"), unit = cols.require("unit"), at = cols.require("at");
  const auto arm = cols.optional("arm"), qty = cols.optional("quantity"), revenue = cols.optional("revenue"),
             price = cols.optional("price");
  std::vector<ExperimentEvent> events;
  if (cols.all_present())
    for (const auto& r : table.records) {
      ExperimentEvent ev{r.fields[*id], r.fields[*type], r.fields[*unit], arm ? r.fields[*arm] : "", r.fields[*at]};
      auto optional_number = [&](std::optional<std::size_t> col, const char* name) {
        if (!col || r.fields[*col].empty()) return 0.0;
        return csv::parse_number(r.fields[*col], file, r.line, name, diag).value_or(0.0);
      };
      if (qty && !r.fields[*qty].empty())
        ev.quantity = static_cast<int>(csv::parse_integer(r.fields[*qty], file, r.line, "quantity", diag).value_or(0));
      ev.revenue = optional_number(revenue, "revenue");
      ev.price = optional_number(price, "price");
      events.push_back(std::move(ev));
    }
  diag.throw_if_errors();
  return events;
}

}  // namespace seatsync
