#pragma once

// Checked reads of nlohmann JSON values for the metadata parsers: a missing
// or mistyped field is Corruption naming it, never an exception.
//
// Thread safety: free functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace stratus::formats::iceberg {

using OrderedJson = nlohmann::ordered_json;

/// Parses text; a syntax error is Corruption.
Result<OrderedJson> ParseJsonText(std::string_view text, std::string_view what);

/// Returns the member or Corruption("iceberg: <what> missing <key>").
Result<const OrderedJson*> JsonMember(const OrderedJson& object, std::string_view key);
Result<int64_t> JsonInt(const OrderedJson& object, std::string_view key);
Result<std::string> JsonString(const OrderedJson& object, std::string_view key);
Result<bool> JsonBool(const OrderedJson& object, std::string_view key);
/// Returns the member as int64, or unset when absent or null.
Result<std::optional<int64_t>> JsonOptionalInt(const OrderedJson& object, std::string_view key);
/// Returns the member as a string, or `fallback` when absent.
Result<std::string> JsonOptionalString(const OrderedJson& object,
                                       std::string_view key,
                                       std::string_view fallback);

/// Serializes with Java's layout (2-space indent).
std::string DumpJsonText(const OrderedJson& value, int indent);

}  // namespace stratus::formats::iceberg
