// robots.txt by RFC 9309: the RFC's own examples (2.2.1, 2.2.2, 2.2.3, 5.1, 5.2) and the edges of
// parsing (line ends, BOM, comments, the 500 KiB limit) and of a fetch's status (2.3.1).
#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <string>

#include "seatsync/robots_txt.hpp"

namespace seatsync {
namespace {

// RFC 9309 section 5.1, verbatim (its "EOF" line included: a line that is no record is ignored).
constexpr std::string_view kRfcExample =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n"
    "\n"
    "EOF\n";

TEST(RobotsTxt, Rfc9309Section5_1FoobotMayFetchOnlyItsTwoAllowedPages) {
  const RobotsRules foobot = parse_robots_txt(kRfcExample, "foobot");
  EXPECT_TRUE(foobot.allows("/example/page.html"));
  EXPECT_TRUE(foobot.allows("/example/allowed.gif"));
  EXPECT_FALSE(foobot.allows("/"));
  EXPECT_FALSE(foobot.allows("/example/other.html"));
  EXPECT_FALSE(foobot.allows("/publications/"));  // the "*" group's allow is not foobot's
}

TEST(RobotsTxt, Rfc9309Section5_1BarbotAndBazbotShareOneGroup) {
  for (const char* agent : {"barbot", "bazbot"}) {
    const RobotsRules rules = parse_robots_txt(kRfcExample, agent);
    EXPECT_FALSE(rules.allows("/example/page.html")) << agent;
    EXPECT_TRUE(rules.allows("/example/other.html")) << agent;
    EXPECT_TRUE(rules.allows("/picture.gif")) << agent;  // "*.gif$" belongs to "*" only
  }
}

TEST(RobotsTxt, Rfc9309Section5_1QuxbotsEmptyGroupAllowsEverythingInsteadOfFallingBackToStar) {
  const RobotsRules quxbot = parse_robots_txt(kRfcExample, "quxbot");
  EXPECT_TRUE(quxbot.rules.empty());
  EXPECT_TRUE(quxbot.allows("/example/"));
  EXPECT_TRUE(quxbot.allows("/picture.gif"));
}

TEST(RobotsTxt, Rfc9309Section5_1AnyOtherAgentGetsTheStarGroup) {
  const RobotsRules other = parse_robots_txt(kRfcExample, "seatsync-collector");
  EXPECT_FALSE(other.allows("/picture.gif"));
  EXPECT_TRUE(other.allows("/picture.gif?size=2"));  // "$": the path must end there
  EXPECT_FALSE(other.allows("/example/"));
  EXPECT_FALSE(other.allows("/example/x"));
  EXPECT_TRUE(other.allows("/publications/"));
  // "Allow: /publications/" (14 octets) is longer than "Disallow: *.gif$" (6): the longer wins.
  EXPECT_TRUE(other.allows("/publications/cover.gif"));
  EXPECT_TRUE(other.allows("/events/1/listings"));
}

TEST(RobotsTxt, Rfc9309Section5_2TheLongestMatchWins) {
  const RobotsRules rules = parse_robots_txt(
      "User-Agent: foobot\n"
      "Allow: /example/page/\n"
      "Disallow: /example/page/disallowed.gif\n",
      "foobot");
  EXPECT_TRUE(rules.allows("/example/page/"));
  EXPECT_TRUE(rules.allows("/example/page/other.gif"));
  EXPECT_FALSE(rules.allows("/example/page/disallowed.gif"));
}

TEST(RobotsTxt, AllowWinsATieBetweenEquallyLongRules) {
  const RobotsRules rules = parse_robots_txt(
      "User-agent: *\n"
      "Disallow: /page\n"
      "Allow: /page\n"
      "Disallow: /*\n"  // 2 octets, like "/a"
      "Allow: /a\n",
      "x");
  EXPECT_TRUE(rules.allows("/page"));
  EXPECT_TRUE(rules.allows("/a"));
  EXPECT_FALSE(rules.allows("/b"));
  // Order does not matter: the same rules the other way round.
  const RobotsRules reversed = parse_robots_txt("User-agent: *\nAllow: /page\nDisallow: /page\n", "x");
  EXPECT_TRUE(reversed.allows("/page/1"));
}

TEST(RobotsTxt, Rfc9309Section2_2_1SeveralGroupsNamingUsAreMergedCaseInsensitively) {
  // The RFC's merge example: one ExampleBot group of /foo, /bar and /baz.
  const RobotsRules rules = parse_robots_txt(
      "user-agent: ExampleBot\n"
      "disallow: /foo\n"
      "disallow: /bar\n"
      "\n"
      "user-agent: *\n"
      "disallow: /everything-else\n"
      "\n"
      "user-agent: ExampleBot\n"
      "disallow: /baz\n",
      "examplebot");
  ASSERT_EQ(rules.rules.size(), 3u);
  EXPECT_FALSE(rules.allows("/foo"));
  EXPECT_FALSE(rules.allows("/bar/1"));
  EXPECT_FALSE(rules.allows("/baz"));
  EXPECT_TRUE(rules.allows("/everything-else"));  // "*" is not merged in once a group names us
}

TEST(RobotsTxt, TheUserAgentValueIsMatchedByItsNameNotAsAPrefix) {
  const std::string body =
      "User-agent: SeatSync-Collector/2.0 (+https://example.org)\n"
      "Disallow: /ours\n"
      "User-agent: seatsync\n"
      "Disallow: /shorter-name\n";
  const RobotsRules rules = parse_robots_txt(body, "seatsync-collector");
  EXPECT_FALSE(rules.allows("/ours"));
  EXPECT_TRUE(rules.allows("/shorter-name"));  // "seatsync" is another product
  const RobotsRules none = parse_robots_txt(body, "seatsync-coll");
  EXPECT_TRUE(none.allows("/ours"));  // no group matches and there is no "*": no rules apply
}

TEST(RobotsTxt, RulesBeforeAnyUserAgentAndUnknownRecordsAreIgnored) {
  const RobotsRules rules = parse_robots_txt(
      "Disallow: /orphan\n"
      "User-agent: *\n"
      "Sitemap: https://example.org/sitemap.xml\n"  // neither ends the group nor starts one
      "User-agent: other\n"                          // so this still belongs to the "*" group
      "Host: example.org\n"
      "Clean-param: ref /events/\n"
      "this line has no colon at all\n"
      "Disallow: /private\n",
      "seatsync-collector");
  EXPECT_TRUE(rules.allows("/orphan"));
  EXPECT_FALSE(rules.allows("/private"));
  EXPECT_EQ(rules.rules.size(), 1u);
}

TEST(RobotsTxt, EmptyDisallowDisallowsNothing) {
  const RobotsRules rules = parse_robots_txt("User-agent: *\nDisallow:\nAllow:\n", "x");
  EXPECT_TRUE(rules.rules.empty());
  EXPECT_TRUE(rules.allows("/"));
  EXPECT_TRUE(rules.allows("/anything"));
}

TEST(RobotsTxt, NoRobotsTxtGroupsMeansEverythingAllowed) {
  EXPECT_TRUE(parse_robots_txt("", "x").allows("/a"));
  EXPECT_TRUE(parse_robots_txt("# only a comment\n", "x").allows("/a"));
}

TEST(RobotsTxt, CommentsLineEndsBomAndWhitespaceAreAllReadTheSame) {
  const std::string expected_allowed = "/public/x";
  const std::string expected_blocked = "/private/x";
  for (const std::string body : {
           std::string("User-agent: *\nDisallow: /private/\n"),
           std::string("User-agent: *\r\nDisallow: /private/\r\n"),
           std::string("User-agent: *\rDisallow: /private/\r"),
           std::string("\xEF\xBB\xBFUser-agent: *\nDisallow: /private/"),
           std::string("# robots for example.org\nUser-agent: * # everyone\n\n\n  Disallow :\t/private/  # keep out\n"),
           std::string("USER-AGENT: *\nDISALLOW: /private/\n"),
       }) {
    const RobotsRules rules = parse_robots_txt(body, "seatsync-collector");
    EXPECT_TRUE(rules.allows(expected_allowed)) << body;
    EXPECT_FALSE(rules.allows(expected_blocked)) << body;
  }
}

TEST(RobotsTxt, AMissingLeadingSlashIsReadAsMeant) {
  const RobotsRules rules = parse_robots_txt("User-agent: *\nDisallow: private\n", "x");
  EXPECT_FALSE(rules.allows("/private/1"));
}

// RFC 9309 2.2.2's table: a path, its encoded form, and the form compared.
TEST(RobotsTxt, Rfc9309Section2_2_2PercentEncodingIsNormalisedOnBothSides) {
  // Row 1: nothing to encode.
  EXPECT_FALSE(parse_robots_txt("User-agent: *\nDisallow: /foo/bar?baz=quz\n", "x").allows("/foo/bar?baz=quz"));
  // Row 2, in its encoded form: an encoded reserved character stays encoded (hex case aside), and an
  // encoded "/" is not the same as a literal "/".
  const RobotsRules query = parse_robots_txt("User-agent: *\nDisallow: /foo/bar?baz=https%3A%2F%2Ffoo.bar\n", "x");
  EXPECT_FALSE(query.allows("/foo/bar?baz=https%3A%2F%2Ffoo.bar"));
  EXPECT_FALSE(query.allows("/foo/bar?baz=https%3a%2f%2ffoo.bar"));
  EXPECT_TRUE(parse_robots_txt("User-agent: *\nDisallow: /a%2Fb\n", "x").allows("/a/b"));
  // Rows 3 and 4: a UTF-8 path (U+30C4 "ツ") and its encoding are the same path, either way round.
  const RobotsRules raw = parse_robots_txt("User-agent: *\nDisallow: /foo/bar/\xE3\x83\x84\n", "x");
  ASSERT_EQ(raw.rules.size(), 1u);
  EXPECT_EQ(raw.rules[0].pattern, "/foo/bar/%E3%83%84");
  EXPECT_FALSE(raw.allows("/foo/bar/%E3%83%84"));
  EXPECT_FALSE(raw.allows("/foo/bar/\xE3\x83\x84"));
  const RobotsRules encoded = parse_robots_txt("User-agent: *\nDisallow: /foo/bar/%e3%83%84\n", "x");
  EXPECT_FALSE(encoded.allows("/foo/bar/\xE3\x83\x84"));
  // Row 5: encoded unreserved characters are decoded: %62%61%7A is "baz".
  const RobotsRules baz = parse_robots_txt("User-agent: *\nDisallow: /foo/bar/%62%61%7A\n", "x");
  EXPECT_EQ(baz.rules[0].pattern, "/foo/bar/baz");
  EXPECT_FALSE(baz.allows("/foo/bar/baz"));
  EXPECT_FALSE(parse_robots_txt("User-agent: *\nDisallow: /foo/bar/baz\n", "x").allows("/foo/bar/%62%61%7A"));
}

TEST(RobotsTxt, Rfc9309Section2_2_3EncodedStarAndDollarMatchTheLiteralCharacters) {
  const RobotsRules rules = parse_robots_txt(
      "User-agent: *\n"
      "Disallow: /path/file-with-a-%2A.html\n"
      "Disallow: /path/foo-%24\n",
      "x");
  EXPECT_FALSE(rules.allows("/path/file-with-a-*.html"));
  EXPECT_TRUE(rules.allows("/path/file-with-a-b.html"));  // %2A is a literal "*", not a wildcard
  EXPECT_FALSE(rules.allows("/path/foo-$"));
  // A "$" before the end of a pattern is a literal dollar, too.
  EXPECT_FALSE(parse_robots_txt("User-agent: *\nDisallow: /a$b\n", "x").allows("/a$b"));
}

TEST(RobotsTxt, StarMatchesAnySequenceAndDollarAnchorsTheEnd) {
  const RobotsRules fish = parse_robots_txt("User-agent: *\nDisallow: /fish*.php\n", "x");
  EXPECT_FALSE(fish.allows("/fish.php"));
  EXPECT_FALSE(fish.allows("/fishheads/catfish.php?parameters"));
  EXPECT_TRUE(fish.allows("/Fish.PHP"));  // paths are case-sensitive
  EXPECT_TRUE(fish.allows("/fish"));

  const RobotsRules php = parse_robots_txt("User-agent: *\nDisallow: /*.php$\n", "x");
  EXPECT_FALSE(php.allows("/filename.php"));
  EXPECT_FALSE(php.allows("/folder/filename.php"));
  EXPECT_FALSE(php.allows("/a.php.php"));  // the last ".php" ends it
  EXPECT_TRUE(php.allows("/filename.php?parameters"));
  EXPECT_TRUE(php.allows("/filename.php/"));
  EXPECT_TRUE(php.allows("/windows.PHP"));

  const RobotsRules exact = parse_robots_txt("User-agent: *\nDisallow: /$\nDisallow: /x/**/y\n", "x");
  EXPECT_FALSE(exact.allows("/"));
  EXPECT_TRUE(exact.allows("/index.html"));
  EXPECT_FALSE(exact.allows("/x/a/b/y"));
  EXPECT_TRUE(exact.allows("/x/a/b/z"));
}

// The matcher against a regular expression built from the same pattern ("*" → ".*", a final "$" →
// end of text, a prefix match otherwise), on random short patterns and paths over a small alphabet.
TEST(RobotsTxt, WildcardMatchingAgreesWithARegularExpressionOnRandomPatterns) {
  std::mt19937_64 rng(9309);
  const std::string pattern_chars = "ab/.*";
  const std::string path_chars = "ab/.";
  auto pick = [&](const std::string& from) { return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)]; };
  std::uniform_int_distribution<int> length(0, 6);
  for (int trial = 0; trial < 400; ++trial) {
    std::string pattern = std::uniform_int_distribution<int>(0, 1)(rng) ? "/" : "*";
    for (int i = length(rng); i > 0; --i) pattern += pick(pattern_chars);
    const bool anchored = std::uniform_int_distribution<int>(0, 2)(rng) == 0;
    std::string regex = "^";
    for (const char c : pattern) regex += c == '*' ? std::string(".*") : c == '.' ? std::string("\\.") : std::string(1, c);
    if (anchored) regex += "$";
    const RobotsRules rules = parse_robots_txt("User-agent: *\nDisallow: " + pattern + (anchored ? "$" : "") + "\n", "x");
    for (int p = 0; p < 20; ++p) {
      std::string path = "/";
      for (int i = length(rng) + length(rng); i > 0; --i) path += pick(path_chars);
      if (path == "/robots.txt") continue;
      const bool matches = std::regex_search(path, std::regex(regex));
      ASSERT_EQ(rules.allows(path), !matches) << "pattern " << pattern << (anchored ? "$" : "") << " path " << path;
    }
  }
}

TEST(RobotsTxt, RobotsTxtItselfIsAlwaysAllowed) {
  EXPECT_TRUE(parse_robots_txt("User-agent: *\nDisallow: /\n", "x").allows("/robots.txt"));
  RobotsRules closed;
  closed.disallow_all = true;
  EXPECT_TRUE(closed.allows("/robots.txt"));
  EXPECT_FALSE(closed.allows("/"));
}

TEST(RobotsTxt, CrawlDelayOfTheChosenGroupWhenANumberAtLeastZero) {
  const std::string body =
      "User-agent: *\n"
      "Crawl-delay: 10\n"
      "User-agent: seatsync-collector\n"
      "Crawl-delay: 2.5\n"
      "Disallow: /x\n";
  EXPECT_DOUBLE_EQ(*parse_robots_txt(body, "seatsync-collector").crawl_delay_s, 2.5);
  EXPECT_DOUBLE_EQ(*parse_robots_txt(body, "otherbot").crawl_delay_s, 10.0);
  EXPECT_FALSE(parse_robots_txt("User-agent: *\nDisallow: /\n", "x").crawl_delay_s.has_value());
  for (const char* garbage : {"soon", "-3", "inf", "nan", "1e400", "5 seconds", ""}) {
    const std::string text = std::string("User-agent: *\nCrawl-delay: ") + garbage + "\n";
    EXPECT_FALSE(parse_robots_txt(text, "x").crawl_delay_s.has_value()) << garbage;
  }
  EXPECT_DOUBLE_EQ(*parse_robots_txt("User-agent: *\nCrawl-delay: 0\n", "x").crawl_delay_s, 0.0);
  // Merged groups asking for different delays: the longer one.
  EXPECT_DOUBLE_EQ(*parse_robots_txt("User-agent: a\nCrawl-delay: 3\nUser-agent: b\nDisallow: /\n"
                                     "User-agent: a\nCrawl-delay: 7\n",
                                     "a")
                        .crawl_delay_s,
                   7.0);
}

TEST(RobotsTxt, OnlyTheFirst500KiBAreParsed) {
  // A 600 KiB file: one rule at the top, comment filler, a rule at 550 KiB that must be ignored.
  std::string body = "User-agent: *\nDisallow: /early\n";
  const std::string filler = "# " + std::string(77, '-') + "\n";  // 80 bytes
  while (body.size() < 550 * 1024) body += filler;
  body += "Disallow: /late\n";
  while (body.size() < 600 * 1024) body += filler;
  ASSERT_GT(body.size(), kRobotsMaxBytes);
  const RobotsRules rules = parse_robots_txt(body, "seatsync-collector");
  EXPECT_FALSE(rules.allows("/early"));
  EXPECT_TRUE(rules.allows("/late"));
}

TEST(RobotsTxt, ALineCutByThe500KiBLimitIsDroppedNotReadShortened) {
  // "Allow: /ab" straddles the limit; cut after "/a" it would allow /a, which "Disallow: /" forbids.
  std::string body = "User-agent: *\nDisallow: /\n";
  const std::string line = "Allow: /ab\n";
  const std::size_t cut_after = std::string("Allow: /a").size();
  body += std::string(kRobotsMaxBytes - body.size() - cut_after - 1, '#') + "\n";
  body += line;
  ASSERT_EQ(body.substr(kRobotsMaxBytes - cut_after, cut_after), "Allow: /a");
  const RobotsRules rules = parse_robots_txt(body, "x");
  EXPECT_FALSE(rules.allows("/a"));
  EXPECT_FALSE(rules.allows("/ab"));
}

TEST(RobotsTxt, AFetchStatusMeansWhatRfc9309Section2_3_1Says) {
  const std::string body = "User-agent: *\nDisallow: /private\n";
  const RobotsRules ok = robots_from_response(200, body, "x");
  EXPECT_FALSE(ok.disallow_all);
  EXPECT_FALSE(ok.allows("/private"));
  EXPECT_TRUE(ok.allows("/public"));
  for (int status : {400, 401, 403, 404, 410, 429}) {  // "unavailable": no restrictions
    const RobotsRules rules = robots_from_response(status, body, "x");
    EXPECT_FALSE(rules.disallow_all) << status;
    EXPECT_TRUE(rules.allows("/private")) << status;
  }
  for (int status : {0, 500, 502, 503, 504, 599}) {  // "unreachable": nothing
    const RobotsRules rules = robots_from_response(status, body, "x");
    EXPECT_TRUE(rules.disallow_all) << status;
    EXPECT_FALSE(rules.allows("/public")) << status;
    EXPECT_TRUE(rules.allows("/robots.txt")) << status;
  }
  EXPECT_TRUE(robots_from_response(301, "", "x").disallow_all);  // redirects exhausted: politer to wait
  EXPECT_TRUE(robots_from_response(204, "", "x").allows("/anything"));
}

TEST(RobotsTxt, ProductTokenIsTheUserAgentsNameBeforeTheVersion) {
  EXPECT_EQ(product_token("seatsync-collector/0.1 (+https://example.org/contact)"), "seatsync-collector");
  EXPECT_EQ(product_token("  seatsync-collector  "), "seatsync-collector");
  EXPECT_EQ(product_token("Foo_Bot (compatible)"), "Foo_Bot");
  EXPECT_EQ(product_token(""), "");
}

TEST(RobotsTxt, AnEmptyPathIsTheRoot) {
  EXPECT_FALSE(parse_robots_txt("User-agent: *\nDisallow: /$\n", "x").allows(""));
}

}  // namespace
}  // namespace seatsync
