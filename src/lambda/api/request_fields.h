#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::lambda::api {

// Readers of Lambda operation inputs (model-shaped JSON). A mistyped member
// is InvalidParameterValueException; the front door has already checked the
// model's constraints (required members, lengths, ranges, enums).

Result<std::string> RequiredString(const Json& input, std::string_view member);
Result<std::optional<std::string>> OptionalString(const Json& input, std::string_view member);
Result<std::optional<int64_t>> OptionalInteger(const Json& input, std::string_view member);
Result<Json> OptionalObject(const Json& input, std::string_view member);
Result<std::map<std::string, std::string>> StringMap(const Json& input, std::string_view member);

/// A function as a request names it: its name and, when qualified, a
/// version number, an alias name or $LATEST.
struct FunctionTarget {
  std::string name = {};
  std::string qualifier = {};  // "" when unqualified.

  /// Returns the engine's function reference: "NAME" or "NAME:QUALIFIER".
  std::string Reference() const;
  /// True for a published version's number.
  bool IsVersion() const;
  /// True for an alias name.
  bool IsAlias() const;
};

/// Returns the function a FunctionName member holds — a name, an ARN
/// (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]), a partial ARN
/// (ACCOUNT:function:NAME[:QUALIFIER]) or NAME:QUALIFIER — qualified by the
/// Qualifier member when there is one. A qualifier in the name that differs
/// from the Qualifier member is InvalidParameterValueException.
Result<FunctionTarget> FunctionTargetOf(const Json& input, std::string_view arn_prefix);

/// Returns the function name of an operation that works on the function
/// itself ($LATEST): any qualifier other than $LATEST is ResourceNotFoundException.
Result<std::string> FunctionNameOf(const Json& input, std::string_view arn_prefix);

}  // namespace stratus::lambda::api
