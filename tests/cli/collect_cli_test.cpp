// `seatsync collect` end to end against a fixture marketplace on loopback: what a poll stores
// (listings, poll statistics, rejects), into a directory and into a store; a bad sources file;
// and SIGKILL at random points of a poll losing nothing already committed.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "fixture_market_server.hpp"
#include "kill_harness.hpp"
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

// SIGKILL anywhere in a poll (one poll takes two seconds: robots.txt and the two pages a second
// apart, the collector's politeness floor), 8 to 30 times over (tests/support/kill_harness.hpp):
// the dataset still loads, every poll it holds is whole (its 3,001 listings and 2 statistics),
// and every poll a run reported stored is there. Most kills wait for the poll's last page to be
// served, so that they land in its parsing and store write (3,000 listings on one page make that
// write take a while); the write is under way when the kill finds the store's write transaction
// open (or, for a directory, its lock held).
TEST_P(CollectCli, AKilledRunLosesNothingCommitted) {
  constexpr int kPerPoll = 3001;
  std::string page = R"({"listings": [)";
  for (int i = 0; i < kPerPoll - 1; ++i)
    page += (i ? "," : "") + std::string(R"({"id": "k)") + std::to_string(i) + R"(", "price": )" + std::to_string(100 + i % 900) +
            R"(, "quantity": 2, "section": ")" + (i % 2 ? "101" : "300") + "\"}";
  market_.set_json("/events/G3/listings", page + "]}");
  const std::string stored_line = "stored " + std::to_string(kPerPoll) + " listings";
  const std::size_t before = load_dataset(where_).listings.size();
  std::size_t committed_total = 0, pages_before = 0, polls_seen = 0;
  auto pages_served = [&] {
    std::size_t n = 0;
    for (const auto& q : market_.requests()) n += q.path.rfind("/events/", 0) == 0;
    return n;
  };
  KillTarget target;
  target.name = GetParam() ? "collect into a store" : "collect into a directory";
  target.args = collect({"--once"});
  target.out = dir_ / "run.out";
  target.prepare = [&](int) { pages_before = pages_served(); };
  target.anchor = [&] { return pages_served() >= pages_before + 2; };  // both games' pages are in
  target.probe = [&] {
    return GetParam() ? sqlite_write_locked(dir_ / "s.db") : flock_held(dir_ / "data" / ".market.lock");
  };
  target.check = [&](const KillRun& run, KillLanding& landing) {
    const std::size_t said = count_of(std::filesystem::exists(target.out) ? read_file(target.out) : "", stored_line);
    committed_total += said;
    const Dataset data = load_dataset(where_);  // loads: no half-written file, no corrupt database
    if (GetParam()) EXPECT_EQ(sqlite_integrity(dir_ / "s.db"), std::vector<std::string>{"ok"});
    std::map<std::string, int> per_poll;
    for (const Listing& l : data.listings)
      if (l.source == "fixture") ++per_poll[l.observed_at];
    for (const auto& [at, n] : per_poll) ASSERT_EQ(n, kPerPoll) << "poll " << at << " is not whole";
    std::map<std::string, int> stats_per_poll;
    for (const MarketPollStats& s : data.market_stats) ++stats_per_poll[s.polled_at];
    for (const auto& [at, n] : per_poll) ASSERT_EQ(stats_per_poll[at], 2) << "poll " << at;
    // What the runs said they stored is there (a kill right after the commit, before the line, adds one more).
    ASSERT_GE(per_poll.size(), committed_total);
    ASSERT_EQ(data.listings.size(), before + kPerPoll * per_poll.size());
    landing = per_poll.size() > polls_seen ? KillLanding::After : run.write_in_progress ? KillLanding::During : KillLanding::Before;
    polls_seen = per_poll.size();
  };
  const KillMeasure measured = measure(target);
  ASSERT_FALSE(HasFailure());
  committed_total = count_of(read_file(target.out), stored_line);
  ASSERT_EQ(committed_total, 1u);
  polls_seen = 1;
  const KillStats stats = run_kills(target, measured, {.seed = 15, .max_runs = 30, .min_runs = 8, .time = std::chrono::seconds(15), .anchored_share = 0.8});
  ASSERT_FALSE(HasFailure());
  EXPECT_GE(stats.during, 1) << stats.summary(target.name) << ": no kill landed inside a poll's store write";
  // Committed polls surviving later kills needs no kill after a commit (with 80% of the runs
  // anchored to the write, such kills are rare): the measured run committed one before any kill,
  // and every check above finds it whole.
}

}  // namespace
}  // namespace seatsync::test
