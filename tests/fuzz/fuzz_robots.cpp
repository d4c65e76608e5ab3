// robots.txt (parse_robots_txt, RobotsRules::allows): the first line of the input is a URL path
// to ask about, the rest the file. Never a crash; "/robots.txt" is always allowed.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_support.hpp"
#include "seatsync/robots_txt.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  const std::string text = fuzz::as_text(data, size);
  const std::size_t nl = text.find('\n');
  const std::string path = nl == std::string::npos ? text : text.substr(0, nl);
  const std::string_view body = nl == std::string::npos ? std::string_view() : std::string_view(text).substr(nl + 1);
  const RobotsRules rules = parse_robots_txt(body, "seatsync-collector");
  (void)rules.allows(path);
  (void)rules.allows("/events/1/listings?page=2");
  if (!rules.allows("/robots.txt")) std::abort();
  if (rules.crawl_delay_s && !(*rules.crawl_delay_s >= 0)) std::abort();
  (void)product_token(path);
  return 0;
}
