#include "data/sqlite_timestamp.hpp"

#include <ctime>

namespace seatsync::sqlite {

std::string utc_timestamp_now() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);  // the reentrant form: stores may be used from several threads
  char text[sizeof "YYYY-MM-DDTHH:MM:SSZ"];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace seatsync::sqlite
