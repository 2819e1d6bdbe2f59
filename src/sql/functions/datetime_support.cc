#include "base/format.h"
#include "sql/functions/calendar_math_internal.h"
#include "sql/functions/datetime_internal.h"
#include "sql/types/calendar.h"
#include "sql/types/sql_error.h"
#include "sql/types/time_zone.h"

namespace stratus::sql::functions {

DateTimeParts PartsFromMillis(int64_t millis) {
  int64_t days = 0;
  int64_t of_day = 0;
  SplitMillis(millis, &days, &of_day);
  const CivilDate date = CivilFromDays(days);
  DateTimeParts parts;
  parts.year = date.year;
  parts.month = date.month;
  parts.day = date.day;
  parts.hour = static_cast<int>(of_day / 3'600'000);
  parts.minute = static_cast<int>(of_day / 60'000 % 60);
  parts.second = static_cast<int>(of_day / 1000 % 60);
  parts.millis = static_cast<int>(of_day % 1000);
  return parts;
}

int64_t MillisFromParts(const DateTimeParts& parts) {
  const int64_t days =
      DaysFromCivil(CivilDate{.year = parts.year, .month = parts.month, .day = parts.day});
  return days * kMillisPerDay + ((parts.hour * 60LL + parts.minute) * 60 + parts.second) * 1000 +
         parts.millis;
}

int IsoDayOfWeek(int64_t days) {
  return static_cast<int>(FloorModulus(days + 3, 7)) + 1;
}

int DayOfYear(int64_t days) {
  const CivilDate date = CivilFromDays(days);
  return static_cast<int>(days -
                          DaysFromCivil(CivilDate{.year = date.year, .month = 1, .day = 1})) +
         1;
}

int IsoWeek(int64_t days, int64_t* week_year) {
  const int64_t thursday = days - (IsoDayOfWeek(days) - 1) + 3;
  *week_year = CivilFromDays(thursday).year;
  return (DayOfYear(thursday) - 1) / 7 + 1;
}

Result<int16_t> ZoneKeyOf(std::string_view zone) {
  return TimeZoneKeyOf(zone);
}

int64_t ZoneOffsetMillis(int16_t zone_key, int64_t utc_millis) {
  return TimeZoneOffsetMillis(zone_key, utc_millis);
}

int64_t UtcMillisFromLocal(int16_t zone_key, int64_t local_millis) {
  return TimeZoneUtcMillis(zone_key, local_millis);
}

std::string ZoneName(int16_t zone_key) {
  return TimeZoneName(zone_key);
}

int64_t LocalMillisOf(int64_t packed) {
  const int64_t utc = UtcMillisOf(packed);
  return utc + TimeZoneOffsetMillis(ZoneKeyOfPacked(packed), utc);
}

}  // namespace stratus::sql::functions
