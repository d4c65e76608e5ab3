// The simulator's truth.json (truth_from_json), what backtests and `seatsync evaluate` read
// beside a simulated dataset. A truth that is not valid is an exception (std::runtime_error
// naming the key, or nlohmann's type errors); one that reads must write back to the same JSON.
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "seatsync/truth.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(fuzz::as_text(data, size));
  } catch (const nlohmann::json::exception&) {  // not JSON, or a number beyond a double (1e400)
    return 0;
  }
  MarketTruth truth;
  try {
    truth = truth_from_json(j);
  } catch (const std::exception&) {
    return 0;
  }
  const nlohmann::json written = to_json(truth);
  if (to_json(truth_from_json(written)) != written) std::abort();
  return 0;
}
