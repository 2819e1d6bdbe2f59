#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::s3::api {

// Readers of S3 operation input (model-shaped JSON) that word their
// complaints as S3 does: a missing member is InvalidRequest, a mistyped one
// InvalidArgument.

Result<std::string> RequiredString(const Json& input, std::string_view member);
Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member);
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);
Result<std::optional<double>> OptionalNumber(const Json& input, std::string_view member);
Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member);
Result<Json> OptionalObject(const Json& input, std::string_view member);
Result<Json> OptionalArray(const Json& input, std::string_view member);

/// Returns the string member, or `fallback` when absent.
Result<std::string> StringOr(const Json& input, std::string_view member, std::string fallback);

}  // namespace stratus::s3::api
