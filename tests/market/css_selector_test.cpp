// The CSS selector subset: what it reads, what it refuses (with the position), and which
// elements of a gumbo tree it matches (hand-checked against the Selectors Level 4 rules).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>

#include "market/css_match.hpp"
#include "seatsync/listing_extract.hpp"

using namespace seatsync;
using ::testing::AllOf;
using ::testing::HasSubstr;

namespace {

struct Page {
  std::string html;  // gumbo's tree points into the text it parsed: keep it alive as long
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> out;
  explicit Page(std::string text)
      : html(std::move(text)),
        out(gumbo_parse(html.c_str()), [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); }) {}

  // The id attributes of the elements `selector` matches, in document order, space-separated.
  std::string ids(const std::string& selector) const {
    std::string r;
    for (const GumboNode* n : css::select_all(CssSelector(selector), *out->document)) {
      const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, "id");
      r += (r.empty() ? "" : " ") + std::string(a ? a->value : "?");
    }
    return r;
  }
};

const char* kTable = R"(<!doctype html><html><body>
<div id="d1" class="wrap main">
  <ul id="u1">
    <li id="l1" class="listing" data-price="85" data-tags="vip aisle"></li>
    <li id="l2" class="listing sold"></li>
    <li id="l3" class="listing" data-price="120.50"></li>
    <li id="l4" class="ad"></li>
  </ul>
  <p id="p1"><span id="s1" class="price">$85</span></p>
</div>
<section id="x1"><span id="s2" class="price" lang="en-US"></span></section>
<custom-row id="c1"></custom-row>
</body></html>)";

std::string invalid(const std::string& selector) {
  try {
    CssSelector s(selector);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  ADD_FAILURE() << "read: " << selector;
  return "";
}

}  // namespace

TEST(CssSelector, TypeClassIdAndLists) {
  const Page page(kTable);
  EXPECT_EQ(page.ids("li"), "l1 l2 l3 l4");
  EXPECT_EQ(page.ids("LI"), "l1 l2 l3 l4");  // tag names are case-insensitive in HTML
  EXPECT_EQ(page.ids(".listing"), "l1 l2 l3");
  EXPECT_EQ(page.ids("li.listing.sold"), "l2");
  EXPECT_EQ(page.ids("#s2"), "s2");
  EXPECT_EQ(page.ids("span#s2.price"), "s2");
  EXPECT_EQ(page.ids("div.main"), "d1");
  EXPECT_EQ(page.ids(".ad, #p1"), "l4 p1");  // document order, not list order
  EXPECT_EQ(page.ids("custom-row"), "c1");
  EXPECT_EQ(page.ids("*#x1"), "x1");
  EXPECT_EQ(page.ids("table"), "");
}

TEST(CssSelector, AttributeOperators) {
  const Page page(kTable);
  EXPECT_EQ(page.ids("[data-price]"), "l1 l3");
  EXPECT_EQ(page.ids("[data-price=\"85\"]"), "l1");
  EXPECT_EQ(page.ids("[data-price='120.50']"), "l3");
  EXPECT_EQ(page.ids("[data-tags~=aisle]"), "l1");
  EXPECT_EQ(page.ids("[data-tags~=ais]"), "");
  EXPECT_EQ(page.ids("[lang^=en]"), "s2");
  EXPECT_EQ(page.ids("[data-price$=\".50\"]"), "l3");
  EXPECT_EQ(page.ids("[class*=isti]"), "l1 l2 l3");
  EXPECT_EQ(page.ids("[ DATA-PRICE = 85 ]"), "l1");  // names case-insensitive, spaces allowed
  EXPECT_EQ(page.ids("[class^='']"), "");            // an empty prefix matches nothing (Selectors 4)
}

TEST(CssSelector, Combinators) {
  const Page page(kTable);
  EXPECT_EQ(page.ids("div span"), "s1");
  EXPECT_EQ(page.ids("div > span"), "");  // span's parent is p
  EXPECT_EQ(page.ids("div>p>span"), "s1");
  EXPECT_EQ(page.ids("body .price"), "s1 s2");
  EXPECT_EQ(page.ids("div ul > li.listing"), "l1 l2 l3");
  EXPECT_EQ(page.ids("section > .price, div .price"), "s1 s2");
  EXPECT_EQ(page.ids("html body div#d1 ul li#l4"), "l4");
}

TEST(CssSelector, PositionalPseudoClasses) {
  const Page page(kTable);
  EXPECT_EQ(page.ids("li:first-child"), "l1");  // text nodes between elements do not count
  EXPECT_EQ(page.ids("li:last-child"), "l4");
  EXPECT_EQ(page.ids("li:nth-child(2)"), "l2");
  EXPECT_EQ(page.ids("li:nth-child(odd)"), "l1 l3");
  EXPECT_EQ(page.ids("li:nth-child(even)"), "l2 l4");
  EXPECT_EQ(page.ids("li:nth-child(2n+1)"), "l1 l3");
  EXPECT_EQ(page.ids("li:nth-child(-n+2)"), "l1 l2");
  EXPECT_EQ(page.ids("li:nth-child(n+3)"), "l3 l4");
  EXPECT_EQ(page.ids("li:NTH-CHILD( 3n )"), "l3");
  EXPECT_EQ(page.ids("li.listing:last-child"), "");
  EXPECT_EQ(page.ids("ul > :first-child.listing"), "l1");
}

TEST(CssSelector, KeepsItsText) {
  EXPECT_EQ(CssSelector("div > span.price").text(), "div > span.price");
  CssSelector a("li");
  CssSelector b = std::move(a);
  EXPECT_EQ(b.text(), "li");
}

TEST(CssSelector, RefusesWhatItCannotReadNamingThePosition) {
  EXPECT_THAT(invalid(""), HasSubstr("empty selector"));
  EXPECT_THAT(invalid("div["), HasSubstr("expected an attribute name at position 5"));
  EXPECT_THAT(invalid("div[x=\"a]"), HasSubstr("unterminated string"));
  EXPECT_THAT(invalid("div[x|=a]"), HasSubstr("at position 6"));
  EXPECT_THAT(invalid("a:hover"), AllOf(HasSubstr("unsupported pseudo-class ':hover'"), HasSubstr("at position 3")));
  EXPECT_THAT(invalid("li:nth-child(x)"), AllOf(HasSubstr("nth-child argument"), HasSubstr("at position 14")));
  EXPECT_THAT(invalid("li:nth-child(2"), HasSubstr("expected ')'"));
  EXPECT_THAT(invalid("div >"), HasSubstr("needs a selector after it"));
  EXPECT_THAT(invalid("div,"), HasSubstr("expected a selector"));
  EXPECT_THAT(invalid("div + p"), HasSubstr("unexpected '+' at position 5"));
  EXPECT_THAT(invalid("."), HasSubstr("expected a class name after '.' at position 2"));
  EXPECT_THAT(invalid("div@x"), HasSubstr("unexpected '@' at position 4"));
}

TEST(CssSelector, HtmlLocatorSplitsTheTrailingAttribute) {
  auto s = split_html_locator("span.price@data-value");
  EXPECT_EQ(s.selector, "span.price");
  EXPECT_EQ(s.attribute, "data-value");
  s = split_html_locator("@DATA-ID");
  EXPECT_EQ(s.selector, "");
  EXPECT_EQ(s.attribute, "data-id");
  s = split_html_locator("a[href*='@']");  // an '@' inside brackets or quotes is the selector's
  EXPECT_EQ(s.selector, "a[href*='@']");
  EXPECT_EQ(s.attribute, "");
  s = split_html_locator("a[href*='@'] @href");
  EXPECT_EQ(s.selector, "a[href*='@']");
  EXPECT_EQ(s.attribute, "href");
  EXPECT_THROW(split_html_locator("span@"), std::invalid_argument);
  EXPECT_THROW(split_html_locator("span@a b"), std::invalid_argument);
}
