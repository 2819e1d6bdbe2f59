#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::lambda::api {

// Readers of Lambda operation inputs (model-shaped JSON). A mistyped member
// is InvalidParameterValueException; the front door has already checked the
// model's constraints (required members, lengths, ranges, enums).

Result<std::string> RequiredString(const Json& input, std::string_view member);
Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member);
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);
Result<Json> OptionalObject(const Json& input, std::string_view member);
Result<std::map<std::string, std::string>> StringMap(const Json& input, std::string_view member);

/// Returns the function name a FunctionName member holds: a name, an ARN
/// (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]) or a partial
/// ARN (ACCOUNT:function:NAME). Qualifiers other than $LATEST are
/// ResourceNotFoundException for now (no versions or aliases yet).
Result<std::string> FunctionNameOf(const Json& input, std::string_view arn_prefix);

}  // namespace stratus::lambda::api
