// The collector's sources file: the issue's example reads as written; every kind of mistake is
// refused at its line, all of them in one ValidationError.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/dataset.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/market_source.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

namespace {

// Issue 15's example, verbatim.
const char* kIssueExample = R"toml([collector]
user_agent = "seatsync-collector/0.1 (+https://example.org/contact)"   # required, honest
min_interval_s = 1.0        # per domain; never less than 1.0 unless robots.txt Crawl-delay says more
max_retries = 4

[[source]]
name = "fixture"            # written to listings' `source`
kind = "json"               # json | html
url = "http://127.0.0.1:8099/events/{game_id}/listings"
games = ["S2026-G01", "S2026-G02"]   # or all upcoming games
items = "/listings"          # JSON pointer to the array (json) or a CSS selector (html)
price = "/price"             # per-ticket price: JSON pointer or CSS selector within an item
quantity = "/quantity"
section = "/section"         # mapped to a price code by [source.sections]
[source.sections]
"101" = "1"
"102" = "5"
)toml";

const char* kCollector = "[collector]\nuser_agent = \"seatsync-collector/0.1 (+https://example.org/contact)\"\n";

// The diagnostics of a file that must be refused.
std::vector<Diagnostic> refusals(const std::string& text) {
  try {
    parse_sources_toml(text, "sources.toml");
  } catch (const ValidationError& e) {
    return e.diagnostics();
  }
  ADD_FAILURE() << "accepted:\n" << text;
  return {};
}

// True when some diagnostic is at `line` with `key` and a message containing `words`.
::testing::AssertionResult has(const std::vector<Diagnostic>& diags, std::size_t line, const std::string& key,
                               const std::string& words) {
  for (const auto& d : diags)
    if (d.line == line && d.column == key && d.message.find(words) != std::string::npos)
      return ::testing::AssertionSuccess();
  auto r = ::testing::AssertionFailure() << "no " << line << ": " << key << ": …" << words << "… among:";
  for (const auto& d : diags) r << "\n  " << d.format();
  return r;
}

// A valid json source at line 3 with `extra` lines appended to it.
std::string source_with(const std::string& extra) {
  return std::string(kCollector) + "[[source]]\nname = \"s\"\nurl = \"https://m.example/e/{game_id}\"\n"
         "items = \"/listings\"\nprice = \"/price\"\n" + extra;
}

}  // namespace

TEST(MarketSource, IssueExampleParses) {
  const SourcesFile f = parse_sources_toml(kIssueExample, "sources.toml");
  EXPECT_EQ(f.collector.user_agent, "seatsync-collector/0.1 (+https://example.org/contact)");
  EXPECT_DOUBLE_EQ(f.collector.min_interval_s, 1.0);
  EXPECT_EQ(f.collector.max_retries, 4);
  EXPECT_DOUBLE_EQ(f.collector.timeout_s, 20.0);  // default
  ASSERT_EQ(f.sources.size(), 1u);
  const SourceConfig& s = f.sources[0];
  EXPECT_EQ(s.name, "fixture");
  EXPECT_EQ(s.kind, SourceConfig::Kind::json);
  EXPECT_EQ(s.url, "http://127.0.0.1:8099/events/{game_id}/listings");
  EXPECT_EQ(s.games, (std::vector<std::string>{"S2026-G01", "S2026-G02"}));
  EXPECT_EQ(s.items, "/listings");
  EXPECT_EQ(s.price, "/price");
  EXPECT_EQ(s.quantity, "/quantity");
  EXPECT_EQ(s.section, "/section");
  EXPECT_EQ(s.listing_id, "");
  EXPECT_FALSE(s.expected_currency);
  EXPECT_DOUBLE_EQ(s.min_price, 1.0);
  EXPECT_DOUBLE_EQ(s.max_price, 100000.0);
  EXPECT_EQ(s.sections, (std::map<std::string, std::string>{{"101", "1"}, {"102", "5"}}));
  EXPECT_EQ(s.line, 6u);
  EXPECT_EQ(s.section_lines.at("102"), 17u);
  EXPECT_EQ(s.game_lines.at("S2026-G02"), 10u);
}

TEST(MarketSource, HtmlSourceWithEveryOptionalKey) {
  const auto f = parse_sources_toml(std::string(kCollector) + R"toml(timeout_s = 5
proxies = ["http://proxy.example:3128", "socks5h://127.0.0.1:1080"]
[[source]]
name = "market-html"
kind = "html"
url = "https://tickets.example/game?id={game_id}"
games = "upcoming"
items = "ul#listings > li.listing"
price = "span.price@data-value"
quantity = ".qty"
section = "td:nth-child(2)"
listing_id = "@data-id"
currency = "span.price@data-currency"
expected_currency = "USD"
min_price = 5
max_price = 2500.5
)toml",
                                    "sources.toml");
  EXPECT_DOUBLE_EQ(f.collector.timeout_s, 5.0);
  EXPECT_EQ(f.collector.proxies.size(), 2u);
  const auto& s = f.sources.at(0);
  EXPECT_EQ(s.kind, SourceConfig::Kind::html);
  EXPECT_TRUE(s.games.empty());  // "upcoming"
  EXPECT_EQ(s.expected_currency.value_or(""), "USD");
  EXPECT_DOUBLE_EQ(s.min_price, 5.0);
  EXPECT_DOUBLE_EQ(s.max_price, 2500.5);
}

TEST(MarketSource, UserAgentMustBeHonest) {
  EXPECT_TRUE(has(refusals("[collector]\nmin_interval_s = 2\n[[source]]\nname=\"s\"\nurl=\"http://h/{game_id}\"\n"
                           "items=\"/l\"\nprice=\"/p\"\n"),
                  1, "collector.user_agent", "required"));
  EXPECT_TRUE(has(refusals("[collector]\nuser_agent = \"  \"\n[[source]]\nname=\"s\"\nurl=\"http://h/{game_id}\"\n"
                           "items=\"/l\"\nprice=\"/p\"\n"),
                  2, "collector.user_agent", "empty"));
  const std::string browser =
      "[collector]\n"
      "user_agent = \"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36\"\n"
      "[[source]]\nname=\"s\"\nurl=\"http://h/{game_id}\"\nitems=\"/l\"\nprice=\"/p\"\n";
  EXPECT_TRUE(has(refusals(browser), 2, "collector.user_agent", "imitates a browser"));
  // Without any [collector] the file as a whole is refused.
  EXPECT_TRUE(has(refusals("[[source]]\nname=\"s\"\nurl=\"http://h/{game_id}\"\nitems=\"/l\"\nprice=\"/p\"\n"), 0,
                  "collector.user_agent", "required"));
}

TEST(MarketSource, CollectorLimits) {
  const std::string body = "\n[[source]]\nname=\"s\"\nurl=\"http://h/{game_id}\"\nitems=\"/l\"\nprice=\"/p\"\n";
  auto d = refusals(std::string(kCollector) + "min_interval_s = 0.5\nmax_retries = 11\ntimeout_s = 0\n"
                    "proxies = [\"ftp://p\"]\nmax_retry = 3\n" + body);
  EXPECT_TRUE(has(d, 3, "collector.min_interval_s", "0.5 is outside [1, 86400]"));
  EXPECT_TRUE(has(d, 4, "collector.max_retries", "11 is outside [0, 10]"));
  EXPECT_TRUE(has(d, 5, "collector.timeout_s", "outside (0, 600]"));
  EXPECT_TRUE(has(d, 6, "collector.proxies", "not a proxy URL"));
  EXPECT_TRUE(has(d, 7, "collector.max_retry", "unknown key"));
  EXPECT_TRUE(has(refusals(std::string(kCollector) + "max_retries = 2.5\n" + body), 3, "collector.max_retries",
                  "whole number"));
  EXPECT_TRUE(has(refusals(std::string(kCollector) + "min_interval_s = \"1\"\n" + body), 3,
                  "collector.min_interval_s", "must be a number"));
}

TEST(MarketSource, MissingRequiredSourceKeysAtTheTableLine) {
  auto d = refusals(std::string(kCollector) + "[[source]]\nkind = \"json\"\n");
  EXPECT_TRUE(has(d, 3, "source.name", "required"));
  EXPECT_TRUE(has(d, 3, "source.url", "required"));
  EXPECT_TRUE(has(d, 3, "source.items", "required"));
  EXPECT_TRUE(has(d, 3, "source.price", "required"));
  EXPECT_TRUE(has(refusals(kCollector), 0, "source", "nothing to collect"));
}

TEST(MarketSource, SourceValuesAtTheirLines) {
  // source_with's source starts at line 3; its keys end at line 7.
  EXPECT_TRUE(has(refusals(source_with("kind = \"xml\"\n")), 8, "source.kind", "json or html"));
  EXPECT_TRUE(has(refusals(source_with("max_pirce = 10\n")), 8, "source.max_pirce", "unknown key"));
  EXPECT_TRUE(has(refusals(source_with("quantity = \"qty\"\n")), 8, "source.quantity", "not a JSON pointer"));
  EXPECT_TRUE(has(refusals(source_with("listing_id = \"/a~2b\"\n")), 8, "source.listing_id", "not a JSON pointer"));
  EXPECT_TRUE(has(refusals(source_with("expected_currency = \"usd\"\n")), 8, "source.expected_currency", "ISO 4217"));
  EXPECT_TRUE(has(refusals(source_with("min_price = -1\n")), 8, "source.min_price", "above 0"));
  EXPECT_TRUE(has(refusals(source_with("min_price = 50\nmax_price = 20\n")), 3, "source.min_price",
                  "min_price 50 is not below max_price 20"));
  EXPECT_TRUE(has(refusals(source_with("games = []\n")), 8, "source.games", "empty"));
  EXPECT_TRUE(has(refusals(source_with("games = \"all\"\n")), 8, "source.games", "\"upcoming\""));
  EXPECT_TRUE(has(refusals(source_with("games = [\"G1\", \"G1\"]\n")), 8, "source.games", "listed twice"));
  EXPECT_TRUE(has(refusals(source_with("[source.sections]\n\"101\" = \"1\"\n")), 8, "source.sections",
                  "no section locator"));
  EXPECT_TRUE(has(refusals(source_with("section = \"/s\"\n[source.sections]\n\"101\" = 1.5\n")), 10,
                  "source.sections.101", "price code"));
}

TEST(MarketSource, UrlRules) {
  auto with_url = [](const std::string& url, const std::string& extra = "") {
    return std::string(kCollector) + "[[source]]\nname = \"s\"\nurl = \"" + url +
           "\"\nitems = \"/l\"\nprice = \"/p\"\n" + extra;
  };
  EXPECT_TRUE(has(refusals(with_url("ftp://h/{game_id}")), 5, "source.url", "not an http:// or https://"));
  EXPECT_TRUE(has(refusals(with_url("http:///x/{game_id}")), 5, "source.url", "with a host"));
  EXPECT_TRUE(has(refusals(with_url("http://h/{game}")), 5, "source.url", "only placeholder is {game_id}"));
  EXPECT_TRUE(has(refusals(with_url("http://h/a b/{game_id}")), 5, "source.url", "spaces"));
  // Without {game_id} a page serves one game: exactly one must be listed.
  EXPECT_TRUE(has(refusals(with_url("http://h/listings")), 3, "source.games", "exactly that game"));
  EXPECT_NO_THROW(parse_sources_toml(with_url("http://h/listings", "games = [\"G1\"]\n"), "sources.toml"));
}

TEST(MarketSource, HtmlLocatorsAreCheckedAsSelectors) {
  auto html = [](const std::string& items, const std::string& price) {
    return std::string(kCollector) + "[[source]]\nname = \"s\"\nkind = \"html\"\nurl = \"http://h/{game_id}\"\n"
           "items = \"" + items + "\"\nprice = \"" + price + "\"\n";
  };
  EXPECT_NO_THROW(parse_sources_toml(html("div.listing", "span.price@data-value"), "sources.toml"));
  EXPECT_TRUE(has(refusals(html("div[", ".p")), 7, "source.items", "CSS selector 'div['"));
  EXPECT_TRUE(has(refusals(html("div@id", ".p")), 7, "source.items", "items must select elements"));
  EXPECT_TRUE(has(refusals(html("div", "span:hover")), 8, "source.price", "unsupported pseudo-class ':hover'"));
  EXPECT_TRUE(has(refusals(html("div", "span@")), 8, "source.price", "no attribute name"));
  EXPECT_TRUE(has(refusals(html("", "span")), 7, "source.items", "must not be empty"));
}

TEST(MarketSource, DuplicateNamesAndEveryErrorAtOnce) {
  const auto d = refusals(std::string(kCollector) +
                          "min_interval_s = 0.1\n"
                          "[[source]]\nname = \"a\"\nurl = \"http://h/{game_id}\"\nitems = \"/l\"\nprice = \"/p\"\n"
                          "[[source]]\nname = \"a\"\nurl = \"http://h/{game_id}\"\nitems = \"/l\"\nprice = \"\"\n");
  EXPECT_TRUE(has(d, 3, "collector.min_interval_s", "outside"));
  EXPECT_TRUE(has(d, 9, "source.name", "also the name of the source at line 4"));
  EXPECT_TRUE(has(d, 13, "source.price", "must not be empty"));
}

TEST(MarketSource, TomlSyntaxErrorHasItsLine) {
  EXPECT_TRUE(has(refusals(std::string(kCollector) + "max_retries = = 3\n"), 3, "-", ""));
}

TEST(MarketSource, SourceUrlPercentEncodesTheGameId) {
  SourceConfig s;
  s.url = "https://m.example/events/{game_id}/listings?g={game_id}";
  EXPECT_EQ(source_url(s, "S2026-G01"), "https://m.example/events/S2026-G01/listings?g=S2026-G01");
  // RFC 3986 2.3: only unreserved characters stay; '/', '?', '#', '%', space and UTF-8 bytes are encoded.
  EXPECT_EQ(source_url(s, "a/b?c#d e%~_."),
            "https://m.example/events/a%2Fb%3Fc%23d%20e%25~_./listings?g=a%2Fb%3Fc%23d%20e%25~_.");
  EXPECT_EQ(source_url(s, "\xC3\xA9"), "https://m.example/events/%C3%A9/listings?g=%C3%A9");
}

TEST(MarketSource, ValidatedAgainstTheDataset) {
  Dataset data;
  data.games = {{"S2026-G01", Date::from_ymd(2026, 11, 1), 1, ""}};
  data.codes = {{"1", "Lower", 100, 50.0}};
  data.reindex();
  const auto f = parse_sources_toml(kIssueExample, "sources.toml");
  try {
    validate_sources_against(f, data, "sources.toml");
    FAIL() << "accepted a map to an unknown code";
  } catch (const ValidationError& e) {
    EXPECT_TRUE(has(e.diagnostics(), 10, "source.games", "game 'S2026-G02' is not in the dataset"));
    EXPECT_TRUE(has(e.diagnostics(), 17, "source.sections.102", "maps to price code '5'"));
    EXPECT_EQ(e.diagnostics().size(), 2u);
  }
  data.games.push_back({"S2026-G02", Date::from_ymd(2026, 11, 3), 2, ""});
  data.codes.push_back({"5", "Upper", 100, 20.0});
  data.reindex();
  EXPECT_NO_THROW(validate_sources_against(f, data, "sources.toml"));
}
