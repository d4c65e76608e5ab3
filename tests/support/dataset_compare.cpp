#include "dataset_compare.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cstdint>

namespace seatsync::test {

namespace {

void expect_bits_equal(double expected, double actual, const char* what) {
  EXPECT_EQ(std::bit_cast<std::uint64_t>(expected), std::bit_cast<std::uint64_t>(actual))
      << what << ": expected " << expected << ", got " << actual;
}

void expect_same_params(const Params& expected, const Params& actual) {
  ASSERT_EQ(expected.buckets.size(), actual.buckets.size());
  for (std::size_t i = 0; i < expected.buckets.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "bucket " << i);
    EXPECT_EQ(expected.buckets[i].name, actual.buckets[i].name);
    EXPECT_EQ(expected.buckets[i].days_from, actual.buckets[i].days_from);
    EXPECT_EQ(expected.buckets[i].days_to, actual.buckets[i].days_to);
  }
  EXPECT_EQ(expected.tiers, actual.tiers);
  EXPECT_EQ(expected.groups, actual.groups);
}

}  // namespace

void expect_same_dataset(const Dataset& expected, const Dataset& actual) {
  EXPECT_EQ(expected.params_toml, actual.params_toml);
  expect_same_params(expected.params, actual.params);

  ASSERT_EQ(expected.games.size(), actual.games.size());
  for (std::size_t i = 0; i < expected.games.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "game " << i);
    const Game &e = expected.games[i], &a = actual.games[i];
    EXPECT_EQ(e.id, a.id);
    EXPECT_EQ(e.date, a.date);
    EXPECT_EQ(e.tier, a.tier);
    EXPECT_EQ(e.opponent, a.opponent);
    EXPECT_EQ(actual.find_game(e.id), std::optional<GameIndex>(static_cast<GameIndex>(i)));
  }
  ASSERT_EQ(expected.codes.size(), actual.codes.size());
  for (std::size_t i = 0; i < expected.codes.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "price code " << i);
    const PriceCode &e = expected.codes[i], &a = actual.codes[i];
    EXPECT_EQ(e.code, a.code);
    EXPECT_EQ(e.group, a.group);
    EXPECT_EQ(e.capacity, a.capacity);
    expect_bits_equal(e.floor_price, a.floor_price, "floor_price");
    EXPECT_EQ(actual.find_code(e.code), std::optional<CodeIndex>(static_cast<CodeIndex>(i)));
  }
  ASSERT_EQ(expected.transactions.size(), actual.transactions.size());
  for (std::size_t i = 0; i < expected.transactions.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "transaction " << i);
    const Transaction &e = expected.transactions[i], &a = actual.transactions[i];
    EXPECT_EQ(e.game, a.game);
    EXPECT_EQ(e.code, a.code);
    EXPECT_EQ(e.sold_at, a.sold_at);
    EXPECT_EQ(e.sold_date, a.sold_date);
    EXPECT_EQ(e.quantity, a.quantity);
    expect_bits_equal(e.price, a.price, "price");
    if (::testing::Test::HasFailure()) return;  // one broken row is enough to read
  }
  ASSERT_EQ(expected.inventory.size(), actual.inventory.size());
  for (std::size_t i = 0; i < expected.inventory.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "inventory " << i);
    const InventoryRow &e = expected.inventory[i], &a = actual.inventory[i];
    EXPECT_EQ(e.game, a.game);
    EXPECT_EQ(e.code, a.code);
    EXPECT_EQ(e.remaining, a.remaining);
    expect_bits_equal(e.current_price, a.current_price, "current_price");
    EXPECT_EQ(e.observed_at, a.observed_at);
    EXPECT_EQ(e.observed_date, a.observed_date);
  }
  ASSERT_EQ(expected.listings.size(), actual.listings.size());
  for (std::size_t i = 0; i < expected.listings.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "listing " << i);
    const Listing &e = expected.listings[i], &a = actual.listings[i];
    EXPECT_EQ(e.game, a.game);
    EXPECT_EQ(e.code, a.code);
    EXPECT_EQ(e.observed_at, a.observed_at);
    EXPECT_EQ(e.observed_date, a.observed_date);
    expect_bits_equal(e.price, a.price, "listing price");
    EXPECT_EQ(e.quantity, a.quantity);
    EXPECT_EQ(e.source, a.source);
    EXPECT_EQ(e.listing_id, a.listing_id);
    EXPECT_EQ(e.section, a.section);
  }
  ASSERT_EQ(expected.market_stats.size(), actual.market_stats.size());
  for (std::size_t i = 0; i < expected.market_stats.size(); ++i) {
    SCOPED_TRACE(::testing::Message() << "market_stats " << i);
    const MarketPollStats &e = expected.market_stats[i], &a = actual.market_stats[i];
    EXPECT_EQ(e.game, a.game);
    EXPECT_EQ(e.source, a.source);
    EXPECT_EQ(e.polled_at, a.polled_at);
    EXPECT_EQ(e.polled_date, a.polled_date);
    EXPECT_EQ(e.count, a.count);
    EXPECT_EQ(e.tickets, a.tickets);
    const std::optional<double> MarketPollStats::*prices[] = {&MarketPollStats::min, &MarketPollStats::p10,
        &MarketPollStats::median, &MarketPollStats::mean, &MarketPollStats::p90, &MarketPollStats::max,
        &MarketPollStats::sd};
    for (auto price : prices) {
      ASSERT_EQ((e.*price).has_value(), (a.*price).has_value());
      if (e.*price) expect_bits_equal(*(e.*price), *(a.*price), "market_stats price");
    }
  }
}

}  // namespace seatsync::test
