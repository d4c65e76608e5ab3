// `seatsync collect` end to end against a fixture marketplace on loopback: what a poll stores
// (listings, poll statistics, rejects), into a directory and into a store; a bad sources file;
// and SIGKILL at random points of a repeating run losing nothing already committed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "fixture_market_server.hpp"
#include "seatsync/season_io.hpp"
#include "seatsync/source.hpp"
#include "test_support.hpp"

namespace seatsync::test {
namespace {

// Two games' pages: G3's has one listing per section and one without a price (rejected);
// its section 999 is not in the map (flagged, stored without a code).
void serve_market(FixtureMarketServer& market) {
  market.set_robots(200, "User-agent: *\nDisallow: /private/\n");
  market.set_json("/events/G3/listings",
                  R"({"listings": [{"id": "a1", "price": 950, "quantity": 2, "section": "101"},
                                   {"id": "a2", "price": "$1,020.50", "quantity": 1, "section": "101"},
                                   {"id": "p1", "price": 44, "quantity": 4, "section": "300"},
                                   {"id": "x1", "price": 51, "quantity": 2, "section": "999"},
                                   {"id": "bad", "price": "call us", "quantity": 1, "section": "300"}]})");
  market.set_json("/events/G2/listings", R"({"listings": [{"id": "b1", "price": 700, "quantity": 2, "section": "101"}]})");
}

std::string sources_toml(const FixtureMarketServer& market, double interval_s = 1.0) {
  return "[collector]\nuser_agent = \"seatsync-collector/0.1 (+https://example.org/contact)\"\nmin_interval_s = " +
         std::to_string(interval_s) + "\nmax_retries = 2\n\n[[source]]\nname = \"fixture\"\nkind = \"json\"\nurl = \"" +
         market.base_url() +
         "/events/{game_id}/listings\"\ngames = [\"G3\", \"G2\"]\nitems = \"/listings\"\nprice = \"/price\"\n"
         "quantity = \"/quantity\"\nsection = \"/section\"\nlisting_id = \"/id\"\n[source.sections]\n"
         "\"101\" = \"A\"\n\"300\" = \"P\"\n";
}

class CollectCli : public ::testing::TestWithParam<bool> {  // true: --db
 protected:
  void SetUp() override {
    copy_testdata("tiny", dir_ / "data");
    serve_market(market_);
    write_file(dir_ / "sources.toml", sources_toml(market_));
    if (GetParam()) {
      const auto r = run_seatsync({"import", "--data", (dir_ / "data").string(), "--db", (dir_ / "s.db").string()});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      where_.db = dir_ / "s.db";
      place_ = {"--db", (dir_ / "s.db").string()};
    } else {
      where_.data_dir = dir_ / "data";
      place_ = {"--data", (dir_ / "data").string()};
    }
  }
  std::vector<std::string> collect(std::vector<std::string> extra) const {
    std::vector<std::string> args{"collect", "--sources", (dir_ / "sources.toml").string()};
    args.insert(args.end(), place_.begin(), place_.end());
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  }
  std::filesystem::path rejects() const {
    return GetParam() ? dir_ / "s.listing_rejects.csv" : dir_ / "data" / "listing_rejects.csv";
  }

  TempDir dir_;
  FixtureMarketServer market_;
  DataSource where_;
  std::vector<std::string> place_;
};

TEST_P(CollectCli, OnePollStoresTheListingsTheirStatisticsAndTheRejects) {
  const std::size_t before = load_dataset(where_).listings.size();
  const auto r = run_seatsync(collect({"--once"}));
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("stored 5 listings (0 already there), 2 poll statistics; 1 rejected, 1 flagged"),
            std::string::npos) << r.out;

  const Dataset data = load_dataset(where_);
  ASSERT_EQ(data.listings.size(), before + 5);
  std::map<std::string, const Listing*> by_id;
  for (const Listing& l : data.listings)
    if (l.source == "fixture") by_id[l.listing_id] = &l;
  ASSERT_EQ(by_id.size(), 5u);
  EXPECT_EQ(data.codes[*by_id["a2"]->code].code, "A");
  EXPECT_DOUBLE_EQ(by_id["a2"]->price, 1020.5);
  EXPECT_EQ(data.games[by_id["b1"]->game].id, "G2");
  EXPECT_FALSE(by_id["x1"]->code);  // unmapped section: kept, without a code
  EXPECT_EQ(by_id["x1"]->section, "999");

  ASSERT_EQ(data.market_stats.size(), 2u);
  const MarketPollStats& g3 = data.games[data.market_stats[0].game].id == "G3" ? data.market_stats[0] : data.market_stats[1];
  EXPECT_EQ(g3.count, 4u);
  EXPECT_EQ(g3.tickets, 2 + 1 + 4 + 2);
  EXPECT_DOUBLE_EQ(*g3.min, 44);
  EXPECT_DOUBLE_EQ(*g3.max, 1020.5);
  EXPECT_DOUBLE_EQ(*g3.median, (51 + 950) / 2.0);

  const std::string rejected = read_file(rejects());
  EXPECT_NE(rejected.find("rejected"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("call us"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("flagged"), std::string::npos) << rejected;

  // Every request named us honestly, and robots.txt was asked first.
  const auto requests = market_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].path, "/robots.txt");
  for (const auto& q : requests) EXPECT_EQ(q.user_agent, "seatsync-collector/0.1 (+https://example.org/contact)");
}

TEST_P(CollectCli, ABlockedSourceIsReportedAndTheExitCodeSaysSo) {
  market_.set("/events/G2/listings", {429, {{"Retry-After", "0"}}, "slow down", {}});
  const auto r = run_seatsync(collect({}));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("BLOCKED"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("429"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Places, CollectCli, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Store" : "Directory"; });

TEST(CollectCliInput, ABadSourcesFileExitsTwoNamingTheLine) {
  TempDir dir;
  copy_testdata("tiny", dir / "data");
  write_file(dir / "sources.toml", "[collector]\nuser_agent = \"seatsync-collector/0.1\"\nmin_interval_s = 0.2\n");
  const auto r = run_seatsync({"collect", "--sources", (dir / "sources.toml").string(), "--data", (dir / "data").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sources.toml:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("min_interval_s"), std::string::npos) << r.err;
  const auto every = run_seatsync({"collect", "--sources", (dir / "sources.toml").string(), "--data",
                                   (dir / "data").string(), "--every", "soon"});
  EXPECT_EQ(every.exit_code, 2);
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// SIGKILL anywhere in a run of repeated polls: the dataset still loads, every poll it holds is
// whole (its 5 listings and 2 statistics), and every poll the run reported stored is there.
TEST_P(CollectCli, AKilledRunLosesNothingCommitted) {
  const std::size_t before = load_dataset(where_).listings.size();
  std::mt19937 rng(15);
  std::uniform_int_distribution<int> delay_ms(300, 4500);  // a poll takes ~1–2 s: kills land in all its phases
  std::size_t committed_total = 0;
  for (int run = 0; run < 4; ++run) {
    const auto out = dir_ / ("run" + std::to_string(run) + ".out");
    const pid_t pid = seatsync::test::spawn_seatsync(collect({"--every", "1s", "--polls", "50"}), out);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    committed_total += count_of(read_file(out), "stored 5 listings");

    const Dataset data = load_dataset(where_);  // loads: no half-written file, no corrupt database
    std::map<std::string, int> per_poll;
    for (const Listing& l : data.listings)
      if (l.source == "fixture") ++per_poll[l.observed_at];
    for (const auto& [at, n] : per_poll) ASSERT_EQ(n, 5) << "poll " << at << " is not whole after run " << run;
    std::map<std::string, int> stats_per_poll;
    for (const MarketPollStats& s : data.market_stats) ++stats_per_poll[s.polled_at];
    for (const auto& [at, n] : per_poll) ASSERT_EQ(stats_per_poll[at], 2) << "poll " << at;
    // What the run said it stored is there (a kill right after the commit, before the line, adds one more).
    ASSERT_GE(per_poll.size(), committed_total) << "run " << run;
    ASSERT_EQ(data.listings.size(), before + 5 * per_poll.size());
  }
  EXPECT_GT(committed_total, 0u) << "no poll was committed before a kill: the test checked little";
}

}  // namespace
}  // namespace seatsync::test
