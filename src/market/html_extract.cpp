// HTML pages: gumbo parses (and repairs) the page as a browser would (the HTML5 tree-building
// rules), `items` selects the listing elements and each field locator reads text or an attribute
// within one of them (see listing_extract.hpp).
#include <cctype>
#include <memory>
#include <optional>
#include <stdexcept>

#include "market/css_match.hpp"
#include "market/extractors.hpp"

namespace seatsync {

namespace {

// gumbo's output is freed on every path, exceptions included.
struct GumboOutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};
using GumboDocument = std::unique_ptr<GumboOutput, GumboOutputDeleter>;

GumboDocument parse_html(std::string_view body) {
  GumboDocument doc(gumbo_parse_with_options(&kGumboDefaultOptions, body.data(), body.size()));
  if (!doc) throw ExtractionError("gumbo could not parse the page");
  return doc;
}

void append_text(const GumboNode& node, std::string& out) {
  switch (node.type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      out += node.v.text.text;
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE: {
      const GumboTag tag = node.v.element.tag;
      if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;  // code, not what a reader sees
      const GumboVector& children = node.v.element.children;
      // As the DOM's textContent: children's text concatenated, nothing inserted between them
      // (so "<span>$1,</span><span>234</span>" reads "$1,234").
      for (unsigned i = 0; i < children.length; ++i)
        append_text(*static_cast<const GumboNode*>(children.data[i]), out);
      return;
    }
    default:
      return;
  }
}

// Runs of whitespace (ASCII, and the no-break space U+00A0 that price formatting loves) → one
// space; leading and trailing ones removed.
std::string collapse_whitespace(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      space = true;
      ++i;
    }
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// A field locator, compiled once per page.
struct FieldReader {
  bool given = false;
  std::optional<CssSelector> selector;  // empty: the item itself ("@attr")
  std::string attribute;

  explicit FieldReader(const std::string& locator) {
    if (locator.empty()) return;
    given = true;
    HtmlLocator split = split_html_locator(locator);
    if (!split.selector.empty()) selector.emplace(split.selector);
    attribute = std::move(split.attribute);
  }

  std::string read(const GumboNode& item) const {
    if (!given) return "";
    const GumboNode* node = selector ? css::select_first(*selector, item) : &item;
    if (!node) return "";
    if (!attribute.empty()) {
      const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, attribute.c_str());
      return a ? collapse_whitespace(a->value) : "";
    }
    std::string text;
    append_text(*node, text);
    return collapse_whitespace(text);
  }
};

}  // namespace

HtmlLocator split_html_locator(std::string_view locator) {
  std::size_t at = std::string_view::npos;
  int depth = 0;
  char quote = 0;
  for (std::size_t i = 0; i < locator.size(); ++i) {
    const char c = locator[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '\\') {
      ++i;
    } else if (c == '[' || c == '(') {
      ++depth;
    } else if ((c == ']' || c == ')') && depth > 0) {
      --depth;
    } else if (c == '@' && depth == 0) {
      at = i;
    }
  }
  HtmlLocator out;
  if (at == std::string_view::npos) {
    out.selector = std::string(locator);
    return out;
  }
  out.selector = std::string(locator.substr(0, at));
  while (!out.selector.empty() && std::isspace(static_cast<unsigned char>(out.selector.back()))) out.selector.pop_back();
  std::string_view name = locator.substr(at + 1);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
  for (char c : name) out.attribute += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (out.attribute.empty())
    throw std::invalid_argument("locator '" + std::string(locator) + "': no attribute name after '@'");
  for (char c : out.attribute)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' || c == '.'))
      throw std::invalid_argument("locator '" + std::string(locator) + "': '" + out.attribute +
                                  "' is not an attribute name");
  return out;
}

std::vector<ExtractedListing> extract_html_listings(const SourceConfig& source, std::string_view body) {
  const CssSelector items(source.items);
  const FieldReader price(source.price), quantity(source.quantity), section(source.section),
      listing_id(source.listing_id), currency(source.currency);
  const GumboDocument doc = parse_html(body);
  const auto elements = css::select_all(items, *doc->document);
  if (elements.empty())
    throw ExtractionError("source '" + source.name + "': no element of the HTML page matches items selector '" +
                          source.items + "'");
  std::vector<ExtractedListing> out;
  out.reserve(elements.size());
  for (std::size_t i = 0; i < elements.size(); ++i) {
    const GumboNode& item = *elements[i];
    ExtractedListing l;
    l.index = i;
    l.price = price.read(item);
    l.quantity = quantity.read(item);
    l.section = section.read(item);
    l.listing_id = listing_id.read(item);
    l.currency = currency.read(item);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace seatsync
