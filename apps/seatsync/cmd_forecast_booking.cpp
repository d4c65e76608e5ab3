// Placeholder until the booking-curve forecasts land (branch `booking`).
#include <stdexcept>

#include "cli.hpp"

namespace seatsync::cli {
void run_booking_forecast(const BookingForecastArgs&) {
  throw std::runtime_error("booking-curve forecasts are not built yet");
}
}  // namespace seatsync::cli
