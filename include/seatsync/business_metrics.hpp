#pragma once
// Seed 003's business metrics per day — revenue, tickets, average price, and conversion where
// quotes are known — next to what the plan in force expected for that day.
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "seatsync/dataset.hpp"

namespace seatsync {

struct BusinessDay {
  Date day;
  double revenue = 0;
  long long tickets = 0, orders = 0;
  std::optional<double> planned_tickets, planned_revenue;  // from a plans.json covering the day
  std::optional<long long> quotes, bookings;                // from the service's quotes, when known
  double average_price() const { return tickets > 0 ? revenue / double(tickets) : 0.0; }
  std::optional<double> conversion() const {
    return quotes && *quotes > 0 && bookings ? std::optional<double>(double(*bookings) / double(*quotes)) : std::nullopt;
  }
};

// Days [from, to], every day present (a day without sales has zeros). `plans` is the output of
// `seatsync plan --format json` / the daily run's plans.json: each bucket's expected tickets and
// revenue spread evenly over its first_date..last_date. std::invalid_argument if from > to or
// the plan is not in that shape.
std::vector<BusinessDay> business_by_day(const Dataset& data, Date from, Date to, const nlohmann::json* plans = nullptr);

// Fills quotes and bookings of the days that have them (the service's quotes and purchases
// recorded as experiment events); other days keep them unknown.
struct QuoteDay;
void add_quotes(std::vector<BusinessDay>& days, const std::vector<QuoteDay>& quotes);

nlohmann::json to_json(const BusinessDay& day);

}  // namespace seatsync
