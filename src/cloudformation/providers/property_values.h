#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

struct ResourceRequest;

/// Reads resolved template properties the way CloudFormation does: scalars
/// may arrive as strings from YAML ("25", "true") or as numbers, and every
/// wrong type is an InvalidArgument naming the property.

/// Returns the property as a string (numbers and booleans converted), or
/// nullopt when absent or null.
Result<std::optional<std::string>> OptionalString(const Json& properties, std::string_view name);

/// Returns the property as a string; absent is an InvalidArgument.
/// Whether the property is given (present and not null).
bool HasProperty(const Json& properties, std::string_view name);

Result<std::string> RequiredString(const Json& properties, std::string_view name);

/// Returns the property as an integer (numbers and numeric strings), or nullopt.
Result<std::optional<int64_t>> OptionalInteger(const Json& properties, std::string_view name);

/// Returns the property as a boolean (true/false or "true"/"false"), or nullopt.
Result<std::optional<bool>> OptionalBool(const Json& properties, std::string_view name);

/// Returns the property as a JSON object or list, or nullopt; a string holding
/// JSON text is parsed (policy documents, redrive policies).
Result<std::optional<Json>> OptionalDocument(const Json& properties, std::string_view name);

/// Returns the property as a list of strings (a scalar property is an
/// InvalidArgument), empty when absent.
Result<std::vector<std::string>> StringList(const Json& properties, std::string_view name);

/// Returns the `Tags` property ([{Key, Value}, ...]) as an object key → value.
Result<Json> TagMap(const Json& properties, std::string_view name = "Tags");

/// Returns the value with every scalar converted to a string (Lambda
/// environment variables, DefinitionSubstitutions).
Json StringifyScalars(const Json& value);

/// Fails with "Encountered unsupported property NAME" (AWS's message) for the
/// first property of `properties` not in `supported`.
Status CheckSupported(const Json& properties,
                      std::string_view type,
                      std::span<const std::string_view> supported);

/// Returns whether the property differs between the request's previous and
/// new properties (absent and null are equal).
bool PropertyChanged(const ResourceRequest& request, std::string_view name);

/// Returns whether any of `names` differs between previous and new properties.
bool AnyPropertyChanged(const ResourceRequest& request,
                        std::initializer_list<std::string_view> names);

}  // namespace stratus::cloudformation
