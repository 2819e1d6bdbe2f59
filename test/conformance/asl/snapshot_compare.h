#pragma once

#include <string>
#include <string_view>

#include "base/json.h"

namespace stratus::conformance::asl {

/// How FirstDifference() compares.
struct CompareOptions {
  /// Compare only the structure (object keys, array lengths, value kinds):
  /// for cases that print UUIDs or random numbers.
  bool shape_only = false;
};

/// Returns true when `actual` matches `expected` as the recorder normalised
/// it: every "<...>" placeholder in `expected` (an ARN part, a name, an
/// input the recorder redacted) matches any text, and the recorder's
/// whole-value placeholders ("timestamp", "datetime", "date", "start-time",
/// "entered-time", "snf_role_arn") match any string.
bool PlaceholderMatch(std::string_view expected, std::string_view actual);

/// Compares a normalised recorded value with ours. Strings that both hold
/// JSON texts compare as JSON values (our JSON does not keep key order and
/// AWS's whitespace varied between recordings). Returns an empty string when
/// they match, else "<path>: expected <x>, got <y>" for the first
/// difference.
std::string FirstDifference(const Json& expected,
                            const Json& actual,
                            const CompareOptions& options = {},
                            const std::string& path = "$");

}  // namespace stratus::conformance::asl
