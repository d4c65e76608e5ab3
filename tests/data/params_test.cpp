#include <gtest/gtest.h>

#include <algorithm>

#include "seatsync/params.hpp"

using namespace seatsync;

namespace {
std::vector<std::string> messages(const Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& i : d.items()) out.push_back(i.format());
  return out;
}
}  // namespace

TEST(Params, DefaultsAreTheThesisBuckets) {
  auto p = Params::defaults();
  std::vector<std::string> names;
  for (const auto& b : p.buckets) names.push_back(b.name);
  EXPECT_EQ(names, (std::vector<std::string>{"91-365", "61-90", "31-60", "15-30", "8-14", "4-7", "1-3", "0"}));
  EXPECT_EQ(*p.bucket_index(0), 7u);
  EXPECT_EQ(*p.bucket_index(3), 6u);
  EXPECT_EQ(*p.bucket_index(14), 4u);
  EXPECT_EQ(*p.bucket_index(91), 0u);
  EXPECT_EQ(*p.bucket_index(365), 0u);
  EXPECT_FALSE(p.bucket_index(366));
  EXPECT_FALSE(p.bucket_index(-1));
  EXPECT_EQ(p.max_days(), 365);
  EXPECT_EQ(p.tiers, (std::vector<int>{1, 2, 3, 4, 5}));
}

TEST(Params, RedefinesBucketsTiersAndGroups) {
  Diagnostics diag;
  auto p = parse_params(R"(
tiers = [1, 2, 3]
[[buckets]]
days_from = 0
days_to = 6
[[buckets]]
name = "early"
days_from = 7
days_to = 120
[groups]
Premium = ["A", "B"]
)", "params.toml", diag);
  ASSERT_FALSE(diag.has_errors()) << messages(diag)[0];
  ASSERT_EQ(p.buckets.size(), 2u);
  EXPECT_EQ(p.buckets[0].name, "early");  // ordered furthest first
  EXPECT_EQ(p.buckets[1].name, "0-6");
  EXPECT_EQ(p.tiers, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(p.groups.at("Premium"), (std::vector<std::string>{"A", "B"}));
}

TEST(Params, RejectsBucketGapsOverlapsAndMissingGameDay) {
  Diagnostics gap;
  parse_params("[[buckets]]\ndays_from = 0\ndays_to = 5\n[[buckets]]\ndays_from = 8\ndays_to = 30\n", "p.toml", gap);
  ASSERT_EQ(gap.error_count(), 1u);
  EXPECT_EQ(messages(gap)[0], "p.toml:1: buckets: gap between bucket '0-5' and bucket '8-30': days 6-7 are in no bucket");

  Diagnostics overlap;
  parse_params("[[buckets]]\ndays_from = 0\ndays_to = 10\n[[buckets]]\ndays_from = 8\ndays_to = 30\n", "p.toml", overlap);
  ASSERT_EQ(overlap.error_count(), 1u);
  EXPECT_EQ(messages(overlap)[0], "p.toml:1: buckets: bucket '0-10' overlaps bucket '8-30'");

  Diagnostics no_day0;
  auto p = parse_params("[[buckets]]\ndays_from = 1\ndays_to = 10\n", "p.toml", no_day0);
  ASSERT_EQ(no_day0.error_count(), 1u);
  EXPECT_EQ(messages(no_day0)[0], "p.toml:1: buckets: the last bucket must include day 0 (game day)");
  EXPECT_EQ(p.buckets.size(), 8u);  // invalid buckets leave the defaults

  Diagnostics inverted;
  parse_params("[[buckets]]\ndays_from = 5\ndays_to = 0\n", "p.toml", inverted);
  EXPECT_TRUE(inverted.has_errors());
}

TEST(Params, ReportsSyntaxErrorsWithTheirLineAndWarnsOnUnknownKeys) {
  Diagnostics syntax;
  parse_params("tiers = [1, 2\n\nfoo = \n", "p.toml", syntax);
  ASSERT_EQ(syntax.error_count(), 1u);
  EXPECT_EQ(syntax.items()[0].file, "p.toml");
  EXPECT_GE(syntax.items()[0].line, 1u);

  Diagnostics unknown;
  parse_params("tiers = [1]\ntyop = 3\n", "p.toml", unknown);
  EXPECT_FALSE(unknown.has_errors());
  ASSERT_EQ(unknown.items().size(), 1u);
  EXPECT_EQ(messages(unknown)[0], "p.toml:2: tyop: warning: unknown parameter, ignored");

  Diagnostics bad_tier;
  parse_params("tiers = [0, 1]\n", "p.toml", bad_tier);
  EXPECT_EQ(messages(bad_tier)[0], "p.toml:1: tiers: tiers must be whole numbers >= 1");

  Diagnostics twice;
  parse_params("[groups]\nX = [\"A\"]\nY = [\"A\"]\n", "p.toml", twice);
  ASSERT_EQ(twice.error_count(), 1u);
  EXPECT_EQ(messages(twice)[0], "p.toml:3: groups.Y: price code 'A' is listed in more than one group");
}

TEST(Params, PlanSectionHasDefaultsAndValidatesEveryKey) {
  auto d = Params::defaults().plan;
  EXPECT_EQ(d.method, "stochastic");
  EXPECT_EQ(d.rounding, "dollar");
  EXPECT_DOUBLE_EQ(*d.ceiling_multiple, 3.0);
  EXPECT_DOUBLE_EQ(*d.max_change, 0.2);  // issue 10: a change limit by default
  EXPECT_DOUBLE_EQ(d.hold_margin, 0.002);
  Diagnostics unlimited;
  EXPECT_FALSE(parse_params("[plan]\nmax_change = \"none\"\nhold_margin = 0\n", "p.toml", unlimited).plan.max_change);
  EXPECT_FALSE(unlimited.has_errors());

  Diagnostics ok;
  auto p = parse_params("[plan]\nmethod = \"deterministic\"\nattendance_weight = 5\nrounding = \"charm\"\n"
                        "ceiling = 900\nmax_change = 0.2\nprice_points = 12\n", "p.toml", ok);
  ASSERT_FALSE(ok.has_errors()) << messages(ok)[0];
  EXPECT_EQ(p.plan.method, "deterministic");
  EXPECT_DOUBLE_EQ(p.plan.attendance_weight, 5.0);
  EXPECT_EQ(p.plan.rounding, "charm");
  EXPECT_DOUBLE_EQ(*p.plan.ceiling, 900.0);
  EXPECT_DOUBLE_EQ(*p.plan.max_change, 0.2);
  EXPECT_EQ(p.plan.price_points, 12);

  Diagnostics bad;
  parse_params("[plan]\nmethod = \"greedy\"\nattendance_weight = -1\nmax_change = 0\nprice_points = 1\nrounding = 3\n",
               "p.toml", bad);
  EXPECT_EQ(bad.error_count(), 5u);
  auto m = messages(bad);
  EXPECT_NE(std::find(m.begin(), m.end(), "p.toml:2: plan.method: must be one of: stochastic, deterministic"), m.end());
  EXPECT_NE(std::find(m.begin(), m.end(), "p.toml:3: plan.attendance_weight: must be a number >= 0 and <= 1000000"),
            m.end());
}

TEST(Params, GuideSectionThresholds) {
  Diagnostics ok;
  auto p = parse_params("[guide]\nlarge_change = 0.2\nmin_support_orders = 12\n", "p.toml", ok);
  ASSERT_FALSE(ok.has_errors());
  EXPECT_DOUBLE_EQ(p.guide.large_change, 0.2);
  EXPECT_EQ(p.guide.min_support_orders, 12);
  EXPECT_DOUBLE_EQ(Params::defaults().guide.large_change, 0.10);
  Diagnostics bad;
  parse_params("[guide]\nlarge_change = 0\nmin_support_orders = -3\n", "p.toml", bad);
  EXPECT_EQ(bad.error_count(), 2u);
}

TEST(Params, FeatureHolidays) {
  Diagnostics ok;
  auto p = parse_params("[features]\nholidays = [\"2026-12-24\", \"2027-03-17\"]\n", "p.toml", ok);
  ASSERT_FALSE(ok.has_errors());
  ASSERT_EQ(p.holidays.size(), 2u);
  EXPECT_EQ(p.holidays[1].str(), "2027-03-17");
  EXPECT_TRUE(Params::defaults().holidays.empty());
  Diagnostics bad;
  parse_params("[features]\nholidays = [\"2026-13-40\", 7]\n", "p.toml", bad);
  EXPECT_EQ(bad.error_count(), 2u);
  Diagnostics not_array;
  parse_params("[features]\nholidays = \"2026-12-24\"\n", "p.toml", not_array);
  EXPECT_EQ(not_array.error_count(), 1u);
}

TEST(Params, GuideSectionReadsTheMaterialityThresholds) {
  Diagnostics ok;
  const auto p = parse_params("[guide]\nmin_expected_tickets = 2.5\nmin_revenue_at_stake = 0\n", "p.toml", ok);
  EXPECT_FALSE(ok.has_errors());
  EXPECT_DOUBLE_EQ(p.guide.min_expected_tickets, 2.5);
  EXPECT_DOUBLE_EQ(p.guide.min_revenue_at_stake, 0.0);
  EXPECT_DOUBLE_EQ(Params::defaults().guide.min_expected_tickets, 1.0);
  Diagnostics bad;
  parse_params("[guide]\nmin_revenue_at_stake = -5\n", "p.toml", bad);
  ASSERT_EQ(bad.error_count(), 1u);
  EXPECT_EQ(messages(bad)[0], "p.toml:2: guide.min_revenue_at_stake: must be a number >= 0");
}

// Found by tests/fuzz/fuzz_params: days and tiers were narrowed to int unchecked, so day
// 2147483647 overflowed TimeBucket::length() and 4294967296 read as day 0, 2147483648 as a
// negative tier. Now each is an error naming its key, and the defaults stay.
TEST(Params, DaysAndTiersBeyondAnIntAreErrorsNotWrappedValues) {
  Diagnostics wide;
  const Params p = parse_params("[[buckets]]\ndays_from = 0\ndays_to = 2147483647\n", "p.toml", wide);
  ASSERT_EQ(wide.error_count(), 1u);
  EXPECT_EQ(messages(wide)[0], "p.toml:1: buckets: a bucket needs whole-number days_from and days_to from 0 to 3650");
  EXPECT_EQ(p.buckets.size(), default_buckets().size());

  Diagnostics wrapped;
  const Params q = parse_params("tiers = [2147483648]\n[strategy]\ntime_based = [{days_from = 1, days_to = 4294967296, "
                                "multiplier = 1.1}]\n[[buckets]]\ndays_from = 4294967296\ndays_to = 4294967296\n",
                                "p.toml", wrapped);
  EXPECT_EQ(wrapped.error_count(), 3u);
  EXPECT_EQ(q.tiers, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(q.buckets.back().days_from, 0);
  EXPECT_EQ(q.strategy.time_based.size(), StrategyParams{}.time_based.size());
}
