// Extracted text → listings: every reject reason, the flags, the Listing's fields, and a property
// test: no text, however odd, becomes a stored listing with a non-finite or non-positive price.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "seatsync/listing_validation.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

namespace {

Dataset dataset(const std::string& timezone = "") {
  Dataset d;
  d.params.timezone = timezone;
  d.games = {{"S2026-G01", Date::from_ymd(2026, 12, 5), 1, "Visitors"}};
  d.codes = {{"1", "Lower", 100, 50.0}, {"5", "Upper", 200, 20.0}};
  d.reindex();
  return d;
}

SourceConfig source() {
  SourceConfig s;
  s.name = "fixture";
  s.price = "/price";
  s.quantity = "/quantity";
  s.section = "/section";
  s.sections = {{"101", "1"}, {"305", "5"}};
  return s;
}

ExtractedListing item(std::string price, std::string quantity = "", std::string section = "101",
                      std::string currency = "") {
  ExtractedListing l;
  l.price = std::move(price);
  l.quantity = std::move(quantity);
  l.section = std::move(section);
  l.currency = std::move(currency);
  return l;
}

const std::string kAt = "2026-12-02T15:04:05Z";

// The reason a single item is rejected for ("" when it is accepted).
std::string reason(const SourceConfig& s, const ExtractedListing& i) {
  const Dataset d = dataset();
  const auto v = validate_listings(s, d, 0, kAt, {i});
  return v.rejected.empty() ? "" : v.rejected.front().reason;
}

double accepted_price(const std::string& text) {
  const Dataset d = dataset();
  const auto v = validate_listings(source(), d, 0, kAt, {item(text)});
  if (v.accepted.size() != 1) {
    ADD_FAILURE() << "'" << text << "' rejected: " << (v.rejected.empty() ? "?" : v.rejected[0].reason);
    return NAN;
  }
  return v.accepted[0].price;
}

}  // namespace

TEST(ListingValidation, PriceTextsPeopleWrite) {
  EXPECT_DOUBLE_EQ(accepted_price("$1,234.50"), 1234.5);
  EXPECT_DOUBLE_EQ(accepted_price("1234.5"), 1234.5);
  EXPECT_DOUBLE_EQ(accepted_price("USD 85"), 85.0);
  EXPECT_DOUBLE_EQ(accepted_price(" 85 "), 85.0);
  EXPECT_DOUBLE_EQ(accepted_price("85 USD"), 85.0);
  EXPECT_DOUBLE_EQ(accepted_price("US$ 99.99"), 99.99);
  EXPECT_DOUBLE_EQ(accepted_price("\xE2\x82\xAC" "45"), 45.0);  // €45
  EXPECT_DOUBLE_EQ(accepted_price("12,345.5"), 12345.5);
  EXPECT_DOUBLE_EQ(accepted_price("1e+3"), 1000.0);  // as JSON writes a large double
}

TEST(ListingValidation, EachPriceRejectReason) {
  const SourceConfig s = source();
  EXPECT_EQ(reason(s, item("")), "price is missing");
  EXPECT_EQ(reason(s, item("free")), "price is not a positive number: 'free'");
  EXPECT_EQ(reason(s, item("0")), "price is not a positive number: '0'");
  EXPECT_EQ(reason(s, item("-$5")), "price is not a positive number: '-$5'");
  EXPECT_EQ(reason(s, item("1e999")), "price is not finite: '1e999'");
  EXPECT_EQ(reason(s, item("inf")), "price is not a positive number: 'inf'");
  EXPECT_EQ(reason(s, item("nan")), "price is not a positive number: 'nan'");
  EXPECT_EQ(reason(s, item("1.234,50")), "price is not a positive number: '1.234,50'");  // never guessed
  EXPECT_EQ(reason(s, item("85,5")), "price is not a positive number: '85,5'");
  EXPECT_EQ(reason(s, item("$85 - $90")), "price is not a positive number: '$85 - $90'");
  EXPECT_EQ(reason(s, item("true")), "price is not a positive number: 'true'");
  EXPECT_EQ(reason(s, item("\xE2\x82\xAC" "85 USD")), "price is not a positive number: '\xE2\x82\xAC" "85 USD'");
  // Implausible: outside [min_price, max_price] (defaults 1 and 100000), naming value and bound.
  EXPECT_EQ(reason(s, item("0.5")), "price 0.5 below min_price 1");
  EXPECT_EQ(reason(s, item("250,000")), "price 250000 above max_price 100000");
  SourceConfig bounded = s;
  bounded.min_price = 10;
  bounded.max_price = 500;
  EXPECT_EQ(reason(bounded, item("9.99")), "price 9.99 below min_price 10");
  EXPECT_EQ(reason(bounded, item("$500.01")), "price 500.01 above max_price 500");
  EXPECT_EQ(reason(bounded, item("500")), "");  // the bounds are inclusive
  EXPECT_EQ(reason(bounded, item("10")), "");
}

TEST(ListingValidation, Quantity) {
  const SourceConfig s = source();
  const Dataset d = dataset();
  const auto v = validate_listings(s, d, 0, kAt, {item("85", ""), item("85", " 4 "), item("85", "0")});
  ASSERT_EQ(v.accepted.size(), 3u);
  EXPECT_EQ(v.accepted[0].quantity, 1);  // no quantity: one ticket
  EXPECT_EQ(v.accepted[1].quantity, 4);
  EXPECT_EQ(v.accepted[2].quantity, 0);
  EXPECT_EQ(reason(s, item("85", "two")), "quantity is not a whole number of tickets: 'two'");
  EXPECT_EQ(reason(s, item("85", "2.5")), "quantity is not a whole number of tickets: '2.5'");
  EXPECT_EQ(reason(s, item("85", "99999999999")), "quantity is not a whole number of tickets: '99999999999'");
  EXPECT_EQ(reason(s, item("85", "-1")), "quantity is negative: '-1'");
  // Every problem of a listing is named.
  EXPECT_EQ(reason(s, item("free", "two")),
            "price is not a positive number: 'free'; quantity is not a whole number of tickets: 'two'");
}

TEST(ListingValidation, Currency) {
  SourceConfig s = source();
  EXPECT_EQ(reason(s, item("85", "", "101", "EUR")), "");  // no expected_currency: not checked
  s.expected_currency = "USD";
  EXPECT_EQ(reason(s, item("85", "", "101", "USD")), "");
  EXPECT_EQ(reason(s, item("85", "", "101", " usd ")), "");
  EXPECT_EQ(reason(s, item("85", "", "101", "US$")), "");
  EXPECT_EQ(reason(s, item("$85", "", "101", "$")), "");  // "$" alone names no single currency
  EXPECT_EQ(reason(s, item("85")), "");                    // states none
  EXPECT_EQ(reason(s, item("85", "", "101", "EUR")), "currency 'EUR' is not expected_currency USD");
  EXPECT_EQ(reason(s, item("85", "", "101", "dollars")), "currency 'dollars' is not expected_currency USD");
  // Without a currency field, a code or sign in the price is what the listing states.
  EXPECT_EQ(reason(s, item("CAD 85")), "currency 'CAD' (in price 'CAD 85') is not expected_currency USD");
  EXPECT_EQ(reason(s, item("\xC2\xA3" "85")), "currency 'GBP' (in price '\xC2\xA3" "85') is not expected_currency USD");
  EXPECT_EQ(reason(s, item("USD 85")), "");
}

TEST(ListingValidation, SectionsMapToCodesUnmappedAreFlagged) {
  const SourceConfig s = source();
  const Dataset d = dataset();
  const auto v = validate_listings(s, d, 0, kAt, {item("85", "", "101"), item("40", "", " 305 "),
                                                  item("60", "", "Suite 9"), item("70", "", ""), item("free")});
  ASSERT_EQ(v.accepted.size(), 4u);
  EXPECT_EQ(v.accepted[0].code, std::optional<CodeIndex>(0));  // "101" → "1"
  EXPECT_EQ(v.accepted[1].code, std::optional<CodeIndex>(1));  // "305" → "5"
  EXPECT_EQ(v.accepted[1].section, "305");
  EXPECT_FALSE(v.accepted[2].code);
  EXPECT_EQ(v.accepted[2].section, "Suite 9");
  EXPECT_FALSE(v.accepted[3].code);
  ASSERT_EQ(v.flagged.size(), 2u);
  EXPECT_EQ(v.flagged[0].reason, "section 'Suite 9' has no price code in [source.sections]");
  EXPECT_EQ(v.flagged[0].raw.price, "60");
  EXPECT_EQ(v.flagged[1].reason, "the listing states no section");
  ASSERT_EQ(v.rejected.size(), 1u);  // a rejected listing is not flagged as well
  EXPECT_EQ(v.rejected[0].raw.index, 0u);

  SourceConfig no_section = s;  // a source that gives no section: nothing to flag
  no_section.section.clear();
  no_section.sections.clear();
  const auto w = validate_listings(no_section, d, 0, kAt, {item("85", "", "")});
  EXPECT_EQ(w.accepted.size(), 1u);
  EXPECT_TRUE(w.flagged.empty());

  SourceConfig unknown_code = s;  // validate_sources_against refuses this file before any poll
  unknown_code.sections["101"] = "99";
  EXPECT_THROW(validate_listings(unknown_code, d, 0, kAt, {item("85")}), std::invalid_argument);
}

TEST(ListingValidation, ListingFields) {
  SourceConfig s = source();
  const Dataset d = dataset();
  ExtractedListing i = item("$1,234.50", "2", "101");
  i.listing_id = " A-100 ";
  i.index = 7;
  const auto v = validate_listings(s, d, 0, kAt, {i});
  ASSERT_EQ(v.accepted.size(), 1u);
  const Listing& l = v.accepted[0];
  EXPECT_EQ(l.game, 0u);
  EXPECT_EQ(l.code, std::optional<CodeIndex>(0));
  EXPECT_EQ(l.observed_at, kAt);
  EXPECT_EQ(l.observed_date, Date::from_ymd(2026, 12, 2));  // no timezone: the date as written
  EXPECT_DOUBLE_EQ(l.price, 1234.5);
  EXPECT_EQ(l.quantity, 2);
  EXPECT_EQ(l.source, "fixture");
  EXPECT_EQ(l.listing_id, "A-100");
  EXPECT_EQ(l.section, "101");

  const auto r = validate_listings(s, d, 0, kAt, {item("x")});
  ASSERT_EQ(r.rejected.size(), 1u);
  EXPECT_EQ(r.rejected[0].source, "fixture");
  EXPECT_EQ(r.rejected[0].game_id, "S2026-G01");
  EXPECT_EQ(r.rejected[0].observed_at, kAt);
}

TEST(ListingValidation, ObservedDateIsTheVenuesDate) {
  // 03:00 UTC on 2 Dec is 21:00 on 1 Dec in Chicago (CST, UTC-6), as season_reader dates it.
  const Dataset chicago = dataset("America/Chicago");
  const auto v = validate_listings(source(), chicago, 0, "2026-12-02T03:00:00Z", {item("85")});
  ASSERT_EQ(v.accepted.size(), 1u);
  EXPECT_EQ(v.accepted[0].observed_date, Date::from_ymd(2026, 12, 1));
  EXPECT_THROW(validate_listings(source(), chicago, 0, "yesterday", {item("85")}), std::invalid_argument);
  EXPECT_THROW(validate_listings(source(), chicago, 3, kAt, {item("85")}), std::invalid_argument);
}

// Property: whatever text a page holds, an accepted listing has a finite price within
// [min_price, max_price] (so positive) and a non-negative quantity. Fixed seed, 20000 items.
TEST(ListingValidation, RandomTextsNeverGiveANonFiniteOrNonPositivePrice) {
  std::mt19937 rng(20261202);
  const std::vector<std::string> pieces = {"0", "1", "5", "9", "00", ".", ",", "-", "+", "e", "E", "$", " ",
                                           "USD", "usd", "\xE2\x82\xAC", "inf", "nan", "NaN", "Infinity", "0x1p3",
                                           "1e308", "1e-400", "9999999999999999999999", "\xC2\xA0", "\t", "'", "%",
                                           "(", ")", "/", "1,000", ",000", "e+", "e-9", "\xC2", "null"};
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(0, 8);
  SourceConfig s = source();
  s.min_price = 0.01;  // the widest plausible band: the property must hold for the bounds, too
  s.max_price = 1e300;
  std::vector<ExtractedListing> items;
  for (int n = 0; n < 20000; ++n) {
    ExtractedListing i;
    i.index = static_cast<std::size_t>(n);
    const auto len = length(rng);
    for (std::size_t k = 0; k < len; ++k) i.price += pieces[pick(rng)];
    const auto qlen = length(rng) / 3;
    for (std::size_t k = 0; k < qlen; ++k) i.quantity += pieces[pick(rng)];
    items.push_back(std::move(i));
  }
  const Dataset d = dataset();
  const auto v = validate_listings(s, d, 0, kAt, items);
  EXPECT_EQ(v.accepted.size() + v.rejected.size(), items.size());
  std::size_t accepted = 0;
  for (const auto& l : v.accepted) {
    ASSERT_TRUE(std::isfinite(l.price)) << l.price;
    ASSERT_GT(l.price, 0.0);
    ASSERT_GE(l.price, s.min_price);
    ASSERT_LE(l.price, s.max_price);
    ASSERT_GE(l.quantity, 0);
    ++accepted;
  }
  // Both sides of the property are exercised: some random texts are prices, most are not.
  EXPECT_GT(accepted, 100u);
  EXPECT_GT(v.rejected.size(), 10000u);
}
