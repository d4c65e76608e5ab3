#pragma once
// Matching a compiled CssSelector against gumbo's tree (css_selector.cpp), and the element
// walks html_extract.cpp builds on. Internal to src/market: the public header stays free of gumbo.
#include <gumbo.h>

#include <string>
#include <vector>

#include "seatsync/listing_extract.hpp"

namespace seatsync::css {

// True when `element` (a GUMBO_NODE_ELEMENT or GUMBO_NODE_TEMPLATE) matches any selector of the
// list. Combinators look at the element's ancestors in the whole document, as querySelector does.
bool matches(const CssSelector& selector, const GumboNode& element);

// Every element under `root` (not `root` itself) matching `selector`, in document order.
std::vector<const GumboNode*> select_all(const CssSelector& selector, const GumboNode& root);
// The first such element, or nullptr.
const GumboNode* select_first(const CssSelector& selector, const GumboNode& root);

// An element's tag name, lower-case ("div", or the written name of a tag gumbo does not know).
std::string tag_name(const GumboNode& element);

}  // namespace seatsync::css
