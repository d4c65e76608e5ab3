#include <gtest/gtest.h>

#include "seatsync/date.hpp"

using seatsync::Date;
using seatsync::parse_date_or_datetime;

TEST(Date, ParsesAndPrintsCalendarDates) {
  auto d = Date::parse("2024-02-29");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2024);
  EXPECT_EQ(d->month(), 2u);
  EXPECT_EQ(d->day(), 29u);
  EXPECT_EQ(d->str(), "2024-02-29");
  EXPECT_EQ(Date::parse("1970-01-01")->days(), 0);
  EXPECT_EQ(Date::parse("1970-01-02")->days(), 1);
}

TEST(Date, RejectsMalformedOrImpossibleDates) {
  for (const char* bad : {"2023-02-29", "2025-13-01", "2025-00-10", "2025-1-01", "20250101", "2025-01-32",
                          "", "2025-01-01x", "abcd-ef-gh", " 2025-01-01"})
    EXPECT_FALSE(Date::parse(bad)) << bad;
  EXPECT_THROW(Date::from_ymd(2025, 2, 30), std::invalid_argument);
}

TEST(Date, DifferenceIsWholeDaysAcrossMonthsAndLeapYears) {
  EXPECT_EQ(*Date::parse("2024-03-01") - *Date::parse("2024-02-28"), 2);
  EXPECT_EQ(*Date::parse("2025-03-01") - *Date::parse("2025-02-28"), 1);
  EXPECT_EQ(*Date::parse("2026-01-01") - *Date::parse("2025-01-01"), 365);
  EXPECT_EQ((*Date::parse("2025-12-31") + 1).str(), "2026-01-01");
}

TEST(Date, WeekdayFollowsTheCalendar) {
  EXPECT_EQ(Date::parse("2026-11-23")->weekday(), 1u);  // a Monday
  EXPECT_EQ(Date::parse("2025-11-01")->weekday(), 6u);  // a Saturday
}

TEST(Date, DateTimesKeepTheWrittenCalendarDay) {
  for (const char* ok : {"2025-10-30", "2025-10-30T19:05", "2025-10-30T19:05:00", "2025-10-30 19:05:00",
                         "2025-10-30T23:59:59.123", "2025-10-30T23:30:00Z", "2025-10-30T23:30:00-05:00",
                         "2025-10-30T23:30:00+0530"}) {
    auto d = parse_date_or_datetime(ok);
    ASSERT_TRUE(d) << ok;
    EXPECT_EQ(d->str(), "2025-10-30") << ok;
  }
  for (const char* bad : {"2025-10-30T25:00:00", "2025-10-30T10:61", "2025-10-30T10", "2025-10-30X10:00",
                          "2025-10-30T10:00:00+25:00", "2025-10-30T10:00:00.", "2025-10-30T10:00:00ZZ", "yesterday"})
    EXPECT_FALSE(parse_date_or_datetime(bad)) << bad;
}
