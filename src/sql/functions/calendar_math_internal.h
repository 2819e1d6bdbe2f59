#pragma once

// Private to sql/functions: calendar arithmetic the date/time operators and
// functions share (month steps with Trino's end-of-month clamping).
//
// Thread safety: pure functions.

#include <cstdint>

namespace stratus::sql::functions {

/// Returns days + `months` calendar months, clamping the day to the target month's end.
int64_t AddMonthsToDays(int64_t days, int64_t months);

/// Returns epoch millis + `months` calendar months (the time of day kept).
int64_t AddMonthsToMillis(int64_t millis, int64_t months);

/// Floor division and modulus (the sign of the divisor), for times before 1970.
int64_t FloorDivide(int64_t a, int64_t b);
int64_t FloorModulus(int64_t a, int64_t b);

}  // namespace stratus::sql::functions
