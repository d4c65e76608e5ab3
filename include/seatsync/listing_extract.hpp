#pragma once
// One page of a marketplace → its listings as written there, before validation: JSON by
// pointers (nlohmann's json_pointer), HTML by CSS selectors (gumbo's tree).
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "seatsync/market_source.hpp"

namespace seatsync {

struct ExtractedListing {
  std::size_t index = 0;     // position on the page (0-based), for reject messages
  std::string price;         // as written ("$1,234.50", "85", 85 → "85")
  std::string quantity;      // "" when the source has no quantity field (then 1)
  std::string section;
  std::string listing_id;
  std::string currency;
};

// A page that is not what the source says it is: not JSON, no array at `items`, HTML without
// the items. The message says what was expected where.
class ExtractionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// json: `items` is an RFC 6901 pointer to an array; each field is a pointer within one item, its
// value taken as text (a string as is, a number as JSON writes it); missing or null → "".
// html: `items` is a CSS selector (below); every element it matches, in document order, is one
// listing. A field locator is a selector evaluated within the item: the field is the text content
// (whitespace runs collapsed to one space, trimmed; <script> and <style> skipped) of the first
// matching descendant, or, when the locator ends in "@attr" (`span.price@data-value`), the value of
// that attribute of it; "@attr" alone reads the item's own attribute. No match → "".
// An empty locator (an optional field the source does not give) → "" for every item.
// Throws ExtractionError for a page that is not what the source says it is.
std::vector<ExtractedListing> extract_listings(const SourceConfig& source, std::string_view body);

// An html field locator split into its selector and its optional trailing "@attr" (the last '@'
// outside brackets and quotes). selector is empty for "@attr"; attribute is empty for text.
struct HtmlLocator {
  std::string selector;
  std::string attribute;  // lower-case
};
HtmlLocator split_html_locator(std::string_view locator);

// The CSS selectors html sources may use: type, .class, #id, [attr], [attr=value], [attr~=value],
// [attr^=value], [attr$=value], [attr*=value], :first-child, :last-child, :nth-child(n),
// descendant (" ") and child (">") combinators, and comma-separated lists.
// Throws std::invalid_argument naming the position of a selector it cannot read.
class CssSelector {
 public:
  explicit CssSelector(std::string_view text);
  ~CssSelector();
  CssSelector(CssSelector&&) noexcept;
  CssSelector& operator=(CssSelector&&) noexcept;
  const std::string& text() const;

  struct Compiled;
  const Compiled& compiled() const { return *compiled_; }

 private:
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace seatsync
