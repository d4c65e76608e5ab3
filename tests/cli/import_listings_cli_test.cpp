// End-to-end: seatsync import-listings on small files in the real formats.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using seatsync::test::read_file;
using seatsync::test::run_seatsync;
using seatsync::test::TempDir;
using seatsync::test::write_file;
using ::testing::HasSubstr;

namespace {

// Listing tracks of one event starting 2022-09-11 13:00 at -04:00: three listings, four asks.
void write_tracks(const std::filesystem::path& dir, const std::string& extra_observation = "") {
  std::filesystem::create_directories(dir);
  write_file(dir / "events.csv",
             "event_key,event_name,venue,city,event_date_local,scheduled_start_local,utc_offset,start_time_source,sites_in_source\n"
             "final,Final,Ashe,\"Flushing, NY\",2022-09-11,13:00,-04:00,url,stubhub;seatgeek\n");
  write_file(dir / "listings.csv",
             "event_key,site,listing_id,section,row,title,note,distinct_prices_count,last_seen_utc\n"
             "final,seatgeek,seatgeek-A,118,4,,,2,2022-09-11T01:59:00.000Z\n"
             "final,stubhub,stubhub-B,Club 133,1,,,1,2022-09-11T02:10:00.000Z\n"
             "final,seatgeek,seatgeek-C,7,1,,,1,2022-09-11T01:55:00.000Z\n");
  write_file(dir / "listing_price_observations.csv",
             "event_key,site,listing_id,observed_at_utc,price\n"
             "final,seatgeek,seatgeek-A,2022-09-11T01:50:34.307Z,100.0\n"
             "final,seatgeek,seatgeek-A,2022-09-11T01:59:00.000Z,90.0\n"
             "final,stubhub,stubhub-B,2022-09-11T02:10:00.000Z,300\n"
             "final,seatgeek,seatgeek-C,2022-09-11T01:55:00.000Z,50\n" + extra_observation);
}

std::size_t lines(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST(ImportListingsCli, ListingTracksMakeAValidMarketOnlyDataset) {
  TempDir tmp;
  write_tracks(tmp / "src");
  auto r = run_seatsync({"import-listings", "--format", "listing-tracks", (tmp / "src").string(), "--data",
                         (tmp / "out").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 games, 3 price codes, 4 listings (0 without a price code)"));
  EXPECT_THAT(read_file(tmp / "out/games.csv"), HasSubstr("final,2022-09-11,1,Final"));
  EXPECT_THAT(read_file(tmp / "out/seats.csv"), HasSubstr("L1,L1,1,0"));
  const auto listings = read_file(tmp / "out/listings.csv");
  EXPECT_EQ(lines(listings), 5u);
  EXPECT_THAT(listings, HasSubstr("final,L1,2022-09-10T21:50:34,100,0,seatgeek,seatgeek-A,118"));
  auto v = run_seatsync({"validate", "--data", (tmp / "out").string()});
  EXPECT_EQ(v.exit_code, 0) << v.err;
}

// A directory with season files but no games.csv is neither a dataset nor an empty place: the
// files there are the user's, and a new dataset would replace or remove them.
TEST(ImportListingsCli, NeverReplacesTheFilesOfADirectoryWithoutADataset) {
  TempDir tmp;
  write_tracks(tmp / "src");
  write_file(tmp / "out/params.toml", "timezone = \"America/New_York\"\n");
  auto r = run_seatsync({"import-listings", "--format", "listing-tracks", (tmp / "src").string(), "--data",
                         (tmp / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("has params.toml but no games.csv"));
  EXPECT_EQ(read_file(tmp / "out/params.toml"), "timezone = \"America/New_York\"\n");
  EXPECT_FALSE(std::filesystem::exists(tmp / "out/games.csv"));
}

TEST(ImportListingsCli, ReImportAddsNothing) {
  TempDir tmp;
  write_tracks(tmp / "src");
  const std::vector<std::string> args{"import-listings", "--format", "listing-tracks",
                                      (tmp / "src/listings.csv").string(), "--data", (tmp / "out").string()};
  ASSERT_EQ(run_seatsync(args).exit_code, 0);
  const auto before = read_file(tmp / "out/listings.csv");
  auto again = run_seatsync(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("0 listings (4 already there"));
  EXPECT_THAT(again.out, HasSubstr("0 poll statistics ("));
  EXPECT_EQ(read_file(tmp / "out/listings.csv"), before);
}

TEST(ImportListingsCli, BadInputExitsTwoWithFileAndLine) {
  TempDir tmp;
  write_tracks(tmp / "src", "final,seatgeek,seatgeek-A,2022-09-11T02:00:00.000Z,abc\n");
  auto r = run_seatsync({"import-listings", "--format", "listing-tracks", (tmp / "src").string(), "--data",
                         (tmp / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("listing_price_observations.csv:6: price:"));
  EXPECT_FALSE(std::filesystem::exists(tmp / "out/games.csv"));
}

TEST(ImportListingsCli, ExistingDatasetNeedsAGameMapAndReportsUnmatchedEvents) {
  TempDir tmp;
  write_tracks(tmp / "src");
  std::filesystem::create_directories(tmp / "data");
  write_file(tmp / "data/games.csv", "game_id,game_date,tier\nG1,2022-09-11,1\n");
  write_file(tmp / "data/seats.csv", "price_code,group,capacity,floor_price\nL1,Lower,100,50\n");
  write_file(tmp / "data/transactions.csv", "game_id,price_code,sold_at,quantity,price\nG1,L1,2022-09-01,2,80\n");
  const std::string src = (tmp / "src").string(), data = (tmp / "data").string();
  auto refused = run_seatsync({"import-listings", "--format", "listing-tracks", src, "--data", data});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_THAT(refused.err, HasSubstr("--game-map"));

  write_file(tmp / "map.csv", "event,game_id\nfinal,G1\n");
  auto r = run_seatsync({"import-listings", "--format", "listing-tracks", src, "--data", data, "--game-map",
                         (tmp / "map.csv").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 118 is on level L1, the dataset's code; Club 133 and 7 have no code there.
  EXPECT_THAT(r.out, HasSubstr("4 listings (0 already there, 2 without a price code)"));
  EXPECT_THAT(read_file(tmp / "data/listings.csv"), HasSubstr("G1,L1,2022-09-10T21:50:34,100,0,seatgeek"));

  write_file(tmp / "other.csv", "event,game_id\nsomething-else,G1\n");
  auto unmatched = run_seatsync({"import-listings", "--format", "listing-tracks", src, "--data", data,
                                 "--game-map", (tmp / "other.csv").string()});
  ASSERT_EQ(unmatched.exit_code, 0) << unmatched.err;
  EXPECT_THAT(unmatched.err, HasSubstr("event 'final' matches no game"));
  EXPECT_THAT(unmatched.out, HasSubstr("1 event(s) matched no game"));
}

TEST(ImportListingsCli, SeatGeekGzipSnapshotsAndBadRows) {
  TempDir tmp;
  const std::string header =
      "snapshot_local,snapshot_utc,event_id,event_type,title,short_title,event_datetime_local,event_datetime_utc,"
      "announce_date,venue_id,venue_name,venue_city,venue_state,venue_timezone,event_score,event_popularity,"
      "listing_count,visible_listing_count,lowest_price,lowest_price_good_deals,median_price,average_price,"
      "highest_price,hours_to_event,days_to_event\n";
  auto row = [](const std::string& at, const std::string& stats) {
    return "x," + at + ",100,nfl,Bears at Packers,B at P,2018-09-09 12:00:00,2018-09-09 17:00:00,x,1,Lambeau,"
           "Green Bay,WI,America/Chicago,0.7,0.8," + stats + ",0,0\n";
  };
  const std::string text = header + row("2018-09-04 21:00:15", "500,,50,50,,120.5,900") +
                           row("2018-09-08 13:00:00", "300,290,40,40,95,110,1000");
  const auto gz = (tmp / "snap.csv.gz").string();
  gzFile f = gzopen(gz.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  gzwrite(f, text.data(), static_cast<unsigned>(text.size()));
  gzclose(f);
  auto r = run_seatsync({"import-listings", "--format", "seatgeek-stats", gz, "--data", (tmp / "out").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("1 games, 0 price codes, 0 listings (0 without a price code), 2 poll statistics"));
  EXPECT_THAT(read_file(tmp / "out/games.csv"), HasSubstr("100,2018-09-09,1,Bears at Packers"));
  EXPECT_FALSE(std::filesystem::exists(tmp / "out/listings.csv"));

  write_file(tmp / "bad.csv", header + row("2018-09-04 21:00:15", "500,,50,50,,120.5,900") +
                                  row("2018-09-0X 13:00:00", "300,290,40,40,95,110,1000"));
  auto bad = run_seatsync({"import-listings", "--format", "seatgeek-stats", (tmp / "bad.csv").string(), "--data",
                           (tmp / "out2").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("bad.csv:3: snapshot_utc:"));
}

}  // namespace

namespace {

TEST(ImportListingsCli, StoreTooAndMarketReadsTheStoredPolls) {
  TempDir tmp;
  write_tracks(tmp / "src");
  const std::string db = (tmp / "m.db").string();
  const std::vector<std::string> args{"import-listings", "--format", "listing-tracks", (tmp / "src").string(), "--db", db};
  auto first = run_seatsync(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_THAT(first.out, HasSubstr("4 listings (0 without a price code), 2 poll statistics"));
  auto again = run_seatsync(args);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("0 listings (4 already there, 0 without a price code), 0 poll statistics (2 already there)"));
  // The stored hourly polls, not the listings: seatgeek's 01h UTC hour holds A at 90 and C at 50.
  auto market = run_seatsync({"market", "--db", db, "--format", "json"});
  ASSERT_EQ(market.exit_code, 0) << market.err;
  auto j = nlohmann::json::parse(market.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["source"], "seatgeek");
  ASSERT_EQ(j[0]["polls"].size(), 1u);
  EXPECT_EQ(j[0]["polls"][0]["polled_at"], "2022-09-10T21:00:00");
  EXPECT_EQ(j[0]["polls"][0]["from_listings"], false);
  EXPECT_DOUBLE_EQ(j[0]["polls"][0]["median"].get<double>(), 70.0);
  EXPECT_DOUBLE_EQ(j[0]["polls"][0]["p10"].get<double>(), 54.0);
}

}  // namespace
