// JSON pages: `items` is an RFC 6901 pointer to the array of listings, every other locator a
// pointer within one item. Values are taken as text (a number as JSON writes it), so that the
// validation step parses every price the same way whatever the page's types.
#include <nlohmann/json.hpp>

#include "market/extractors.hpp"

namespace seatsync {

namespace {

using json = nlohmann::json;

const char* type_name(const json& j) { return j.type_name(); }

// The item's value at `pointer` as text; "" when the locator is unset, the value is missing or null.
std::string field_text(const json& item, const std::string& pointer) {
  if (pointer.empty()) return "";
  const json* value = nullptr;
  try {
    const json::json_pointer p(pointer);
    if (!item.contains(p)) return "";
    value = &item.at(p);
  } catch (const json::exception&) {
    return "";  // e.g. "/0" into an object, or a non-numeric index into an array: not there
  }
  if (value->is_null()) return "";
  if (value->is_string()) return value->get<std::string>();
  return value->dump();  // numbers (85, 85.5), and booleans or containers, which validation refuses
}

}  // namespace

std::vector<ExtractedListing> extract_json_listings(const SourceConfig& source, std::string_view body) {
  json page;
  try {
    page = json::parse(body.begin(), body.end());
  } catch (const json::parse_error& e) {
    throw ExtractionError("source '" + source.name + "': the page is not JSON (byte " + std::to_string(e.byte) +
                          "), expected an array of listings at '" + source.items + "'");
  } catch (const json::exception& e) {  // e.g. a number too large for a double
    throw ExtractionError("source '" + source.name + "': the page is not readable JSON (" + e.what() +
                          "), expected an array of listings at '" + source.items + "'");
  }
  const json* items = nullptr;
  try {
    const json::json_pointer p(source.items);
    if (page.contains(p)) items = &page.at(p);
  } catch (const json::exception&) {
    items = nullptr;
  }
  if (!items)
    throw ExtractionError("source '" + source.name + "': the JSON page has nothing at items pointer '" +
                          source.items + "', expected an array of listings");
  if (!items->is_array())
    throw ExtractionError("source '" + source.name + "': items pointer '" + source.items + "' holds " +
                          std::string(type_name(*items)) + ", expected an array of listings");
  std::vector<ExtractedListing> out;
  out.reserve(items->size());
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& item = (*items)[i];
    ExtractedListing l;
    l.index = i;
    l.price = field_text(item, source.price);
    l.quantity = field_text(item, source.quantity);
    l.section = field_text(item, source.section);
    l.listing_id = field_text(item, source.listing_id);
    l.currency = field_text(item, source.currency);
    out.push_back(std::move(l));
  }
  return out;
}

}  // namespace seatsync
