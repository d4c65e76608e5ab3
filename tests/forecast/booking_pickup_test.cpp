// Known answers of each pickup method on a hand-made season (numbers worked out by hand below).
#include <gtest/gtest.h>

#include "booking_fixture.hpp"
#include "seatsync/booking_curve.hpp"

namespace seatsync {
namespace {

const Date kAsOf = Date::from_ymd(2026, 3, 10);

// Three completed games of code X (capacity 100), one game playing on as-of (P: partial, seen
// from 0 days before), the target U two days out with 15 tickets sold 6 days before.
//   A: 10 at 5 days, 5 at 2, 5 at 0   → booked(2) = 10, final 20
//   B: 20 at 5, 10 at 1               → booked(2) = 20, final 30
//   C: 30 at 4, 10 at 3, 20 at 0      → booked(2) = 40, final 60
//   P: 6 at 5, 8 at 2, 4 at 1         (days 1 and 2 seen whole)
Dataset hand_season() {
  const std::vector<Game> games = {{"A", Date::from_ymd(2026, 2, 1), 1, ""},
                                   {"B", Date::from_ymd(2026, 2, 8), 1, ""},
                                   {"C", Date::from_ymd(2026, 2, 15), 1, ""},
                                   {"P", kAsOf, 1, ""},
                                   {"U", kAsOf + 2, 1, ""}};
  return test::hand_dataset(games, {{"X", "Lower", 100, 10.0}},
                            {{"A", "X", 5, 10}, {"A", "X", 2, 5}, {"A", "X", 0, 5},
                             {"B", "X", 5, 20}, {"B", "X", 1, 10},
                             {"C", "X", 4, 30}, {"C", "X", 3, 10}, {"C", "X", 0, 20},
                             {"P", "X", 5, 6}, {"P", "X", 2, 8}, {"P", "X", 1, 4},
                             {"U", "X", 6, 15}});
}

struct Fixture {
  Dataset data = hand_season();
  std::vector<BookingCurve> curves = booking_curves(data, kAsOf, booking_horizon(data));
  PickupReference reference{{&curves[0], &curves[1], &curves[2]}, {&curves[3], &curves[4]}, booking_horizon(data)};

  double forecast(std::string_view method, double booked = 15, std::optional<std::size_t> leave_out = {}) const {
    return (*find_pickup_method(method))(reference, 2)->expected_final(booked, leave_out);
  }
};

TEST(BookingCurves, BookedCountsOnlyEarlierDaysAndOrdersBeforeAsOf) {
  Fixture f;
  EXPECT_EQ(f.curves[0].at(2), 10);
  EXPECT_EQ(f.curves[0].at(0), 15);
  EXPECT_EQ(f.curves[0].at(-1), 20);
  EXPECT_TRUE(f.curves[0].complete());
  EXPECT_EQ(f.curves[3].observed_from, 0);  // plays on as-of: its game-day sales are not in yet
  EXPECT_EQ(f.curves[3].at(0), 18);
  EXPECT_EQ(f.curves[4].observed_from, 2);
  EXPECT_EQ(f.curves[4].at(2), 15);
}

TEST(BookingPickup, AdditiveAddsTheMeanPickup) {
  Fixture f;
  // mean pickup from 2 days out: (10 + 10 + 20) / 3 = 13.333…
  EXPECT_NEAR(f.forecast("additive"), 15 + 40.0 / 3, 1e-9);
  // without A: (10 + 20) / 2 = 15
  EXPECT_NEAR(f.forecast("additive", 15, 0), 30, 1e-9);
}

TEST(BookingPickup, MultiplicativeScalesByTheRatioOfSums) {
  Fixture f;
  // (20 + 30 + 60) / (10 + 20 + 40) = 11/7
  EXPECT_NEAR(f.forecast("multiplicative"), 15 * 11.0 / 7, 1e-9);
  // without C: 50 / 30
  EXPECT_NEAR(f.forecast("multiplicative", 15, 2), 25, 1e-9);
}

TEST(BookingPickup, AdvancedChainsDailyMeansIncludingUnfinishedGames) {
  Fixture f;
  // day 0: (5 + 0 + 20) / 3; day 1: (0 + 10 + 0 + P's 4) / 4; day 2: (5 + 0 + 0 + P's 8) / 4
  EXPECT_NEAR(f.forecast("advanced"), 15 + 25.0 / 3 + 3.5 + 3.25, 1e-9);
  // without B: day 0 (5 + 20) / 2, day 1 (0 + 0 + 4) / 3, day 2 (5 + 0 + 8) / 3
  EXPECT_NEAR(f.forecast("advanced", 15, 1), 15 + 12.5 + 4.0 / 3 + 13.0 / 3, 1e-9);
  // With no unfinished games it is the additive pickup.
  const PickupReference complete_only({&f.curves[0], &f.curves[1], &f.curves[2]}, {}, booking_horizon(f.data));
  EXPECT_NEAR((*find_pickup_method("advanced"))(complete_only, 2)->expected_final(15), 15 + 40.0 / 3, 1e-9);
}

TEST(BookingPickup, RegressionIsTheLeastSquaresLine) {
  Fixture f;
  // x = (10, 20, 40), y = (20, 30, 60): Sxx = 466.67, Sxy = 633.33, b = 19/14, a = 36.667 − b·23.333 = 5
  EXPECT_NEAR(f.forecast("regression"), 5 + 19.0 / 14 * 15, 1e-9);
  EXPECT_NEAR(f.forecast("regression", 0), 5, 1e-9);
}

TEST(BookingPickup, CombinationsLieBetweenTheirParts) {
  Fixture f;
  const double parts[] = {f.forecast("additive"), f.forecast("multiplicative"), f.forecast("advanced"),
                          f.forecast("regression")};
  EXPECT_NEAR(f.forecast("average"), (parts[0] + parts[1] + parts[2] + parts[3]) / 4, 1e-9);
  const double combined = f.forecast("combination");
  EXPECT_GE(combined, *std::min_element(std::begin(parts), std::end(parts)) - 1e-9);
  EXPECT_LE(combined, *std::max_element(std::begin(parts), std::end(parts)) + 1e-9);
}

TEST(BookingPickup, EveryMethodIsRegisteredAndNeedsTwoGames) {
  Fixture f;
  for (const auto& name : pickup_method_names()) ASSERT_NE(find_pickup_method(name), nullptr) << name;
  EXPECT_EQ(find_pickup_method("prophet"), nullptr);
  const PickupReference one({&f.curves[0]}, {}, booking_horizon(f.data));
  EXPECT_THROW((*find_pickup_method("additive"))(one, 2), std::invalid_argument);
}

TEST(BookingForecast, HandSeasonForecastVelocityAndBounds) {
  const Dataset data = hand_season();
  BookingOptions options;
  options.method = "additive";
  options.min_reference_games = 2;
  const BookingForecastSet set = forecast_bookings(data, kAsOf, {"U"}, options);
  ASSERT_EQ(set.games.size(), 1u);
  ASSERT_EQ(set.games[0].codes.size(), 1u);
  const CodeBookingForecast& c = set.games[0].codes[0];
  EXPECT_EQ(c.sold, 15);
  EXPECT_EQ(c.days_before, 2);
  EXPECT_NEAR(c.expected_final, 15 + 40.0 / 3, 1e-9);
  // 15 sold in the last 7 days against the reference's (10 + 20 + 40) / 3 at the same days-before.
  EXPECT_NEAR(c.velocity, 15 / (70.0 / 3), 1e-9);
  EXPECT_LE(c.lower_95, c.lower_80);
  EXPECT_LE(c.lower_80, c.expected_final);
  EXPECT_GE(c.upper_80, c.expected_final);
  EXPECT_LE(c.upper_95, 100);
  EXPECT_GE(c.lower_95, 15);
  EXPECT_TRUE(set.notes.empty());
  // With a threshold above the three games the tier falls back to every tier, and says so.
  options.min_reference_games = 6;
  const BookingForecastSet fallback = forecast_bookings(data, kAsOf, {"U"}, options);
  EXPECT_TRUE(fallback.games[0].codes[0].all_tiers_reference);
  ASSERT_EQ(fallback.notes.size(), 1u);
}

TEST(BookingForecast, BadInputIsInvalidArgument) {
  const Dataset data = hand_season();
  EXPECT_THROW(forecast_bookings(data, kAsOf, {"nope"}), std::invalid_argument);
  EXPECT_THROW(forecast_bookings(data, kAsOf, {"A"}), std::invalid_argument);  // already played
  BookingOptions options;
  options.method = "prophet";
  EXPECT_THROW(forecast_bookings(data, kAsOf, {}, options), std::invalid_argument);
}

}  // namespace
}  // namespace seatsync
