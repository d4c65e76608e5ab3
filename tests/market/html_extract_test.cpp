// HTML pages: a realistic marketplace listing page, the same page broken the way real pages are
// (gumbo repairs it as a browser would), and pages without the listings.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "seatsync/listing_extract.hpp"

using namespace seatsync;
using ::testing::HasSubstr;

namespace {

SourceConfig html_source() {
  SourceConfig s;
  s.name = "resale-html";
  s.kind = SourceConfig::Kind::html;
  s.items = "ul#listings > li.listing";
  s.price = "span.price@data-value";
  s.quantity = ".qty";
  s.section = "div.seat > span:first-child";
  s.listing_id = "@data-listing-id";
  s.currency = "span.price@data-currency";
  return s;
}

// Written as a marketplace's server-rendered event page: navigation, a script, prices formatted
// for people (thousands separators, a no-break space) beside machine-readable attributes.
const char* kPage = R"(<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Tickets: Home Team vs Visitors, Dec 2</title>
  <script>window.__STATE__ = {"listings": [{"price": 1}]};</script>
  <style>.price { color: red }</style>
</head>
<body>
  <nav><ul><li class="listing"><a href="/">Home</a></li></ul></nav>
  <main>
    <h1>Home Team vs Visitors</h1>
    <ul id="listings">
      <li class="listing" data-listing-id="A-100">
        <div class="seat"><span>Section 101</span> <span>Row F</span></div>
        <span class="price" data-value="85.00" data-currency="USD">$85.00</span>
        <span class="qty">2</span>
      </li>
      <li class="listing featured" data-listing-id="A-101">
        <div class="seat"><span>
            Section
            102
        </span><span>Row A</span></div>
        <span class="price" data-value="1234.50" data-currency="USD">$1,234.50</span>
        <span class="qty"> 4 </span>
      </li>
      <li class="listing" data-listing-id="A-102">
        <div class="seat"><span>Upper 305</span></div>
        <span class="price" data-currency="USD"><b>$</b>40&nbsp;</span>
      </li>
      <li class="ad">Sponsored</li>
    </ul>
  </main>
  <footer><span class="price" data-value="1">not a listing</span></footer>
</body>
</html>)";

std::string extraction_error(const SourceConfig& s, const std::string& body) {
  try {
    extract_listings(s, body);
  } catch (const ExtractionError& e) {
    return e.what();
  }
  ADD_FAILURE() << "extracted a page that has no listings";
  return "";
}

}  // namespace

TEST(HtmlExtract, RealisticListingPage) {
  const auto items = extract_listings(html_source(), kPage);
  ASSERT_EQ(items.size(), 3u);  // the nav's li.listing is not a child of ul#listings; the ad is no .listing
  EXPECT_EQ(items[0].index, 0u);
  EXPECT_EQ(items[0].listing_id, "A-100");
  EXPECT_EQ(items[0].price, "85.00");
  EXPECT_EQ(items[0].currency, "USD");
  EXPECT_EQ(items[0].quantity, "2");
  EXPECT_EQ(items[0].section, "Section 101");
  EXPECT_EQ(items[1].price, "1234.50");
  EXPECT_EQ(items[1].quantity, "4");             // trimmed
  EXPECT_EQ(items[1].section, "Section 102");     // whitespace runs collapsed
  EXPECT_EQ(items[2].listing_id, "A-102");
  EXPECT_EQ(items[2].price, "");                  // no data-value: the price is missing
  EXPECT_EQ(items[2].quantity, "");               // no .qty in this item
  EXPECT_EQ(items[2].section, "Upper 305");
}

TEST(HtmlExtract, TextContentWhenNoAttributeIsNamed) {
  SourceConfig s = html_source();
  s.price = "span.price";
  s.listing_id = "";  // not given
  const auto items = extract_listings(s, kPage);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].price, "$85.00");
  EXPECT_EQ(items[1].price, "$1,234.50");
  EXPECT_EQ(items[2].price, "$40");  // "<b>$</b>40&nbsp;": children's text joined, the no-break space trimmed
  EXPECT_EQ(items[0].listing_id, "");
}

TEST(HtmlExtract, ScriptAndStyleAreNotText) {
  SourceConfig s = html_source();
  s.items = "head";
  s.price = "";
  s.quantity = "";
  s.section = "";
  s.listing_id = "";
  s.currency = "title";
  s.price = "script";
  const auto items = extract_listings(s, kPage);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].price, "");
  EXPECT_EQ(items[0].currency, "Tickets: Home Team vs Visitors, Dec 2");
}

TEST(HtmlExtract, MalformedHtmlThatGumboRepairsStillExtracts) {
  // Unclosed <li>, <span> and <div>, an unquoted attribute, a stray </p>, no <html>/<body>, and
  // a missing </ul>: the HTML5 tree builder closes each <li> at the next one.
  const char* broken = R"(<ul id=listings>
    <li class="listing" data-listing-id=B-1><div class=seat><span>Section 101</span></div>
       <span class="price" data-value="85" data-currency=USD>$85
       <span class=qty>2</span>
    <li class="listing" data-listing-id=B-2></p><div class=seat><span>Section 102</span>
       <span class="price" data-value="99.5">$99.50</span>
    <li class="listing" data-listing-id=B-3><span class=price data-value=120>$120)";
  const auto items = extract_listings(html_source(), broken);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].listing_id, "B-1");
  EXPECT_EQ(items[0].price, "85");
  EXPECT_EQ(items[0].currency, "USD");
  EXPECT_EQ(items[0].quantity, "2");
  EXPECT_EQ(items[0].section, "Section 101");
  EXPECT_EQ(items[1].listing_id, "B-2");
  EXPECT_EQ(items[1].price, "99.5");
  EXPECT_EQ(items[1].section, "Section 102");
  EXPECT_EQ(items[1].currency, "");
  EXPECT_EQ(items[2].price, "120");
  EXPECT_EQ(items[2].section, "");
}

TEST(HtmlExtract, PageWithoutItemsIsAnExtractionError) {
  const SourceConfig s = html_source();
  // A challenge or error page, a redesigned page, an empty body, and JSON served to an html source.
  EXPECT_THAT(extraction_error(s, "<html><body><h1>Checking your browser…</h1></body></html>"),
              HasSubstr("no element of the HTML page matches items selector 'ul#listings > li.listing'"));
  EXPECT_THAT(extraction_error(s, "<div class='listings'><div class='listing'>$85</div></div>"),
              HasSubstr("resale-html"));
  EXPECT_THAT(extraction_error(s, ""), HasSubstr("items selector"));
  EXPECT_THAT(extraction_error(s, R"({"listings": [{"price": 85}]})"), HasSubstr("items selector"));
}

TEST(HtmlExtract, BadSelectorInTheSourceIsAnArgumentError) {
  SourceConfig s = html_source();
  s.price = "span:hover";
  EXPECT_THROW(extract_listings(s, kPage), std::invalid_argument);
}
