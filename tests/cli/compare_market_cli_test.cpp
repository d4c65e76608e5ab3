// End-to-end: seatsync compare-market on simulated data — the JSON's fields present and
// consistent with each other and with its own matches, the SVGs written by --out, the table, the
// default as-of, a section map from a file, and bad flags refused with exit 2.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "test_support.hpp"

using seatsync::test::run_seatsync;
using ::testing::HasSubstr;

namespace {

// One run shared by the tests that read its JSON (the planner makes it the slow part).
struct JsonRun {
  seatsync::test::TempDir out;
  seatsync::test::CommandResult result;
  nlohmann::json json;
  JsonRun() {
    result = run_seatsync({"compare-market", "--data", seatsync::test::simulated_season_dir().string(), "--as-of", "2026-12-01", "--format",
                           "json", "--out", out.path().string()});
    if (result.exit_code == 0) json = nlohmann::json::parse(result.out);
  }
};
const JsonRun& json_run() {
  static const JsonRun run;
  return run;
}

void expect_stats_consistent(const nlohmann::json& s) {
  const auto count = s["count"].get<std::size_t>();
  EXPECT_EQ(s["above"].get<std::size_t>() + s["equal"].get<std::size_t>() + s["below"].get<std::size_t>(), count);
  if (count > 0) {
    EXPECT_NEAR(s["share_above_count"].get<double>(), s["above"].get<double>() / count, 1e-12);
    EXPECT_GE(s["share_above_tickets"].get<double>(), 0.0);
    EXPECT_LE(s["share_above_revenue"].get<double>(), 1.0);
    EXPECT_LE(s["difference"]["p10"].get<double>(), s["difference"]["median"].get<double>());
    EXPECT_LE(s["difference"]["median"].get<double>(), s["difference"]["p90"].get<double>());
  }
  EXPECT_GE(s["below_market_gap"].get<double>(), 0.0);
  EXPECT_GE(s["above_market_premium"].get<double>(), 0.0);
}

}  // namespace

TEST(CompareMarketCli, JsonFieldsArePresentAndConsistent) {
  const JsonRun& run = json_run();
  ASSERT_EQ(run.result.exit_code, 0) << run.result.err;
  const auto& j = run.json;
  EXPECT_EQ(j["as_of"], "2026-12-01");
  EXPECT_EQ(j["window_days"], 2);
  const auto& l = j["listings"];
  EXPECT_GT(l["total"].get<int>(), 0);
  EXPECT_EQ(l["coded"].get<int>() + l["by_section"].get<int>() + l["left_out"].get<int>() + l["after_as_of"].get<int>(),
            l["total"].get<int>());
  EXPECT_GT(l["left_out"].get<int>(), 0);  // the simulator names no code for 30% of its listings, and no section

  const auto& sales = j["sales"];
  EXPECT_EQ(sales["matched"].get<int>() + sales["unmatched"].get<int>(), sales["considered"].get<int>());
  ASSERT_GT(sales["matched"].get<int>(), 100);
  const auto& summary = sales["summary"];
  EXPECT_EQ(summary["count"], sales["matched"]);
  expect_stats_consistent(summary);

  // The sums recomputed from the matches themselves.
  double gap = 0, premium = 0, tickets = 0;
  std::size_t above = 0;
  for (const auto& m : sales["matches"]) {
    const double d = m["our_price"].get<double>() - m["market_price"].get<double>();
    EXPECT_NEAR(m["difference"].get<double>(), d, 1e-9);
    EXPECT_LE(std::abs(m["market_days_before"].get<int>() - m["days_before"].get<int>()), 2);
    const double q = m["quantity"].get<double>();
    tickets += q;
    if (d < 0) gap += q * -d;
    if (d > 0) premium += q * d, ++above;
  }
  EXPECT_NEAR(summary["below_market_gap"].get<double>(), gap, 1e-6);
  EXPECT_NEAR(summary["above_market_premium"].get<double>(), premium, 1e-6);
  EXPECT_EQ(summary["above"].get<std::size_t>(), above);
  EXPECT_NEAR(summary["tickets"].get<double>(), tickets, 1e-9);

  // The histogram holds every matched sale; groups and buckets partition them.
  std::size_t in_bins = 0;
  for (const auto& b : sales["histogram"]["bins"]) in_bins += b["count"].get<std::size_t>();
  EXPECT_EQ(in_bins, sales["matched"].get<std::size_t>());
  for (const char* split : {"by_group", "by_bucket"}) {
    std::size_t n = 0;
    for (const auto& g : sales[split]) {
      expect_stats_consistent(g);
      n += g["count"].get<std::size_t>();
      std::size_t bars = 0;
      for (const auto& b : g["histogram"]["bins"]) bars += b["count"].get<std::size_t>();
      EXPECT_EQ(bars, g["count"].get<std::size_t>());
      if (std::string(split) == "by_bucket")  // buckets share the overall bins; groups have their own
        EXPECT_EQ(g["histogram"]["bins"].size(), sales["histogram"]["bins"].size());
    }
    EXPECT_EQ(n, sales["matched"].get<std::size_t>()) << split;
  }

  const auto& plans = j["plans"];
  EXPECT_EQ(plans["matched"].get<int>() + plans["unmatched"].get<int>(), plans["considered"].get<int>());
  EXPECT_GT(plans["considered"].get<int>(), 0);
  EXPECT_GT(plans["matched"].get<int>(), 0);
  expect_stats_consistent(plans["summary"]);

  for (const char* file : {"market-comparison.json", "market-histogram.svg", "market-histogram-by-group.svg",
                           "market-histogram-by-bucket.svg"})
    EXPECT_TRUE(std::filesystem::exists(run.out / file)) << file;
  EXPECT_EQ(nlohmann::json::parse(seatsync::test::read_file(run.out / "market-comparison.json")), j);
  const std::string svg = seatsync::test::read_file(run.out / "market-histogram.svg");
  EXPECT_THAT(svg, HasSubstr("<svg"));
  EXPECT_THAT(svg, HasSubstr("class=\"bar\""));
}

TEST(CompareMarketCli, TableAndTheDefaultAsOf) {
  // Without --as-of: the day after the last sale, which in the simulator is its as-of.
  auto r = run_seatsync({"compare-market", "--data", seatsync::test::simulated_season_dir().string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("as of 2026-12-01"));
  EXPECT_THAT(r.out, HasSubstr("all sales"));
  EXPECT_THAT(r.out, HasSubstr("below-market gap"));
  EXPECT_THAT(r.out, HasSubstr("no market observation"));
  EXPECT_THAT(r.out, HasSubstr("Recommended prices"));
}

TEST(CompareMarketCli, ASectionMapCodesListingsThatNameOnlyASection) {
  seatsync::test::TempDir dir;
  const auto data = dir / "data";
  std::filesystem::copy(seatsync::test::simulated_season_dir(), data);
  // Rewrite the uncoded listings to name a section, and map that section to code A.
  std::string csv = seatsync::test::read_file(data / "listings.csv");
  std::istringstream in(csv);
  std::string line, out;
  std::getline(in, line);
  out += line + ",listing_id,section\n";
  std::size_t uncoded = 0;
  while (std::getline(in, line)) {
    const auto first = line.find(',');
    const bool no_code = line[first + 1] == ',';
    uncoded += no_code;
    out += line + "," + (no_code ? ",S-A" : ",") + "\n";
  }
  ASSERT_GT(uncoded, 0u);
  seatsync::test::write_file(data / "listings.csv", out);
  seatsync::test::write_file(dir / "map.toml", "[sections]\n\"S-A\" = \"A\"\n");
  auto without = run_seatsync({"compare-market", "--data", data.string(), "--as-of", "2026-12-01", "--format", "json"});
  ASSERT_EQ(without.exit_code, 0) << without.err;
  auto with = run_seatsync({"compare-market", "--data", data.string(), "--as-of", "2026-12-01", "--format", "json",
                            "--sections", (dir / "map.toml").string()});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  const auto a = nlohmann::json::parse(without.out), b = nlohmann::json::parse(with.out);
  EXPECT_EQ(a["listings"]["by_section"], 0);
  EXPECT_EQ(b["listings"]["left_out"], 0);
  EXPECT_EQ(b["listings"]["by_section"].get<std::size_t>(), a["listings"]["left_out"].get<std::size_t>());
  EXPECT_GE(b["sales"]["matched"].get<int>(), a["sales"]["matched"].get<int>());
}

TEST(CompareMarketCli, BadFlagsExit2) {
  const std::string data = seatsync::test::simulated_season_dir().string();
  seatsync::test::TempDir dir;
  seatsync::test::write_file(dir / "bad.toml", "[sections]\n\"101\" = \"NOPE\"\n");
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"compare-market", "--data", data, "--format", "xml"},
           {"compare-market", "--data", data, "--as-of", "2026-13-45"},
           {"compare-market", "--data", data, "--window", "-1"},
           {"compare-market", "--data", data, "--sections", (dir / "missing.toml").string()},
           {"compare-market", "--data", data, "--sections", (dir / "bad.toml").string()},
           {"compare-market"},
           {"compare-market", "--data", data, "--frobnicate"}}) {
    const auto r = run_seatsync(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << "\n" << r.err;
  }
  const auto r = run_seatsync({"compare-market", "--data", data, "--sections", (dir / "bad.toml").string()});
  EXPECT_THAT(r.err, HasSubstr("bad.toml:2: 101: unknown price code 'NOPE'"));
}
