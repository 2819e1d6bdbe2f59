#pragma once

// Time zones of timestamp with time zone values: Trino's zone keys, a zone's
// offset at an instant, and local wall-clock time back to an instant.
//
// A timestamp with time zone packs UTC millis << 12 | a 12-bit zone key
// (logical_type.h). Key 0 is UTC; keys 1..1681 are fixed offsets (the offset
// in minutes + 841, so -14:00 → 1, +14:00 → 1681); keys from 1682 name the
// IANA zones of the system's tz database (tzdata's tzdata.zi: zones and
// links, in sorted order), whose rules come from libcctz. Names match case-
// insensitively and print as the database spells them ("America/New_York").
// Keys live only in memory (values are written as text), so their numbering
// may change with the tz database.
//
// Local time to an instant follows java.time, as Trino does: a wall time in a
// gap (spring forward) moves forward by the gap, and an ambiguous one (fall
// back) takes the earlier instant (the offset before the transition).
//
// Thread safety: the zone table is built once, on first use, and immutable.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::sql {

inline constexpr int16_t kUtcZoneKey = 0;

/// Returns the zone key of "UTC", "Z", "+05:30", "-08", "America/New_York", ...
/// Errors: INVALID_FUNCTION_ARGUMENT "Time zone not supported: <zone>".
Result<int16_t> TimeZoneKeyOf(std::string_view zone);

/// Returns the zone's name as Trino prints it ("UTC", "+05:30", "Europe/Paris").
std::string TimeZoneName(int16_t zone_key);

/// Returns the zone's offset from UTC, in milliseconds, at the instant `utc_millis`.
int64_t TimeZoneOffsetMillis(int16_t zone_key, int64_t utc_millis);

/// Returns the instant of the wall-clock time `local_millis` in the zone
/// (gaps and overlaps resolved as the essay above says).
int64_t TimeZoneUtcMillis(int16_t zone_key, int64_t local_millis);

/// True for keys of named (rule-based) zones.
bool IsNamedTimeZone(int16_t zone_key);

}  // namespace stratus::sql
