#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace stratus {

/// The JSON value type used across service boundaries: operation inputs and
/// outputs, definitions, documents. Insertion order is not preserved.
using Json = nlohmann::json;

/// Parses text as JSON; a syntax error is an InvalidArgument with the offset.
Result<Json> ParseJson(std::string_view text);

/// Serializes compactly (no whitespace); invalid UTF-8 is replaced, never thrown.
std::string DumpJson(const Json& value);

}  // namespace stratus
