// Importing real secondary-market formats: hand-made files in the real layouts (the expected
// values are worked out by hand in the comments), and a run over the real files when the
// project's shared/ data sits beside the checkout.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "seatsync/listing_import.hpp"
#include "seatsync/season_io.hpp"

namespace seatsync {
namespace {

const std::string kSeatGeekHeader =
    "snapshot_local,snapshot_utc,event_id,event_type,title,short_title,event_datetime_local,event_datetime_utc,"
    "announce_date,venue_id,venue_name,venue_city,venue_state,venue_timezone,event_score,event_popularity,"
    "listing_count,visible_listing_count,lowest_price,lowest_price_good_deals,median_price,average_price,"
    "highest_price,hours_to_event,days_to_event\n";

// Event 100 kicks off 2018-09-09 12:00 CDT (17:00 UTC).
std::string seatgeek_row(const std::string& snapshot_utc, const std::string& type, const std::string& stats) {
  return "x," + snapshot_utc + ",100," + type +
         ",Bears at Packers,Bears at Packers,2018-09-09 12:00:00,2018-09-09 17:00:00,2018-04-19 00:00:00,1,"
         "Lambeau Field,Green Bay,WI,America/Chicago,0.7,0.8," + stats + ",0,0\n";
}

MarketImport seatgeek_sample(Diagnostics& diag) {
  const std::string text = kSeatGeekHeader +
      seatgeek_row("2018-09-04 21:00:15", "nfl", "500,,50,50,,120.5,900") +       // line 2: no median yet
      seatgeek_row("2018-09-08 13:00:00", "nfl", "300,290,40,40,95,110,10858935") +  // line 3: placeholder max kept
      seatgeek_row("2018-09-08 13:00:00", "ncaa_football", "10,10,5,5,6,7,8") +   // line 4: not NFL
      seatgeek_row("2018-09-09 18:00:00", "nfl", "20,20,30,30,35,40,50") +        // line 5: after kickoff
      seatgeek_row("2018-09-09 16:00:00", "nfl", ",,,,,,") +                       // line 6: no listings
      seatgeek_row("2018-09-09 16:30:00", "nfl", "1,1,581,581,,580,580");          // line 7: lowest above highest
  return parse_seatgeek_stats(text, "sg.csv", diag);
}

TEST(SeatGeekStatsImport, PollStatisticsNotListings) {
  Diagnostics diag;
  auto import = seatgeek_sample(diag);
  ASSERT_FALSE(diag.has_errors());
  EXPECT_TRUE(import.listings.empty());
  ASSERT_EQ(import.polls.size(), 4u);
  ASSERT_EQ(import.events.size(), 1u);
  EXPECT_EQ(import.events[0].date.str(), "2018-09-09");
  const auto& first = import.polls[0].stats;
  // 21:00:15 UTC is 16:00:15 CDT (UTC-5 in September).
  EXPECT_EQ(first.polled_at, "2018-09-04T16:00:15");
  EXPECT_EQ(first.polled_date.str(), "2018-09-04");
  EXPECT_EQ(first.count, 500u);
  EXPECT_EQ(*first.min, 50.0);
  EXPECT_FALSE(first.median.has_value());
  EXPECT_EQ(*first.mean, 120.5);
  EXPECT_EQ(*first.max, 900.0);
  EXPECT_FALSE(first.p10 || first.p90 || first.sd);
  EXPECT_EQ(*import.polls[1].stats.median, 95.0);
  EXPECT_EQ(*import.polls[1].stats.max, 10858935.0);
  EXPECT_EQ(import.polls[2].stats.count, 0u);
  EXPECT_FALSE(import.polls[2].stats.min.has_value());
  // SeatGeek's $1 inconsistency: a lowest above the highest is no lower bound, so it is left empty.
  EXPECT_FALSE(import.polls[3].stats.min.has_value());
  EXPECT_EQ(*import.polls[3].stats.max, 580.0);
  ASSERT_EQ(import.skipped.size(), 3u);
  EXPECT_EQ(import.skipped[0].second, 1u);  // the ncaa row
  EXPECT_EQ(import.skipped[1].second, 1u);  // the poll after kickoff
  EXPECT_EQ(import.skipped[2].second, 1u);  // the inconsistent lowest
}

TEST(SeatGeekStatsImport, BadFieldsNameFileLineColumn) {
  Diagnostics diag;
  const std::string text = kSeatGeekHeader + seatgeek_row("2018-09-04 21:00:15", "nfl", "500,,abc,50,,120.5,900") +
                           seatgeek_row("2018-09-05 21:00:15", "nfl", "500,,-3,50,,120.5,900");
  parse_seatgeek_stats(text, "sg.csv", diag);
  ASSERT_EQ(diag.error_count(), 2u);
  EXPECT_EQ(diag.items()[0].format().rfind("sg.csv:2: lowest_price:", 0), 0u) << diag.items()[0].format();
  EXPECT_EQ(diag.items()[1].format().rfind("sg.csv:3: lowest_price:", 0), 0u) << diag.items()[1].format();
}

TEST(SeatGeekStatsImport, MarketOnlyDatasetHasGamesAndStats) {
  Diagnostics diag;
  auto data = market_only_dataset(seatgeek_sample(diag), nullptr);
  ASSERT_EQ(data.games.size(), 1u);
  EXPECT_EQ(data.games[0].id, "100");
  EXPECT_EQ(data.games[0].opponent, "Bears at Packers");
  EXPECT_TRUE(data.codes.empty());
  EXPECT_EQ(data.market_stats.size(), 4u);
  Diagnostics check;
  validate_dataset(data, check);
  EXPECT_FALSE(check.has_errors());
}

ListingTracksText tracks_sample() {
  ListingTracksText t;
  // Starts 2022-09-11 13:00 at -04:00 = 17:00 UTC.
  t.events =
      "event_key,event_name,venue,city,event_date_local,scheduled_start_local,utc_offset,start_time_source,sites_in_source\n"
      "final,Final,Ashe,\"Flushing, NY\",2022-09-11,13:00,-04:00,url,stubhub;seatgeek\n";
  t.listings =
      "event_key,site,listing_id,section,row,title,note,distinct_prices_count,last_seen_utc\n"
      "final,seatgeek,seatgeek-A,118,4,,,2,2022-09-11T01:59:00.000Z\n"
      "final,stubhub,stubhub-B,C 133,1,,,1,2022-09-11T02:00:00.000Z\n"
      "final,stubhub,stubhub-B,Club 133,1,,,1,2022-09-11T02:10:00.000Z\n"  // relabelled, seen later: kept
      "final,seatgeek,seatgeek-C,7,1,,,1,2022-09-11T01:55:00.000Z\n";
  t.observations =
      "event_key,site,listing_id,observed_at_utc,price\n"
      "final,seatgeek,seatgeek-A,2022-09-11T01:50:34.307Z,100.0\n"
      "final,seatgeek,seatgeek-A,2022-09-11T01:59:00.000Z,90.0\n"
      "final,stubhub,stubhub-B,2022-09-11T02:10:00.000Z,300\n"
      "final,seatgeek,seatgeek-C,2022-09-11T01:55:00.000Z,50\n";
  return t;
}

TEST(ListingTracksImport, ObservationsBecomeListingsAndHourlyPolls) {
  Diagnostics diag;
  auto import = parse_listing_tracks(tracks_sample(), diag);
  ASSERT_FALSE(diag.has_errors()) << diag.items()[0].format();
  ASSERT_EQ(import.listings.size(), 4u);
  EXPECT_EQ(import.listings[0].observed_at, "2022-09-10T21:50:34");  // 01:50 UTC at -04:00
  EXPECT_EQ(import.listings[0].section, "118");
  EXPECT_EQ(import.listings[2].section, "Club 133");
  ASSERT_EQ(import.polls.size(), 2u);  // (seatgeek, 01h UTC) and (stubhub, 02h UTC)
  const auto& sg = import.polls[0].stats;
  EXPECT_EQ(sg.source, "seatgeek");
  EXPECT_EQ(sg.polled_at, "2022-09-10T21:00:00");
  // A's last price in the hour is 90, C's 50: median 70, p10 = 50 + 0.1·40 = 54, p90 = 86,
  // sd = sqrt((20² + 20²) / 1) = 28.284.
  EXPECT_EQ(sg.count, 2u);
  EXPECT_DOUBLE_EQ(*sg.median, 70.0);
  EXPECT_DOUBLE_EQ(*sg.p10, 54.0);
  EXPECT_DOUBLE_EQ(*sg.p90, 86.0);
  EXPECT_NEAR(*sg.sd, std::sqrt(800.0), 1e-9);
  EXPECT_EQ(import.polls[1].stats.count, 1u);
  EXPECT_FALSE(import.polls[1].stats.sd.has_value());
}

TEST(ListingTracksImport, SectionsMapToLevelsOrTheUsersMap) {
  EXPECT_EQ(default_section_level("118"), "L1");
  EXPECT_EQ(default_section_level("1203"), "L1");
  EXPECT_EQ(default_section_level("12"), "L0");
  EXPECT_EQ(default_section_level("Loge 12"), "Loge");
  EXPECT_EQ(default_section_level("C 133"), "Club");
  EXPECT_EQ(default_section_level("Club 133"), "Club");
  EXPECT_EQ(default_section_level("Bal 3"), "Balcony");
  EXPECT_EQ(default_section_level("GROUNDS PASS - VIEWING PARTY"), "Grounds");
  EXPECT_EQ(default_section_level("  "), "");

  Diagnostics diag;
  auto import = parse_listing_tracks(tracks_sample(), diag);
  auto data = market_only_dataset(import, nullptr);
  ASSERT_EQ(data.codes.size(), 3u);  // first seen: L1 (A), Club (B), L0 (C)
  EXPECT_EQ(data.codes[0].code, "L1");
  EXPECT_EQ(data.codes[1].code, "Club");
  EXPECT_EQ(data.codes[2].code, "L0");
  EXPECT_EQ(data.codes[0].capacity, 1);
  for (const auto& l : data.listings) EXPECT_TRUE(l.code.has_value());
  EXPECT_EQ(data.listings[0].quantity, 0);  // not in the source

  auto map = parse_section_map("section,price_code\n118,P1\n", "map.csv", diag);
  auto mapped = market_only_dataset(import, &map);
  ASSERT_EQ(mapped.codes.size(), 1u);
  EXPECT_EQ(mapped.codes[0].code, "P1");
  std::size_t without = 0;
  for (const auto& l : mapped.listings) without += l.code ? 0 : 1;
  EXPECT_EQ(without, 2u);  // B and C: not in the map
  EXPECT_FALSE(diag.has_errors());
}

TEST(ListingTracksImport, UnknownListingAndBadPriceAreReported) {
  auto t = tracks_sample();
  t.observations += "final,seatgeek,seatgeek-Z,2022-09-11T02:00:00.000Z,10\n"  // line 6
                    "final,seatgeek,seatgeek-A,2022-09-11T02:00:00.000Z,0\n";  // line 7
  Diagnostics diag;
  parse_listing_tracks(t, diag);
  ASSERT_EQ(diag.error_count(), 2u);
  EXPECT_EQ(diag.items()[0].format().rfind("listing_price_observations.csv:6: listing_id:", 0), 0u);
  EXPECT_EQ(diag.items()[1].format().rfind("listing_price_observations.csv:7: price:", 0), 0u);
}

TEST(ListingTracksImport, UnmatchedEventsAreReported) {
  Diagnostics diag;
  auto import = parse_listing_tracks(tracks_sample(), diag);
  Dataset data;
  data.games.push_back({"G1", *Date::parse("2022-09-11"), 1, ""});
  data.reindex();
  auto rows = to_market_rows(import, data, {}, nullptr);
  EXPECT_TRUE(rows.listings.empty());
  ASSERT_EQ(rows.unmatched_events.size(), 1u);
  EXPECT_EQ(rows.unmatched_events[0], "final");
  auto mapped = to_market_rows(import, data, {{"final", "G1"}}, nullptr);
  EXPECT_EQ(mapped.listings.size(), 4u);
  EXPECT_EQ(mapped.unmapped_sections, 4u);  // G1's dataset has no codes
  EXPECT_EQ(mapped.stats.size(), 2u);
}

// The real files, when shared/ sits beside the checkout (as on the developers' machines and in CI).
std::filesystem::path shared_data() { return std::filesystem::path(SEATSYNC_TEST_DATA) / "../../../shared/data"; }

TEST(RealMarketData, SeatGeekSnapshotsImport) {
  const auto file = shared_data() / "seatgeek_nfl_2018/seatgeek_event_snapshots.csv.gz";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << "no " << file;
  Diagnostics diag;
  auto import = read_seatgeek_stats(file, diag);
  ASSERT_FALSE(diag.has_errors()) << diag.items()[0].format();
  // SOURCE.md: 304 NFL events in 28,735 rows; 30,306 rows in all.
  EXPECT_EQ(import.events.size(), 304u);
  EXPECT_EQ(import.skipped[0].second, 30306u - 28735u);
  std::size_t after_kickoff = import.skipped[1].second;
  EXPECT_EQ(import.polls.size(), 28735u - after_kickoff);
  // The whole import is a valid market-only dataset (lowest-above-highest rows repaired).
  auto data = market_only_dataset(import, nullptr);
  Diagnostics check;
  validate_dataset(data, check);
  EXPECT_FALSE(check.has_errors()) << check.items()[0].format();
  EXPECT_FALSE(import.notes.empty());  // the relocated Chiefs at Rams game
}

TEST(RealMarketData, ListingTracksImport) {
  const auto dir = shared_data() / "resale_listing_tracks";
  if (!std::filesystem::exists(dir / "listings.csv")) GTEST_SKIP() << "no " << dir;
  Diagnostics diag;
  auto import = read_listing_tracks(dir, diag);
  ASSERT_FALSE(diag.has_errors()) << diag.items()[0].format();
  EXPECT_EQ(import.events.size(), 4u);
  EXPECT_EQ(import.listings.size(), 30018u);  // every observation (SOURCE.md: 30,018 rows)
}

}  // namespace
}  // namespace seatsync
