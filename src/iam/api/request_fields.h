#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "iam/iam_types.h"

namespace stratus::iam::api {

// Readers of IAM and STS operation inputs (model-shaped JSON). A missing or
// mistyped member is ValidationError; the front door has already checked the
// model's lengths and ranges.

Result<std::string> RequiredString(const Json& input, std::string_view member);
Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member);
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);
Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member);
Result<std::vector<std::string>> StringList(const Json& input, std::string_view member);

/// Returns the Tags member ([{Key, Value}], {} when absent).
Result<Tags> TagsOf(const Json& input, std::string_view member = "Tags");

/// Returns Marker and MaxItems (default 100).
Result<PageRequest> PageOf(const Json& input);

/// Returns an IAM name member checked against IAM's name pattern
/// [\w+=,.@-]+ (roles, users, policies, instance profiles).
Result<std::string> RequiredName(const Json& input, std::string_view member);

/// Returns the Path (or `member`) member, "/" when absent, checked as IAM
/// checks paths: "/" or "/.../" of printable ASCII.
Result<std::string> PathOf(const Json& input, std::string_view member = "Path");

/// Returns a policy document member checked by ValidatePolicyDocument.
Result<std::string> RequiredPolicyDocument(const Json& input, std::string_view member);

}  // namespace stratus::iam::api
