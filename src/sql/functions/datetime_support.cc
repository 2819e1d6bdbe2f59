#include "base/format.h"
#include "sql/functions/calendar_math_internal.h"
#include "sql/functions/datetime_internal.h"
#include "sql/types/calendar.h"
#include "sql/types/sql_error.h"

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
  if (zone == "UTC" || zone == "Z" || zone == "GMT" || zone == "UT" || zone == "Etc/UTC" ||
      zone == "Etc/GMT" || zone == "utc" || zone == "+00:00" || zone == "-00:00") {
    return int16_t{0};
  }
  std::string_view offset = zone;
  for (std::string_view prefix : {"UTC", "GMT", "UT"}) {
    if (offset.starts_with(prefix) && offset.size() > prefix.size() &&
        (offset[prefix.size()] == '+' || offset[prefix.size()] == '-')) {
      offset.remove_prefix(prefix.size());
    }
  }
  if (!offset.empty() && (offset[0] == '+' || offset[0] == '-')) {
    const int sign = offset[0] == '-' ? -1 : 1;
    offset.remove_prefix(1);
    int hours = 0;
    int minutes = 0;
    size_t pos = 0;
    auto digits = [&](int count, int* out) {
      for (int i = 0; i < count; ++i) {
        if (pos >= offset.size() || offset[pos] < '0' || offset[pos] > '9') {
          return false;
        }
        *out = *out * 10 + (offset[pos++] - '0');
      }
      return true;
    };
    bool ok = digits(1, &hours);
    if (ok && pos < offset.size() && offset[pos] >= '0' && offset[pos] <= '9') {
      ok = digits(1, &hours);
    }
    if (ok && pos < offset.size()) {
      if (offset[pos] == ':') {
        ++pos;
      }
      ok = digits(2, &minutes);
    }
    if (ok && pos == offset.size() && hours <= 14 && minutes < 60) {
      const int total = sign * (hours * 60 + minutes);
      return static_cast<int16_t>(total == 0 ? 0 : total + 841);
    }
  }
  return SqlError(kInvalidFunctionArgument, Format("Time zone not supported: {}", zone));
}

int ZoneOffsetMinutes(int16_t zone_key) {
  return zone_key == 0 ? 0 : zone_key - 841;
}

std::string ZoneName(int16_t zone_key) {
  if (zone_key == 0) {
    return "UTC";
  }
  const int offset = ZoneOffsetMinutes(zone_key);
  const int magnitude = offset < 0 ? -offset : offset;
  return Format("{}{:02}:{:02}", offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

int64_t LocalMillisOf(int64_t packed) {
  return UtcMillisOf(packed) + ZoneOffsetMinutes(ZoneKeyOfPacked(packed)) * 60'000LL;
}

}  // namespace stratus::sql::functions
