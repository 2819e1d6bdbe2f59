#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::logs::api {

// Readers of CloudWatch Logs operation inputs (model-shaped JSON). A
// mistyped member is InvalidParameterException; the front door has already
// checked the model's constraints (required members, lengths, ranges).

Result<std::string> RequiredString(const Json& input, std::string_view member);
Result<std::string> StringOr(const Json& input, std::string_view member, std::string fallback);
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);
Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member);
Result<std::vector<std::string>> StringList(const Json& input, std::string_view member);
/// Returns a map of strings member ({} when absent).
Result<std::map<std::string, std::string>> StringMap(const Json& input, std::string_view member);

/// Returns the log group an input names by logGroupName or
/// logGroupIdentifier (a name or an ARN).
Result<std::string> GroupNameOf(const Json& input);

/// Returns the group name in a log group ARN
/// (arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]).
Result<std::string> GroupNameOfArn(std::string_view arn);

}  // namespace stratus::logs::api
