// Federal holidays by rule, observed dates and the calendar queries the features use.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "seatsync/features.hpp"

namespace seatsync {
namespace {

Date ymd(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }

Holiday find(const std::vector<Holiday>& list, const std::string& name) {
  auto it = std::find_if(list.begin(), list.end(), [&](const Holiday& h) { return h.name == name; });
  if (it == list.end()) throw std::runtime_error("no holiday " + name);
  return *it;
}

TEST(Holidays, FloatingHolidaysFollowTheirRule) {
  EXPECT_EQ(find(us_federal_holidays(2025), "Thanksgiving Day").date, ymd(2025, 11, 27));
  EXPECT_EQ(find(us_federal_holidays(2024), "Thanksgiving Day").date, ymd(2024, 11, 28));
  EXPECT_EQ(find(us_federal_holidays(2026), "Thanksgiving Day").date, ymd(2026, 11, 26));
  EXPECT_EQ(find(us_federal_holidays(2026), "Martin Luther King Jr. Day").date, ymd(2026, 1, 19));
  EXPECT_EQ(find(us_federal_holidays(2025), "Martin Luther King Jr. Day").date, ymd(2025, 1, 20));
  EXPECT_EQ(find(us_federal_holidays(2026), "Presidents' Day").date, ymd(2026, 2, 16));
  EXPECT_EQ(find(us_federal_holidays(2026), "Memorial Day").date, ymd(2026, 5, 25));
  EXPECT_EQ(find(us_federal_holidays(2024), "Memorial Day").date, ymd(2024, 5, 27));
  EXPECT_EQ(find(us_federal_holidays(2025), "Labor Day").date, ymd(2025, 9, 1));
  EXPECT_EQ(find(us_federal_holidays(2025), "Columbus Day").date, ymd(2025, 10, 13));
}

TEST(Holidays, FixedHolidaysOnAWeekendAreObservedOnTheNearestWeekday) {
  const Holiday july4 = find(us_federal_holidays(2026), "Independence Day");  // a Saturday
  EXPECT_EQ(july4.date, ymd(2026, 7, 4));
  EXPECT_EQ(july4.observed, ymd(2026, 7, 3));
  EXPECT_EQ(find(us_federal_holidays(2022), "Christmas Day").observed, ymd(2022, 12, 26));  // Sunday
  EXPECT_EQ(find(us_federal_holidays(2022), "New Year's Day").observed, ymd(2021, 12, 31));  // Saturday
  EXPECT_EQ(find(us_federal_holidays(2025), "Veterans Day").observed, ymd(2025, 11, 11));    // Tuesday
}

TEST(Holidays, JuneteenthFrom2021) {
  EXPECT_EQ(us_federal_holidays(2020).size(), 10u);
  EXPECT_EQ(us_federal_holidays(2021).size(), 11u);
  EXPECT_EQ(find(us_federal_holidays(2022), "Juneteenth").observed, ymd(2022, 6, 20));
}

TEST(HolidayCalendar, CountsActualObservedAndExtraDays) {
  const HolidayCalendar calendar(2025, 2026, {ymd(2026, 3, 17)});
  EXPECT_TRUE(calendar.is_holiday(ymd(2026, 7, 4)));
  EXPECT_TRUE(calendar.is_holiday(ymd(2026, 7, 3)));
  EXPECT_TRUE(calendar.is_holiday(ymd(2026, 3, 17)));
  EXPECT_FALSE(calendar.is_holiday(ymd(2026, 7, 5)));
  EXPECT_TRUE(calendar.is_holiday(ymd(2027, 1, 1)));  // a year of margin either side
}

TEST(HolidayCalendar, HolidayWeekendsAndDistance) {
  const HolidayCalendar calendar(2025, 2026);
  EXPECT_TRUE(calendar.is_holiday_weekend(ymd(2025, 8, 30)));   // Saturday before Labor Day
  EXPECT_TRUE(calendar.is_holiday_weekend(ymd(2026, 7, 5)));    // Sunday after July 4th
  EXPECT_FALSE(calendar.is_holiday_weekend(ymd(2025, 11, 27))); // Thanksgiving is a Thursday
  EXPECT_FALSE(calendar.is_holiday_weekend(ymd(2025, 11, 29))); // no holiday Fri-Mon
  EXPECT_EQ(calendar.days_to_nearest(ymd(2025, 11, 29)), 2);
  EXPECT_EQ(calendar.days_to_nearest(ymd(2025, 11, 27)), 0);
  EXPECT_EQ(calendar.days_to_nearest(ymd(2025, 8, 1), 10), 10);  // capped
}

}  // namespace
}  // namespace seatsync
