#pragma once

#include "base/json.h"
#include "base/result.h"
#include "states/api/state_machine_catalog.h"

namespace stratus::states::api {

/// Parses a model "TagList" ([{"key": "k", "value": "v"}]). AWS: keys 1 to
/// 128 characters, values up to 256; at most 50 tags (TooManyTags).
Result<Tags> ParseTagList(const Json& list);

/// Returns tags as a model "TagList".
Json TagListJson(const Tags& tags);

}  // namespace stratus::states::api
