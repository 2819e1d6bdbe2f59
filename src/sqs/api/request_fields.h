#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"
#include "sqs/queue_id.h"

namespace stratus::sqs {

/// Returns the string member; MissingParameter when absent or null,
/// InvalidParameterValue when not a string.
Result<std::string> RequiredString(const Json& input, std::string_view member);

/// Returns the string member, or nullopt when absent or null.
Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member);

/// Returns the integer member (a JSON number or a decimal string), or nullopt
/// when absent or null. InvalidParameterValue when it is neither.
Result<std::optional<int64_t>> OptionalInt(const Json& input, std::string_view member);

/// Returns the list of strings member (empty when absent).
Result<std::vector<std::string>> StringList(const Json& input, std::string_view member);

/// Returns the object member (an empty object when absent).
Result<Json> ObjectMember(const Json& input, std::string_view member);

/// Returns the array member (an empty array when absent).
Result<Json> ArrayMember(const Json& input, std::string_view member);

/// Returns the queue named by the "QueueUrl" member.
Result<QueueId> QueueFromInput(const aws::RequestContext& context, const Json& input);

/// Returns InvalidParameterValue "Value {value} for parameter {name} is
/// invalid. Reason: {reason}" unless min <= value <= max.
Status CheckRange(
    std::string_view name, int64_t value, int64_t min, int64_t max, std::string_view reason);

}  // namespace stratus::sqs
