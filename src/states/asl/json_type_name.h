#pragma once

#include <string_view>

#include "base/json.h"

namespace stratus::states::asl {

/// Returns the JSON type name AWS uses in causes: "null", "boolean",
/// "number", "string", "array" or "object".
std::string_view JsonTypeName(const Json& value);

/// Renders a value the way AWS quotes it inside causes: strings bare,
/// everything else as compact JSON.
std::string JsonForCause(const Json& value);

}  // namespace stratus::states::asl
