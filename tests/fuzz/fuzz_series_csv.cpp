// Daily series from any CSV (parse_series_csv, what `seatsync forecast --csv` reads): columns
// date, value, group and the regressor promo, read by days (filling missing days with 0) and by
// periods. ValidationError is the answer to bad input.
#include <cstdint>
#include <cstdlib>

#include "fuzz_support.hpp"
#include "seatsync/diagnostics.hpp"
#include "seatsync/series_csv.hpp"

namespace {
void read(const std::string& text, seatsync::SeriesCsvOptions options) {
  try {
    for (const auto& s : seatsync::parse_series_csv(text, "series.csv", options)) {
      if (s.values.empty()) std::abort();  // a series has at least one period
      for (const auto& r : s.regressors)
        if (r.values.size() != s.values.size() + static_cast<std::size_t>(options.future_periods)) std::abort();
    }
  } catch (const seatsync::ValidationError& e) {
    for (const auto& d : e.diagnostics()) (void)d.format();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace seatsync;
  const std::string text = fuzz::as_text(data, size);
  SeriesCsvOptions days;
  days.date_column = "date";
  days.value_column = "value";
  days.group_column = "group";
  days.until = *Date::parse("2025-12-31");
  days.regressor_columns = {"promo"};
  days.future_periods = 7;
  read(text, days);
  SeriesCsvOptions periods = days;
  periods.rows_are_periods = true;
  periods.group_column.reset();
  periods.fill_missing_zero = false;
  periods.delimiter = ';';
  read(text, periods);
  return 0;
}
