// plan_to_csv on a hand-made plan: every column's value, the bucket's calendar days, quoting, and
// a sold-out code kept as one row without bucket columns.
#include <gtest/gtest.h>

#include "seatsync/plan_format.hpp"

using namespace seatsync;

namespace {

Dataset two_codes() {
  Dataset data;
  data.games = {{"G1", Date::from_ymd(2026, 12, 20), 2, "Rivals"}};
  data.codes = {{"A", "Club, Upper", 10, 50.0}, {"B", "Balcony", 20, 15.0}};
  data.reindex();
  return data;
}

CodePlan selling_plan() {
  CodePlan p;
  p.code = 0;
  p.remaining = 7;
  p.current_price = 80.0;
  p.constraints.floor = 50.0;
  p.constraints.ceiling = 240.0;
  // As of 2026-12-10 the game is 10 days out: today sits inside 8-14.
  p.buckets = {{4, "8-14", 8, 14, 90.0, 2.5, 225.0}, {5, "4-7", 4, 7, 95.5, 1.25, 119.375}};
  return p;
}

CodePlan sold_out_plan() {
  CodePlan p;
  p.code = 1;
  p.remaining = 0;
  p.current_price = 30.0;
  p.constraints.floor = 15.0;  // no ceiling
  return p;
}

}  // namespace

TEST(PlanCsv, RowsCarryGameCodeConstraintsAndBucketDatesAndKeepASoldOutCode) {
  const Dataset data = two_codes();
  PlanSet set;
  set.as_of = Date::from_ymd(2026, 12, 10);
  set.games = {{0, {selling_plan(), sold_out_plan()}}};
  EXPECT_EQ(plan_to_csv(set, data),
            "game_id,price_code,remaining,current_price,bucket,days_from,days_to,price,expected_quantity,"
            "expected_revenue,game_date,tier,group,floor,ceiling,first_date,last_date\n"
            // The current bucket starts today (not on day 14 before the game, already past).
            "G1,A,7,80.00,8-14,8,14,90.00,2.500,225.00,2026-12-20,2,\"Club, Upper\",50.00,240.00,2026-12-10,2026-12-12\n"
            "G1,A,7,80.00,4-7,4,7,95.50,1.250,119.38,2026-12-20,2,\"Club, Upper\",50.00,240.00,2026-12-13,2026-12-16\n"
            // Sold out: nothing to price, so no bucket, price or dates; the row still says so.
            "G1,B,0,30.00,,,,,,,2026-12-20,2,Balcony,15.00,,,\n");
}

TEST(PlanCsv, ASoldOutCodeWithBucketsStillGetsOneRowWithoutPrices) {
  const Dataset data = two_codes();
  CodePlan sold = sold_out_plan();
  sold.buckets = {{4, "8-14", 8, 14, 30.0, 0.0, 0.0}};
  PlanSet set;
  set.as_of = Date::from_ymd(2026, 12, 10);
  set.games = {{0, {sold}}};
  const std::string csv = plan_to_csv(set, data);
  EXPECT_EQ(csv.substr(csv.find('\n') + 1), "G1,B,0,30.00,,,,,,,2026-12-20,2,Balcony,15.00,,,\n");
}
