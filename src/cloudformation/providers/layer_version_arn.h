#pragma once

#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

/// Splits a layer version ARN ("arn:...:layer:NAME:VERSION", or anything that
/// starts with one and ends with ":VERSION") into the Lambda API's LayerName
/// and VersionNumber members (VersionNumber 0 when VERSION is no number);
/// InvalidArgument when `arn` names no layer version.
Result<Json> LayerVersionMembers(std::string_view arn);

}  // namespace stratus::cloudformation
