// Calendar features of the sale day and of the game day: what day of the week, month and
// year it is, and how it sits relative to holidays and the season.
#include "ml/feature_parts.hpp"

namespace seatsync::feature {
namespace {

bool is_last_of_month(Date d) { return (d + 1).month() != d.month(); }

// The columns shared by the sale and game day, written from `first` (…_day_of_week) on, in the
// order day_of_week, day_of_month, week_of_year, month, quarter, weekend, month_start, month_end.
void fill_date_parts(Date d, float* first) {
  const unsigned weekday = d.weekday();
  const unsigned month = d.month();
  first[0] = static_cast<float>(weekday);
  first[1] = static_cast<float>(d.day());
  first[2] = static_cast<float>(iso_week(d));
  first[3] = static_cast<float>(month);
  first[4] = static_cast<float>((month - 1) / 3 + 1);
  first[5] = weekday == 0 || weekday == 6 ? 1.0f : 0.0f;
  first[6] = d.day() == 1 ? 1.0f : 0.0f;
  first[7] = is_last_of_month(d) ? 1.0f : 0.0f;
}

static_assert(sale_is_month_end - sale_day_of_week == 7 && game_is_month_end - game_day_of_week == 7,
              "fill_date_parts writes eight consecutive columns");

}  // namespace

int iso_week(Date d) {
  // The ISO week belongs to the year of its Thursday; count weeks from that year's first day.
  const int iso_weekday = d.weekday() == 0 ? 7 : static_cast<int>(d.weekday());
  const Date thursday = d + (4 - iso_weekday);
  const int day_of_year = thursday - Date::from_ymd(thursday.year(), 1, 1);
  return day_of_year / 7 + 1;
}

int season_year_of(Date d) { return d.month() >= 7 ? d.year() : d.year() - 1; }

void fill_sale_calendar(Date day, const HolidayCalendar& holidays, float* row) {
  fill_date_parts(day, row + sale_day_of_week);
  row[sale_is_holiday] = holidays.is_holiday(day) ? 1.0f : 0.0f;
}

void fill_game_calendar(Date game_day, const HolidayCalendar& holidays, float* row) {
  fill_date_parts(game_day, row + game_day_of_week);
  row[game_is_holiday] = holidays.is_holiday(game_day) ? 1.0f : 0.0f;
  row[game_holiday_weekend] = holidays.is_holiday_weekend(game_day) ? 1.0f : 0.0f;
  row[game_days_to_holiday] = static_cast<float>(holidays.days_to_nearest(game_day, 60));
  row[season_year] = static_cast<float>(season_year_of(game_day));
  const unsigned month = game_day.month();
  row[season_winter] = month == 12 || month <= 2 ? 1.0f : 0.0f;
  row[season_spring] = month >= 3 && month <= 5 ? 1.0f : 0.0f;
  row[season_summer] = month >= 6 && month <= 8 ? 1.0f : 0.0f;
  row[season_fall] = month >= 9 && month <= 11 ? 1.0f : 0.0f;
}

}  // namespace seatsync::feature
