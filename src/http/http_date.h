#pragma once

#include <string>

#include "base/clock.h"

namespace stratus::http {

/// Returns `time` as an RFC 1123 HTTP date, e.g. "Thu, 01 Jan 2026 00:00:00 GMT"
/// (always 29 characters, English names whatever the locale).
std::string FormatHttpDate(Clock::TimePoint time);

}  // namespace stratus::http
