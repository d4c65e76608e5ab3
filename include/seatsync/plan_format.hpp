#pragma once
// The public output of `seatsync plan` (docs/plan.schema.json): JSON and CSV.
#include <nlohmann/json.hpp>
#include <string>

#include "seatsync/planner.hpp"

namespace seatsync {

nlohmann::ordered_json plan_to_json(const PlanSet& plans, const Dataset& data);
// One code plan's "buckets" array as plan_to_json writes it (prices to the cent, quantities to
// 0.001), for other records that must agree with plans.json digit for digit (the audit trail).
nlohmann::ordered_json plan_buckets_json(const CodePlan& plan);
// One row per (game, code, bucket): game_id,price_code,remaining,current_price,bucket,days_from,
// days_to,price,expected_quantity,expected_revenue, then game_date,tier,group,floor,ceiling,
// first_date,last_date (the bucket's calendar days from today). A code with no seats left gets
// one row with the bucket columns empty.
std::string plan_to_csv(const PlanSet& plans, const Dataset& data);

// A terminal table of one game's plans: per code, the price in force, the price to set now and
// the planned price per bucket, and the expected tickets and revenue to game day.
std::string format_game_plan(const GamePlan& game, const Dataset& data);

}  // namespace seatsync
