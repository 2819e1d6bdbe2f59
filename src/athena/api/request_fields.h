#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "athena/athena_types.h"
#include "base/json.h"
#include "base/result.h"

namespace stratus::athena::api {

// Readers of Athena operation inputs (model-shaped JSON). A missing or
// mistyped member is InvalidRequestException; the front door has already
// checked the model's constraints (required members, lengths, ranges).

Result<std::string> RequiredString(const Json& input, std::string_view member);
/// Returns the string member, or "" when it is absent.
Result<std::string> StringOr(const Json& input, std::string_view member, std::string fallback);
Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member);
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);
/// Returns the object member ({} when absent).
Result<Json> OptionalObject(const Json& input, std::string_view member);
Result<std::vector<std::string>> StringList(const Json& input, std::string_view member);

/// Returns the prepared statement Create/UpdatePreparedStatement describe
/// (StatementName, WorkGroup, QueryStatement, Description), modified now.
Result<PreparedStatement> PreparedStatementOf(const Json& input, int64_t now_millis);

/// Returns MaxResults clamped to [1, max] (`fallback` when absent).
Result<int> MaxResultsOf(const Json& input, int fallback, int max);

}  // namespace stratus::athena::api
