#pragma once

// Private to sql/functions: the pieces date/time functions share — a
// timestamp split into calendar fields, ISO weeks, and time zones.
//
// Time zones: a timestamp with time zone is UTC millis << 12 | zone key
// (logical_type.h): UTC, fixed offsets and named zones (sql/types/time_zone.h).
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
/// Returns the zone's offset in milliseconds at the instant `utc_millis`.
int64_t ZoneOffsetMillis(int16_t zone_key, int64_t utc_millis);
/// Returns the instant of a wall-clock time in the zone (DST as Trino resolves it).
int64_t UtcMillisFromLocal(int16_t zone_key, int64_t local_millis);
/// Returns the zone's name as Trino prints it ("UTC", "+05:30", "America/New_York").
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
