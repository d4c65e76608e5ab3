// Any CSV as the arms of an A/B test (parse_arm_values_csv, `seatsync ab analyze`), read as a
// mean and as a proportion, then analysed (p-values in [0, 1]). ValidationError is the answer to bad input.
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "seatsync/ab_csv.hpp"
#include "seatsync/diagnostics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  const std::string text = fuzz::as_text(data, size);
  for (const auto kind : {ab::MetricKind::mean, ab::MetricKind::proportion}) {
    ab::ArmCsvOptions options{"variant", "metric", kind, "", ','};
    try {
      const auto arms = ab::parse_arm_values_csv(text, "arms.csv", options);
      // analyze may still refuse what it cannot test (an arm with one value for Welch's t): by
      // std::invalid_argument, which the CLI prints as an error (exit 2).
      const auto analysis = ab::analyze(arms, arms.front().name, kind);
      for (const auto& c : analysis.comparisons)
        if (!(c.p_holm >= 0 && c.p_holm <= 1)) std::abort();
    } catch (const ValidationError& e) {
      for (const auto& d : e.diagnostics()) (void)d.format();
    } catch (const std::invalid_argument&) {
    }
  }
  return 0;
}
