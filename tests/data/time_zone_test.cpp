// The venue's time zone: reading tzdata, daylight-saving boundaries, the POSIX rule beyond the
// file's last transition, and moving offset timestamps to the local date.
#include <gtest/gtest.h>

#include <chrono>

#include "data/posix_tz_rule.hpp"
#include "seatsync/time_zone.hpp"

using namespace seatsync;

namespace {

// Seconds since the epoch of a UTC date and time.
std::int64_t utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return std::int64_t{Date::from_ymd(y, m, d).days()} * 86400 + hh * 3600 + mm * 60 + ss;
}

Date local(const char* text, const TimeZone* zone) { return local_date(*parse_timestamp(text), zone); }

}  // namespace

TEST(TimeZone, LocatesIanaNamesAndRefusesOthers) {
  auto chicago = TimeZone::locate("America/Chicago");
  ASSERT_TRUE(chicago);
  EXPECT_EQ(chicago->name(), "America/Chicago");
  for (const char* bad : {"America/Chicgo", "Central", "", "/etc/passwd", "../zoneinfo/UTC", "America/",
                          "America/Chicago\n"})
    EXPECT_FALSE(TimeZone::locate(bad)) << bad;
}

// US daylight time 2024: starts 2024-03-10 02:00 CST (08:00Z), ends 2024-11-03 02:00 CDT (07:00Z).
TEST(TimeZone, ChicagoOffsetsAcrossBothDaylightSavingChanges) {
  const auto z = *TimeZone::locate("America/Chicago");
  EXPECT_EQ(z.offset_at(utc(2024, 3, 10, 7, 59, 59)), -6 * 3600);
  EXPECT_EQ(z.offset_at(utc(2024, 3, 10, 8, 0)), -5 * 3600);
  EXPECT_EQ(z.offset_at(utc(2024, 11, 3, 6, 59, 59)), -5 * 3600);
  EXPECT_EQ(z.offset_at(utc(2024, 11, 3, 7, 0)), -6 * 3600);
  EXPECT_EQ(z.offset_at(utc(1970, 1, 1, 0, 0)), -6 * 3600);
  EXPECT_EQ(z.offset_at(utc(2045, 7, 1, 12, 0)), -5 * 3600);  // beyond 2037: the file's POSIX rule
}

TEST(TimeZone, SouthernHemisphereAndZonesWithoutDaylightTime) {
  const auto sydney = *TimeZone::locate("Australia/Sydney");
  EXPECT_EQ(sydney.offset_at(utc(2025, 1, 15, 0, 0)), 11 * 3600);
  EXPECT_EQ(sydney.offset_at(utc(2025, 7, 15, 0, 0)), 10 * 3600);
  const auto kolkata = *TimeZone::locate("Asia/Kolkata");
  EXPECT_EQ(kolkata.offset_at(utc(2025, 7, 15, 0, 0)), 5 * 3600 + 1800);
  EXPECT_EQ(TimeZone::locate("UTC")->offset_at(utc(2025, 7, 15, 0, 0)), 0);
}

// A "slim" tzdata file stops listing transitions early and relies on its POSIX rule: the rule
// alone must agree with the fully listed transitions, hour by hour.
TEST(TimeZone, PosixRuleAgreesWithTheListedTransitions) {
  struct Case {
    const char* zone;
    const char* rule;
  };
  for (const Case c : {Case{"America/Chicago", "CST6CDT,M3.2.0,M11.1.0"},
                       Case{"Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3"},
                       Case{"Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3"},
                       Case{"America/Sao_Paulo", "<-03>3"}}) {
    const auto zone = *TimeZone::locate(c.zone);
    const auto rule = PosixTzRule::parse(c.rule);
    ASSERT_TRUE(rule) << c.rule;
    for (std::int64_t t = utc(2025, 1, 1, 0, 0); t < utc(2027, 1, 1, 0, 0); t += 3600)
      ASSERT_EQ(rule->offset_at(t), zone.offset_at(t)) << c.zone << " at " << t;
  }
  for (const char* bad : {"", "CST", "CST6CDT", "CST6CDT,M13.1.0,M11.1.0", "CST6CDT,M3.2.0", "CST6CDT,M3.2.0,M11.1.0x"})
    EXPECT_FALSE(PosixTzRule::parse(bad)) << bad;
}

// The example: an evening game's sale stamped in UTC after midnight.
TEST(TimeZone, OffsetTimestampsMoveToTheVenuesLocalDate) {
  const auto z = *TimeZone::locate("America/Chicago");
  EXPECT_EQ(local("2024-10-21T00:30:00Z", &z), Date::from_ymd(2024, 10, 20));
  EXPECT_EQ(local("2024-10-21T00:30:00+00:00", &z), Date::from_ymd(2024, 10, 20));
  EXPECT_EQ(local("2024-10-21T06:30:00+01:00", &z), Date::from_ymd(2024, 10, 21));  // 00:30 CDT
  EXPECT_EQ(local("2024-10-21T01:30:00-04:00", &z), Date::from_ymd(2024, 10, 21));  // 00:30 CDT
  // Around the change to standard time: 05:30Z is 00:30 CDT, 06:30Z is 01:30 CDT, the 3rd.
  EXPECT_EQ(local("2024-11-03T04:30:00Z", &z), Date::from_ymd(2024, 11, 2));
  EXPECT_EQ(local("2024-11-03T05:30:00Z", &z), Date::from_ymd(2024, 11, 3));
  // Midnight in standard time is 06:00Z; one second before is still the day before.
  EXPECT_EQ(local("2024-11-04T05:59:59Z", &z), Date::from_ymd(2024, 11, 3));
  EXPECT_EQ(local("2024-11-04T06:00:00Z", &z), Date::from_ymd(2024, 11, 4));
  // Naive timestamps are local already; without a zone nothing moves.
  EXPECT_EQ(local("2024-10-21T00:30:00", &z), Date::from_ymd(2024, 10, 21));
  EXPECT_EQ(local("2024-10-21", &z), Date::from_ymd(2024, 10, 21));
  EXPECT_EQ(local("2024-10-21T00:30:00Z", nullptr), Date::from_ymd(2024, 10, 21));
}

TEST(TimeZone, TimestampsKeepTheirWrittenOffset) {
  auto t = parse_timestamp("2025-10-30T23:30:15.5-05:30");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->seconds, 23 * 3600 + 30 * 60 + 15);
  EXPECT_EQ(t->utc_offset, -(5 * 3600 + 1800));
  EXPECT_EQ(parse_timestamp("2025-10-30T23:30Z")->utc_offset, 0);
  EXPECT_EQ(parse_timestamp("2025-10-30T23:30+0100")->utc_offset, 3600);
  EXPECT_FALSE(parse_timestamp("2025-10-30T23:30")->utc_offset);
}
