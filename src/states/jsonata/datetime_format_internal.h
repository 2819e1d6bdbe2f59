#pragma once

// Date/time pictures (XPath F&O 3.1 section 9.8, as JSONata implements them)
// for $fromMillis, $toMillis and $now, plus ISO 8601 parsing.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace stratus::states::jsonata {

/// Formats epoch milliseconds. Without a picture the result is ISO 8601
/// ("2018-01-01T00:00:00.000Z"). `timezone` is "+hhmm"/"-hhmm".
Result<std::string> FormatDateTime(double millis,
                                   std::optional<std::string_view> picture,
                                   std::optional<std::string_view> timezone);

/// Parses `text` with a picture; missing leading components come from
/// `now_millis`, missing trailing ones are zero. nullopt if it does not match.
Result<std::optional<double>> ParseDateTime(std::string_view text,
                                            std::string_view picture,
                                            double now_millis);

/// Parses an ISO 8601 timestamp ($toMillis without a picture); D3110 if the
/// text is not one.
Result<double> ParseIso8601(std::string_view text);

}  // namespace stratus::states::jsonata
