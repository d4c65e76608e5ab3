// The booking-forecast outputs: the JSON shape the CLI contract names, null for what has no
// forecast, one CSV row per game × code.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "booking_fixture.hpp"
#include "seatsync/booking_curve.hpp"

namespace seatsync {
namespace {

TEST(BookingFormat, JsonShapeAndNullsWithoutHistory) {
  const Date as_of = Date::from_ymd(2026, 5, 1);
  // One completed game only: no forecast can be made (two are needed).
  const Dataset data = test::hand_dataset({{"H", as_of - 3, 2, ""}, {"U,1", as_of + 4, 2, "Rivals"}},
                                          {{"X", "Lower", 50, 10.0}}, {{"H", "X", 2, 5}, {"U,1", "X", 9, 3}});
  const BookingForecastSet set = forecast_bookings(data, as_of);
  const auto json = nlohmann::json::parse(booking_forecast_json(set, data));
  EXPECT_EQ(json["as_of"], "2026-05-01");
  ASSERT_EQ(json["games"].size(), 1u);
  const auto& game = json["games"][0];
  EXPECT_EQ(game["game_id"], "U,1");
  EXPECT_EQ(game["game_date"], "2026-05-05");
  EXPECT_EQ(game["tier"], 2);
  const auto& code = game["codes"][0];
  EXPECT_EQ(code["price_code"], "X");
  EXPECT_EQ(code["seats"], 50);
  EXPECT_EQ(code["sold"], 3);
  for (const char* key : {"expected_final", "lower_80", "upper_80", "lower_95", "upper_95", "p_sellout"})
    EXPECT_TRUE(code[key].is_null()) << key;
  const std::string csv = booking_forecast_csv(set, data);
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 2);
  EXPECT_NE(csv.find("\"U,1\",2026-05-05,2,4,X,50,3,-,"), std::string::npos) << csv;
  EXPECT_NE(booking_forecast_table(set, data).find("U,1"), std::string::npos);
}

}  // namespace
}  // namespace seatsync
