#include "sql/types/calendar.h"

#include "base/format.h"

namespace stratus::sql {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  const int64_t quotient = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? quotient - 1 : quotient;
}

bool IsLeapYear(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

}  // namespace

int64_t DaysFromCivil(const CivilDate& date) {
  const int64_t y = date.month <= 2 ? date.year - 1 : date.year;
  const int64_t era = FloorDiv(y, 400);
  const int64_t year_of_era = y - era * 400;
  const int64_t m = date.month;
  const int64_t day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + date.day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t day_of_era = z - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int64_t year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return CivilDate{.year = year, .month = month, .day = day};
}

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) {
    return 29;
  }
  return kDays[month - 1];
}

bool IsValidCivilDate(int64_t year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

std::string FormatDate(int64_t days) {
  const CivilDate date = CivilFromDays(days);
  if (date.year < 0) {
    return Format("-{:04}-{:02}-{:02}", -date.year, date.month, date.day);
  }
  if (date.year > 9999) {
    return Format("+{}-{:02}-{:02}", date.year, date.month, date.day);
  }
  return Format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

void SplitMillis(int64_t millis, int64_t* days, int64_t* millis_of_day) {
  *days = FloorDiv(millis, kMillisPerDay);
  *millis_of_day = millis - *days * kMillisPerDay;
}

std::string FormatTimestampMillis(int64_t millis) {
  int64_t days = 0;
  int64_t of_day = 0;
  SplitMillis(millis, &days, &of_day);
  const int64_t seconds = of_day / 1000;
  return Format("{} {:02}:{:02}:{:02}.{:03}", FormatDate(days), seconds / 3600, seconds / 60 % 60,
                seconds % 60, of_day % 1000);
}

}  // namespace stratus::sql
