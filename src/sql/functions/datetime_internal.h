#pragma once

// Private to sql/functions: the pieces date/time functions share — a
// timestamp split into calendar fields, ISO weeks, and time zones.
//
// Time zones: a timestamp with time zone is UTC millis << 12 | zone key
// (logical_type.h). Key 0 is UTC; fixed offsets use keys 1..1681, the offset
// in minutes + 841 (so -14:00 → 1, +00:00 → 841, +14:00 → 1681). Named
// zones are not supported yet: they are NOT_SUPPORTED errors.
//
// Thread safety: pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::sql::functions {

/// A timestamp's calendar fields (proleptic Gregorian, UTC wall clock).
struct DateTimeParts {
  int64_t year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millis = 0;
};

DateTimeParts PartsFromMillis(int64_t millis);
/// REQUIRES: fields in range (day may not exceed the month).
int64_t MillisFromParts(const DateTimeParts& parts);

/// ISO day of week, 1 (Monday) to 7 (Sunday), of days since the epoch.
int IsoDayOfWeek(int64_t days);
/// Day of the year, 1 to 366.
int DayOfYear(int64_t days);
/// ISO week (1 to 53) and the year it belongs to.
int IsoWeek(int64_t days, int64_t* week_year);

/// Returns the zone key of "UTC", "Z", "+05:30", "-08:00", "GMT", ...
Result<int16_t> ZoneKeyOf(std::string_view zone);
/// Returns the offset of a zone key in minutes.
int ZoneOffsetMinutes(int16_t zone_key);
/// Returns the zone's name as Trino prints it ("UTC", "+05:30").
std::string ZoneName(int16_t zone_key);

/// Packs UTC millis and a zone key into a timestamp with time zone.
inline int64_t PackTimestampWithTimeZone(int64_t utc_millis, int16_t zone_key) {
  return static_cast<int64_t>((static_cast<uint64_t>(utc_millis) << 12) |
                              static_cast<uint64_t>(zone_key & 0xfff));
}

inline int64_t UtcMillisOf(int64_t packed) {
  return packed >> 12;
}

inline int16_t ZoneKeyOfPacked(int64_t packed) {
  return static_cast<int16_t>(packed & 0xfff);
}

/// Returns the local wall-clock millis of a timestamp with time zone.
int64_t LocalMillisOf(int64_t packed);

}  // namespace stratus::sql::functions
