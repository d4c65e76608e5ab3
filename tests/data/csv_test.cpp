#include <gtest/gtest.h>

#include "data/csv.hpp"

using namespace seatsync;

TEST(Csv, ParsesQuotedFieldsEscapesAndEmbeddedNewlines) {
  Diagnostics diag;
  auto t = csv::parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n3,,\n", "f.csv", diag);
  ASSERT_FALSE(diag.has_errors());
  ASSERT_EQ(t.header, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_EQ(t.records.size(), 3u);
  EXPECT_EQ(t.records[0].fields[1], "x, y");
  EXPECT_EQ(t.records[0].fields[2], "say \"hi\"");
  EXPECT_EQ(t.records[1].fields[1], "two\nlines");
  // Line numbers are physical: the record after a two-line field starts on line 5.
  EXPECT_EQ(t.records[0].line, 2u);
  EXPECT_EQ(t.records[1].line, 3u);
  EXPECT_EQ(t.records[2].line, 5u);
  EXPECT_EQ(t.records[2].fields, (std::vector<std::string>{"3", "", ""}));
}

TEST(Csv, StripsBomSkipsBlankLinesAndTrimsHeaderNames) {
  Diagnostics diag;
  auto t = csv::parse("\xEF\xBB\xBF id , name\n\n1,a\n\n2,b", "f.csv", diag);
  EXPECT_FALSE(diag.has_errors());
  EXPECT_EQ(t.header, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[1].line, 5u);
  EXPECT_EQ(t.records[1].fields[1], "b");
}

TEST(Csv, ReportsWrongFieldCountsAndUnterminatedQuotes) {
  Diagnostics diag;
  auto t = csv::parse("a,b\n1,2,3\n4,5\n6,\"open\n", "f.csv", diag);
  ASSERT_EQ(diag.error_count(), 2u);
  EXPECT_EQ(diag.items()[0].format(), "f.csv:2: -: expected 2 fields, found 3");
  EXPECT_EQ(diag.items()[1].format(), "f.csv:4: -: unterminated quoted field");
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields[0], "4");
}

// The reader copies runs of ordinary characters at once; the characters between runs keep
// their meaning: a quote inside an unquoted field is literal, text after a closing quote joins
// the field, a quoted delimiter is data, and the last record needs no newline.
TEST(Csv, QuotesAndDelimitersBetweenRunsKeepTheirMeaning) {
  Diagnostics diag;
  auto t = csv::parse("a;b;c\nab\"c;\"x;y\"z;\"\"\n\"multi\r\nline\";2;\"end\"", "f.csv", diag, ';');
  ASSERT_FALSE(diag.has_errors());
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].fields, (std::vector<std::string>{"ab\"c", "x;yz", ""}));
  EXPECT_EQ(t.records[1].fields, (std::vector<std::string>{"multi\r\nline", "2", "end"}));
  EXPECT_EQ(t.records[1].line, 3u);
}

TEST(Csv, EmptyFileIsAnError) {
  Diagnostics diag;
  csv::parse("", "empty.csv", diag);
  ASSERT_TRUE(diag.has_errors());
  EXPECT_EQ(diag.items()[0].format(), "empty.csv:1: -: file is empty: expected a header row");
}

TEST(Csv, NumberParsersRejectJunkAndNonFiniteValues) {
  Diagnostics diag;
  EXPECT_EQ(*csv::parse_integer(" 42 ", "f", 3, "q", diag), 42);
  EXPECT_FALSE(csv::parse_integer("4.5", "f", 3, "q", diag));
  EXPECT_FALSE(csv::parse_integer("", "f", 4, "q", diag));
  EXPECT_DOUBLE_EQ(*csv::parse_number("12.75", "f", 5, "p", diag), 12.75);
  EXPECT_FALSE(csv::parse_number("inf", "f", 6, "p", diag));
  EXPECT_FALSE(csv::parse_number("nan", "f", 7, "p", diag));
  EXPECT_FALSE(csv::parse_number("$12", "f", 8, "p", diag));
  ASSERT_EQ(diag.error_count(), 5u);
  EXPECT_EQ(diag.items()[0].format(), "f:3: q: '4.5' is not a whole number");
  EXPECT_EQ(diag.items()[1].format(), "f:4: q: empty value is not a whole number");
  EXPECT_EQ(diag.items()[2].format(), "f:6: p: 'inf' is not a finite number");
}

// A capacity of 4294967297 used to be read as 1 (a 64-bit value narrowed to int by the caller).
TEST(Csv, WholeNumbersBeyondAnIntAreErrorsNotWrapped) {
  Diagnostics diag;
  EXPECT_EQ(*csv::parse_integer("2147483647", "f", 1, "capacity", diag), 2147483647);
  EXPECT_EQ(*csv::parse_integer("-2147483648", "f", 1, "capacity", diag), -2147483648LL);
  EXPECT_FALSE(csv::parse_integer("4294967297", "f", 2, "capacity", diag));
  EXPECT_FALSE(csv::parse_integer("-2147483649", "f", 3, "capacity", diag));
  EXPECT_FALSE(csv::parse_integer("99999999999999999999999", "f", 4, "capacity", diag));
  ASSERT_EQ(diag.error_count(), 3u);
  EXPECT_EQ(diag.items()[0].format(),
            "f:2: capacity: '4294967297' is too large (whole numbers here are at most ±2147483647)");
  EXPECT_EQ(diag.items()[2].format(),
            "f:4: capacity: '99999999999999999999999' is too large (whole numbers here are at most ±2147483647)");
}

TEST(Csv, WriterQuotesOnlyWhenNeededAndRoundTrips) {
  std::ostringstream out;
  csv::write_row(out, {"plain", "with,comma", "with \"quote\"", "two\nlines", ""});
  EXPECT_EQ(out.str(), "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",\n");
  Diagnostics diag;
  auto t = csv::parse("a,b,c,d,e\n" + out.str(), "f", diag);
  ASSERT_EQ(t.records.size(), 1u);
  EXPECT_EQ(t.records[0].fields, (std::vector<std::string>{"plain", "with,comma", "with \"quote\"", "two\nlines", ""}));
  EXPECT_EQ(csv::format_number(0.1), "0.1");
  EXPECT_EQ(csv::format_number(25.5), "25.5");
  EXPECT_EQ(std::stod(csv::format_number(1.0 / 3.0)), 1.0 / 3.0);
}
