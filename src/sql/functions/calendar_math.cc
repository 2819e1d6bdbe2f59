#include <algorithm>

#include "sql/functions/calendar_math_internal.h"
#include "sql/types/calendar.h"

namespace stratus::sql::functions {

int64_t FloorDivide(int64_t a, int64_t b) {
  int64_t quotient = a / b;
  if (a % b != 0 && ((a < 0) != (b < 0))) {
    --quotient;
  }
  return quotient;
}

int64_t FloorModulus(int64_t a, int64_t b) {
  return a - FloorDivide(a, b) * b;
}

int64_t AddMonthsToDays(int64_t days, int64_t months) {
  const CivilDate date = CivilFromDays(days);
  const int64_t total = date.year * 12 + (date.month - 1) + months;
  const int64_t year = FloorDivide(total, 12);
  const auto month = static_cast<int>(FloorModulus(total, 12)) + 1;
  const int day = std::min(date.day, DaysInMonth(year, month));
  return DaysFromCivil(CivilDate{.year = year, .month = month, .day = day});
}

int64_t AddMonthsToMillis(int64_t millis, int64_t months) {
  int64_t days = 0;
  int64_t millis_of_day = 0;
  SplitMillis(millis, &days, &millis_of_day);
  return AddMonthsToDays(days, months) * kMillisPerDay + millis_of_day;
}

}  // namespace stratus::sql::functions
