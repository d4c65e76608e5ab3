// Revenue, tickets and price per day from the orders, and what the plan expected of each day.
#include "seatsync/business_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "seatsync/experiment_store.hpp"

namespace seatsync {
namespace {

Date plan_date(const nlohmann::json& j, const char* key, const std::string& where) {
  const auto d = j.contains(key) && j[key].is_string() ? Date::parse(j[key].get<std::string>()) : std::nullopt;
  if (!d) throw std::invalid_argument(where + "." + key + ": a date (YYYY-MM-DD) is required");
  return *d;
}

double plan_number(const nlohmann::json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || !j[key].is_number() || !std::isfinite(j[key].get<double>()))
    throw std::invalid_argument(where + "." + key + ": a number is required");
  return j[key].get<double>();
}

// Each bucket's expectation spread evenly over its calendar days from the plan's as_of on.
void add_plan(std::vector<BusinessDay>& days, Date from, const nlohmann::json& plans) {
  if (!plans.is_object() || !plans.contains("games") || !plans["games"].is_array())
    throw std::invalid_argument("the plan has no \"games\" array (expected `seatsync plan --format json` output)");
  const Date as_of = plan_date(plans, "as_of", "plan");
  for (auto& d : days) d.planned_tickets = d.planned_revenue = 0.0;
  for (std::size_t g = 0; g < plans["games"].size(); ++g) {
    const auto& game = plans["games"][g];
    const std::string where = "games[" + std::to_string(g) + "]";
    const Date game_day = plan_date(game, "game_date", where);
    for (const auto& plan : game.value("plans", nlohmann::json::array()))
      for (const auto& b : plan.value("buckets", nlohmann::json::array())) {
        const double far = plan_number(b, "days_from", where), near = plan_number(b, "days_to", where);
        const Date first = std::max(as_of, game_day - static_cast<int>(std::max(far, near)));
        const Date last = game_day - static_cast<int>(std::min(far, near));
        if (last < first) continue;
        const double n = double(last - first + 1);
        const double tickets = plan_number(b, "expected_quantity", where) / n;
        const double revenue = plan_number(b, "expected_revenue", where) / n;
        for (Date d = first; d <= last; d = d + 1) {
          if (d < from || d - from >= static_cast<int>(days.size())) continue;
          auto& day = days[static_cast<std::size_t>(d - from)];
          *day.planned_tickets += tickets;
          *day.planned_revenue += revenue;
        }
      }
  }
}

}  // namespace

std::vector<BusinessDay> business_by_day(const Dataset& data, Date from, Date to, const nlohmann::json* plans) {
  if (to < from) throw std::invalid_argument("the business window ends (" + to.str() + ") before it starts (" + from.str() + ")");
  std::vector<BusinessDay> days(static_cast<std::size_t>(to - from + 1));
  for (std::size_t i = 0; i < days.size(); ++i) days[i].day = from + static_cast<int>(i);
  for (const auto& t : data.transactions) {
    if (t.sold_date < from || to < t.sold_date) continue;
    auto& d = days[static_cast<std::size_t>(t.sold_date - from)];
    d.tickets += t.quantity;
    d.revenue += t.price * t.quantity;
    ++d.orders;
  }
  if (plans) add_plan(days, from, *plans);
  return days;
}

void add_quotes(std::vector<BusinessDay>& days, const std::vector<QuoteDay>& quotes) {
  for (const auto& q : quotes) {
    const auto day = Date::parse(q.day);
    if (!day) continue;
    for (auto& d : days)
      if (d.day == *day) {
        d.quotes = q.quotes;
        d.bookings = q.bookings;
      }
  }
}

nlohmann::json to_json(const BusinessDay& d) {
  auto optional = [](const auto& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  return {{"day", d.day.str()},
          {"revenue", d.revenue},
          {"tickets", d.tickets},
          {"orders", d.orders},
          {"average_price", d.tickets > 0 ? nlohmann::json(d.average_price()) : nlohmann::json()},
          {"planned_tickets", optional(d.planned_tickets)},
          {"planned_revenue", optional(d.planned_revenue)},
          {"quotes", optional(d.quotes)},
          {"bookings", optional(d.bookings)},
          {"conversion", optional(d.conversion())}};
}

}  // namespace seatsync
