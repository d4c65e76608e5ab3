#pragma once
// The stylesheets of the report's HTML pages, inlined into each page so a page is one file
// that opens anywhere (mail attachment, file share, no network).
#include <string_view>

namespace seatsync::render {

// Page, headings, tables (sticky header row, tabular numbers) and print rules.
std::string_view base_css();
// The guide's change cells: text colour by direction and magnitude, background by fill.
std::string_view guide_css();

}  // namespace seatsync::render
