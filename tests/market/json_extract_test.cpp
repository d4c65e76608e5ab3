// JSON pages: RFC 6901 pointers to the listing array and within each listing; values as text.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/listing_extract.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

namespace {

SourceConfig json_source() {
  SourceConfig s;
  s.name = "fixture";
  s.kind = SourceConfig::Kind::json;
  s.items = "/data/listings";
  s.price = "/price/amount";
  s.quantity = "/qty";
  s.section = "/seat/section";
  s.listing_id = "/id";
  s.currency = "/price/currency";
  return s;
}

std::string extraction_error(const SourceConfig& s, const std::string& body) {
  try {
    extract_listings(s, body);
  } catch (const ExtractionError& e) {
    return e.what();
  }
  ADD_FAILURE() << "extracted: " << body;
  return "";
}

}  // namespace

TEST(JsonExtract, ReadsFieldsByPointerNumbersAndStringsAsText) {
  const auto items = extract_listings(json_source(), R"({"data": {"listings": [
    {"id": 9001, "price": {"amount": 85, "currency": "USD"}, "qty": 2, "seat": {"section": "101"}},
    {"id": "L-2", "price": {"amount": "$1,234.50", "currency": "USD"}, "qty": "4", "seat": {"section": 102}},
    {"id": "L-3", "price": {"amount": 85.5}},
    {"id": "L-4", "qty": null, "seat": {}}
  ]}})");
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].index, 0u);
  EXPECT_EQ(items[0].listing_id, "9001");
  EXPECT_EQ(items[0].price, "85");
  EXPECT_EQ(items[0].currency, "USD");
  EXPECT_EQ(items[0].quantity, "2");
  EXPECT_EQ(items[0].section, "101");
  EXPECT_EQ(items[1].price, "$1,234.50");
  EXPECT_EQ(items[1].quantity, "4");
  EXPECT_EQ(items[1].section, "102");
  EXPECT_EQ(items[2].price, "85.5");
  EXPECT_EQ(items[2].quantity, "");  // missing optional fields → ""
  EXPECT_EQ(items[2].section, "");
  EXPECT_EQ(items[2].currency, "");
  EXPECT_EQ(items[3].index, 3u);
  EXPECT_EQ(items[3].price, "");     // a missing price is kept as "" for validation to reject
  EXPECT_EQ(items[3].quantity, "");  // null → ""
}

TEST(JsonExtract, PointerEscapesAndArrayIndices) {
  // RFC 6901 section 4: "~1" is '/', "~0" is '~'; an array element by its index.
  SourceConfig s = json_source();
  s.items = "";  // the whole document is the array
  s.price = "/prices/0";
  s.quantity = "/a~1b";
  s.section = "/m~0n";
  s.listing_id = "/prices/7";  // out of range: not there
  s.currency = "";             // not given
  const auto items = extract_listings(s, R"([{"prices": [40, 45], "a/b": 3, "m~n": "Upper"}])");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].price, "40");
  EXPECT_EQ(items[0].quantity, "3");
  EXPECT_EQ(items[0].section, "Upper");
  EXPECT_EQ(items[0].listing_id, "");
  EXPECT_EQ(items[0].currency, "");
}

TEST(JsonExtract, NonScalarValuesAreTextThatValidationRefuses) {
  SourceConfig s = json_source();
  const auto items = extract_listings(s, R"({"data": {"listings": [{"price": {"amount": true}},
    {"price": {"amount": [1, 2]}}, "not an object", 42]}})");
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].price, "true");
  EXPECT_EQ(items[1].price, "[1,2]");
  EXPECT_EQ(items[2].price, "");  // an item that is not an object has none of the fields
  EXPECT_EQ(items[3].price, "");
}

TEST(JsonExtract, EmptyArrayIsNoListings) {
  EXPECT_TRUE(extract_listings(json_source(), R"({"data": {"listings": []}})").empty());
}

TEST(JsonExtract, PagesThatAreNotWhatTheSourceSays) {
  const SourceConfig s = json_source();
  EXPECT_THAT(extraction_error(s, "<html><body>Access denied</body></html>"),
              HasSubstr("not JSON"));
  EXPECT_THAT(extraction_error(s, "<html><body>Access denied</body></html>"), HasSubstr("'/data/listings'"));
  EXPECT_THAT(extraction_error(s, R"({"data": {"listing": []}})"),
              HasSubstr("nothing at items pointer '/data/listings'"));
  EXPECT_THAT(extraction_error(s, R"({"data": {"listings": {"price": 5}}})"),
              HasSubstr("items pointer '/data/listings' holds object, expected an array"));
  EXPECT_THAT(extraction_error(s, R"({"data": [1]})"), HasSubstr("'/data/listings'"));
  EXPECT_THAT(extraction_error(s, ""), HasSubstr("not JSON"));
  EXPECT_THAT(extraction_error(s, R"({"data": {"listings": [)"), HasSubstr("not JSON"));
}
