// US federal holidays computed by rule, so the calendar needs no data file and covers any year.
#include <algorithm>
#include <cstdlib>

#include "seatsync/features.hpp"

namespace seatsync {
namespace {

// The n-th `weekday` (0 = Sunday) of a month.
Date nth_weekday(int year, unsigned month, unsigned weekday, int n) {
  const Date first = Date::from_ymd(year, month, 1);
  const int offset = (static_cast<int>(weekday) - static_cast<int>(first.weekday()) + 7) % 7;
  return first + offset + 7 * (n - 1);
}

Date last_weekday(int year, unsigned month, unsigned weekday) {
  const Date next_first = month == 12 ? Date::from_ymd(year + 1, 1, 1) : Date::from_ymd(year, month + 1, 1);
  const Date last = next_first - 1;
  const int back = (static_cast<int>(last.weekday()) - static_cast<int>(weekday) + 7) % 7;
  return last - back;
}

// Fixed-date holidays move to the nearest weekday when they fall on a weekend (5 U.S.C. 6103).
Date observed_of(Date d) {
  switch (d.weekday()) {
    case 6: return d - 1;
    case 0: return d + 1;
    default: return d;
  }
}

}  // namespace

std::vector<Holiday> us_federal_holidays(int year) {
  std::vector<Holiday> out;
  auto fixed = [&](const char* name, unsigned month, unsigned day) {
    const Date d = Date::from_ymd(year, month, day);
    out.push_back({name, d, observed_of(d)});
  };
  auto floating = [&](const char* name, Date d) { out.push_back({name, d, d}); };
  constexpr unsigned monday = 1, thursday = 4;
  fixed("New Year's Day", 1, 1);
  floating("Martin Luther King Jr. Day", nth_weekday(year, 1, monday, 3));
  floating("Presidents' Day", nth_weekday(year, 2, monday, 3));
  floating("Memorial Day", last_weekday(year, 5, monday));
  if (year >= 2021) fixed("Juneteenth", 6, 19);
  fixed("Independence Day", 7, 4);
  floating("Labor Day", nth_weekday(year, 9, monday, 1));
  floating("Columbus Day", nth_weekday(year, 10, monday, 2));
  fixed("Veterans Day", 11, 11);
  floating("Thanksgiving Day", nth_weekday(year, 11, thursday, 4));
  fixed("Christmas Day", 12, 25);
  return out;
}

HolidayCalendar::HolidayCalendar(int first_year, int last_year, const std::vector<Date>& extra) {
  // One year either side: observed dates and "nearest holiday" cross year boundaries.
  for (int year = first_year - 1; year <= last_year + 1; ++year)
    for (const auto& h : us_federal_holidays(year)) {
      days_.push_back(h.date.days());
      days_.push_back(h.observed.days());
    }
  for (Date d : extra) days_.push_back(d.days());
  std::sort(days_.begin(), days_.end());
  days_.erase(std::unique(days_.begin(), days_.end()), days_.end());
}

bool HolidayCalendar::is_holiday(Date d) const {
  return std::binary_search(days_.begin(), days_.end(), d.days());
}

bool HolidayCalendar::is_holiday_weekend(Date d) const {
  const int weekday = static_cast<int>(d.weekday());
  // Days since the Friday that opens d's Friday-to-Monday stretch.
  int since_friday;
  switch (weekday) {
    case 5: since_friday = 0; break;
    case 6: since_friday = 1; break;
    case 0: since_friday = 2; break;
    case 1: since_friday = 3; break;
    default: return false;
  }
  const Date friday = d - since_friday;
  for (int i = 0; i < 4; ++i)
    if (is_holiday(friday + i)) return true;
  return false;
}

int HolidayCalendar::days_to_nearest(Date d, int cap) const {
  auto it = std::lower_bound(days_.begin(), days_.end(), d.days());
  int best = cap;
  if (it != days_.end()) best = std::min(best, *it - d.days());
  if (it != days_.begin()) best = std::min(best, d.days() - *std::prev(it));
  return best;
}

}  // namespace seatsync
