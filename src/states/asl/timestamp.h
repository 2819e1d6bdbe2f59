#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace stratus::states::asl {

/// An instant parsed from an RFC 3339 timestamp, as Choice Timestamp*
/// comparisons, IsTimestamp and Wait Timestamp use it.
struct Timestamp {
  /// Seconds since the Unix epoch (UTC).
  int64_t seconds = 0;
  /// Nanoseconds within the second, 0..999'999'999.
  int32_t nanos = 0;

  friend auto operator<=>(const Timestamp&,
                          const Timestamp&) = default;  // NOLINT(modernize-use-nullptr)
};

/// Parses "2016-03-14T01:59:00Z", "2016-03-14T01:59:00.123+01:00" and the
/// like. AWS: the date, the 'T', seconds and an offset ('Z' or ±hh:mm) are
/// required; fractional seconds are optional; a lowercase 't' or 'z' is
/// accepted; out-of-range fields (month 13, hour 25) are rejected. Returns
/// nullopt when `text` is not such a timestamp.
std::optional<Timestamp> ParseTimestamp(std::string_view text);

/// Returns the UTC RFC 3339 spelling "2016-03-14T01:59:00Z" (with a
/// fractional part only when nanos != 0).
std::string FormatTimestamp(const Timestamp& timestamp);

}  // namespace stratus::states::asl
