#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::api {

/// Returns the string member; ValidationException when absent, null or not a string.
Result<std::string> RequiredString(const Json& input, std::string_view member);

/// Returns the string member, or nullopt when absent or null.
Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member);

/// Returns the boolean member, or `fallback` when absent or null.
Result<bool> OptionalBool(const Json& input, std::string_view member, bool fallback);

/// Returns the integer member, or nullopt when absent or null.
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);

/// Returns the number member, or nullopt when absent or null.
Result<std::optional<double>> OptionalNumber(const Json& input, std::string_view member);

/// Returns "maxResults" (0 when absent: the service default). AWS:
/// ValidationException "... Member must have value less than or equal to
/// 1000" above 1000, and the matching "greater than or equal to 0" below 0.
Result<int64_t> MaxResults(const Json& input);

/// Returns "nextToken" or "" when absent. AWS: longer than `max_length` is a
/// ValidationException naming the constraint.
Result<std::string> NextToken(const Json& input, size_t max_length);

/// Returns the member as an object ({} when absent or null).
Result<Json> OptionalObject(const Json& input, std::string_view member);

/// Returns the member as an array ([] when absent or null).
Result<Json> OptionalArray(const Json& input, std::string_view member);

/// Returns `object[member]` when `object` is an object and the member is a
/// string, else "" (never throws on unexpected types).
std::string StringMember(const Json& object, std::string_view member);

/// Returns `object[member]` when `object` is an object and has it, else null.
Json MemberOrNull(const Json& object, std::string_view member);

/// Returns milliseconds since the epoch as the epoch-seconds number the
/// model-shaped JSON carries for timestamps.
Json EpochSeconds(int64_t millis);

}  // namespace stratus::states::api
