// The request path's JSON writer: what it writes parses back to the same values, whatever bytes
// a string holds.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "audit/json_text.hpp"

using seatsync::audit::JsonText;
using nlohmann::json;

TEST(JsonText, WritesNestedValuesThatParseBack) {
  std::string text;
  JsonText w(text);
  w.object().key("a").integer(-3).key("b").array().number(1.5).number(195).null().end();
  w.key("c").object().key("d").string("x").end().key("e").raw(R"({"k":[1,2]})").end();
  const json back = json::parse(text);
  EXPECT_EQ(back, json::parse(R"({"a": -3, "b": [1.5, 195.0, null], "c": {"d": "x"}, "e": {"k": [1, 2]}})"));
  EXPECT_TRUE(back["b"][1].is_number_float());  // 195 written as 195.0, as nlohmann would
}

TEST(JsonText, NumbersRoundTripAndNonFiniteIsNull) {
  for (double v : {0.1, 1.0 / 3.0, 184.0, -0.0, 1e21, 6.02214076e-23, 914.6295537673739}) {
    std::string out;
    seatsync::audit::append_json_number(out, v);
    EXPECT_EQ(json::parse(out).get<double>(), v) << out;
  }
  std::string out;
  seatsync::audit::append_json_number(out, std::nan(""));
  EXPECT_EQ(out, "null");
}

TEST(JsonText, StringsAreEscapedAndInvalidUtf8Replaced) {
  const std::string tricky = std::string("quote \" backslash \\ newline \n tab \t nul ") + '\0' + " \x01 caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x8e\x9f";
  std::string out;
  seatsync::audit::append_json_string(out, tricky);
  EXPECT_EQ(json::parse(out).get<std::string>(), tricky);
  EXPECT_EQ(out.find('\n'), std::string::npos);  // one record, one line
  // Bytes that are not UTF-8 (a lone continuation byte, a truncated sequence, an overlong form,
  // a surrogate) become U+FFFD, as nlohmann's replace handler makes them: the line still parses.
  std::string bad;
  seatsync::audit::append_json_string(bad, "a\x80" "b\xe2\x82" "c\xc0\xaf" "d\xed\xa0\x80");
  const std::string back = json::parse(bad).get<std::string>();
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(back, "a" + r + "b" + r + r + "c" + r + r + "d" + r + r + r);
}
