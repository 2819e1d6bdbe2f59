#pragma once

#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::aws {

/// Timestamp encodings of the AWS protocols; the names are botocore's
/// timestampFormat trait values.
inline constexpr std::string_view kIso8601 = "iso8601";
inline constexpr std::string_view kRfc822 = "rfc822";
inline constexpr std::string_view kUnixTimestamp = "unixTimestamp";

/// Formats epoch seconds (fraction kept to the microsecond) in `format`:
/// iso8601 "2014-04-29T18:30:38Z" (".123Z" when fractional), rfc822
/// "Tue, 29 Apr 2014 18:30:38 GMT", unixTimestamp "1398796238" or
/// "1398796238.5".
std::string FormatTimestamp(double epoch_seconds, std::string_view format);

/// Returns the timestamp as a JSON value for a JSON body: a number for
/// unixTimestamp (integral when whole), else the formatted string.
Json FormatTimestampJson(double epoch_seconds, std::string_view format);

/// Parses a timestamp in any of the three encodings (whatever the trait
/// says, as AWS servers are lenient): epoch seconds, ISO 8601 with optional
/// fraction and offset, or an RFC 822/1123 HTTP date. Bad text is
/// InvalidArgument.
Result<double> ParseTimestamp(std::string_view text);

/// Reads a timestamp from operation JSON: a number (epoch seconds) or a
/// string ParseTimestamp() accepts.
Result<double> TimestampFromJson(const Json& value);

/// Returns epoch seconds as a JSON number: an integer when whole.
Json EpochSecondsJson(double epoch_seconds);

}  // namespace stratus::aws
