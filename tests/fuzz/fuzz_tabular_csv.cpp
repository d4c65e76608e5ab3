// Any CSV as a training table (parse_tabular_csv, what `seatsync train --csv` reads): target y,
// time column date, a forced categorical and a dropped column. ValidationError is the answer to
// bad input.
#include <cstdint>

#include "fuzz_support.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/tabular_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  TabularCsvOptions options;
  options.time_column = "date";
  options.categorical = {"tier"};
  options.drop = {"id"};
  try {
    (void)parse_tabular_csv(fuzz::as_text(data, size), "table.csv", "y", options);
  } catch (const ValidationError& e) {
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
  return 0;
}
