#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/request_context.h"
#include "base/json.h"
#include "base/result.h"
#include "glue/catalog_types.h"

namespace stratus::glue::api {

// Readers of Glue operation inputs (model-shaped JSON). A missing or
// mistyped member is InvalidInputException; the front door has already
// checked the model's constraints (required members, lengths, ranges).

Result<std::string> RequiredString(const Json& input, std::string_view member);
Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member);
Result<std::optional<bool>> OptionalBool(const Json& input, std::string_view member);
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);
/// Returns the object member; InvalidInputException when absent.
Result<Json> RequiredObject(const Json& input, std::string_view member);
Result<Json> OptionalObject(const Json& input, std::string_view member);
Result<Json> OptionalArray(const Json& input, std::string_view member);
Result<std::vector<std::string>> StringList(const Json& input, std::string_view member);

/// Returns CatalogId, or the caller's account id when it is absent.
Result<std::string> CatalogIdOf(const aws::RequestContext& context, const Json& input);

/// Returns (CatalogId, DatabaseName).
Result<DatabaseRef> DatabaseRefOf(const aws::RequestContext& context, const Json& input);

/// Returns (CatalogId, DatabaseName, `name_member`).
Result<TableRef> TableRefOf(const aws::RequestContext& context,
                            const Json& input,
                            std::string_view name_member);

/// Returns NextToken and MaxResults (`default_max` when absent).
Result<PageRequest> PageOf(const Json& input, int default_max);

}  // namespace stratus::glue::api
