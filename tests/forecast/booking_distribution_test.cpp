// The final-tickets distribution: quantiles and tail probabilities against scipy.stats, and the
// capacity and sold-out rules.
#include <gtest/gtest.h>

#include "booking_fixture.hpp"
#include "seatsync/booking_curve.hpp"

namespace seatsync {
namespace {

TEST(BookingDistribution, PoissonQuantilesMatchScipy) {
  // /usr/bin/python3: poisson.ppf([.025, .1, .9, .975], 10) = [4, 6, 14, 17]; poisson.sf(14, 10) = 0.0834585
  const auto d = final_tickets_distribution(0, 15, 10, 0);
  EXPECT_EQ(d.lower_95, 4);
  EXPECT_EQ(d.lower_80, 6);
  EXPECT_EQ(d.upper_80, 14);
  EXPECT_EQ(d.upper_95, 15);  // 17, capped at the seats
  EXPECT_NEAR(d.p_sellout, 0.0834585, 1e-6);
}

TEST(BookingDistribution, NegativeBinomialQuantilesMatchScipy) {
  // mean 10, φ = 0.5: nbinom(n = 2, p = 2/12). ppf([.025, .1, .9, .975]) = [0, 2, 20, 30];
  // sf(29) = 0.0252763. 100 already sold, 130 seats: P(R ≥ 30).
  const auto d = final_tickets_distribution(100, 130, 10, 0.5);
  EXPECT_EQ(d.lower_95, 100);
  EXPECT_EQ(d.lower_80, 102);
  EXPECT_EQ(d.upper_80, 120);
  EXPECT_EQ(d.upper_95, 130);
  EXPECT_NEAR(d.p_sellout, 0.0252763, 1e-6);
}

TEST(BookingDistribution, SoldOutAndNothingExpected) {
  const auto out = final_tickets_distribution(40, 40, 5, 0.2);
  EXPECT_EQ(out.p_sellout, 1.0);
  EXPECT_EQ(out.lower_95, 40);
  EXPECT_EQ(out.upper_95, 40);
  const auto none = final_tickets_distribution(12, 40, 0, 0.2);
  EXPECT_EQ(none.p_sellout, 0.0);
  EXPECT_EQ(none.upper_95, 12);
}

TEST(BookingDistribution, DispersionByMoments) {
  // Residuals (2, −2) around μ = (4, 4): Σ(e² − μ) = 0 → Poisson; (6, −6): (36 − 4)·2 / 32 = 2.
  EXPECT_EQ(pickup_dispersion({6, 2}, {4, 4}), 0.0);
  EXPECT_NEAR(pickup_dispersion({10, -2}, {4, 4}), 2.0, 1e-12);
}

// Code S (10 seats) is sold out at as-of; code T (1000 seats) picks up one ticket per game.
Dataset sellout_season(const Date as_of) {
  std::vector<Game> games;
  std::vector<test::HandOrder> orders;
  for (int i = 0; i < 8; ++i) {
    const std::string id = "H" + std::to_string(i);
    games.push_back({id, as_of - 10 - 7 * i, 1, ""});
    orders.push_back({id, "S", 20, 6});
    orders.push_back({id, "S", 1, 4});
    orders.push_back({id, "T", 20, 3});
    orders.push_back({id, "T", 1 + i % 3, 1});
  }
  games.push_back({"U", as_of + 5, 1, ""});
  orders.push_back({"U", "S", 20, 10});
  orders.push_back({"U", "T", 20, 3});
  return test::hand_dataset(games, {{"S", "Box", 10, 100.0}, {"T", "Upper", 1000, 10.0}}, orders);
}

TEST(BookingForecast, SoldOutCodeIsCertainAndTinyPickupIsNot) {
  const Date as_of = Date::from_ymd(2026, 4, 1);
  const Dataset data = sellout_season(as_of);
  for (const auto& method : pickup_method_names()) {
    BookingOptions options;
    options.method = method;
    const auto set = forecast_bookings(data, as_of, {}, options);
    ASSERT_EQ(set.games.size(), 1u);
    const auto& s = set.games[0].codes[0];
    const auto& t = set.games[0].codes[1];
    EXPECT_EQ(s.p_sellout, 1.0) << method;
    EXPECT_EQ(s.expected_final, 10) << method;
    EXPECT_EQ(s.upper_95, 10) << method;
    EXPECT_LT(t.p_sellout, 1e-6) << method;
    EXPECT_GE(t.expected_final, t.sold) << method;
    EXPECT_LE(t.expected_final, 10) << method;
  }
}

}  // namespace
}  // namespace seatsync

namespace seatsync {
namespace {

TEST(BookingDistribution, CensoredPickupsRaiseTheDemandScale) {
  // Nothing censored: scale 1, the moment dispersion.
  const auto plain = fit_censored_pickups({10, -2 + 4}, {4, 4}, {false, false});
  EXPECT_EQ(plain.scale, 1.0);
  EXPECT_NEAR(plain.dispersion, pickup_dispersion({10, 2}, {4, 4}), 1e-12);
  // Every game sold out with its predicted pickup: each only says "demand ≥ 5", which a larger
  // mean makes likelier, so the fit goes to the top of the grid.
  const auto all = fit_censored_pickups({5, 5, 5}, {5, 5, 5}, {true, true, true});
  EXPECT_NEAR(all.scale, 2.0, 1e-9);
  // Half censored well below the prediction: a lower bound under the mean says little, the
  // uncensored ones match the prediction, so the scale stays near 1.
  const auto some = fit_censored_pickups({20, 19, 21, 2, 3}, {20, 20, 20, 20, 20}, {false, false, false, true, true});
  EXPECT_LE(some.scale, 1.1);
}

}  // namespace
}  // namespace seatsync
