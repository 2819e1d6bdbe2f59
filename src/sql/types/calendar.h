#pragma once

// Calendar arithmetic for dates and timestamps: the proleptic Gregorian
// calendar (as Trino and java.time use), days since 1970-01-01, and Athena's
// text forms. Uses Howard Hinnant's days_from_civil algorithm: no tables, no
// time zone database.

#include <cstdint>
#include <string>

namespace stratus::sql {

/// A calendar date (year may be negative: 0 is 1 BC).
struct CivilDate {
  int64_t year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

inline constexpr int64_t kMillisPerSecond = 1000;
inline constexpr int64_t kMillisPerDay = 86'400'000;

/// Returns the days since 1970-01-01 of a date. REQUIRES: a valid date.
int64_t DaysFromCivil(const CivilDate& date);

/// Returns the date `days` days after 1970-01-01.
CivilDate CivilFromDays(int64_t days);

/// Returns true if year/month/day names a real day.
bool IsValidCivilDate(int64_t year, int month, int day);

/// Returns the number of days in a month of a year.
int DaysInMonth(int64_t year, int month);

/// Formats days since the epoch as Trino does: "2024-01-02" (years below
/// 1000 zero-padded to four digits; years past 9999 with a leading '+', and
/// negative years with '-', as java.time prints them).
std::string FormatDate(int64_t days);

/// Formats milliseconds since the epoch as Athena shows a timestamp(3):
/// "2024-01-02 03:04:05.000".
std::string FormatTimestampMillis(int64_t millis);

/// Splits milliseconds since the epoch into whole days (rounded down) and the
/// milliseconds into that day.
void SplitMillis(int64_t millis, int64_t* days, int64_t* millis_of_day);

}  // namespace stratus::sql
