#pragma once

#include <map>
#include <set>
#include <string>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

struct Template;

/// Returns each declared parameter's value (a string, or a list of strings
/// for list types) from `given`, else `previous` for names in
/// `use_previous`, else the Default; checks the constraints
/// (AllowedValues, AllowedPattern, lengths, values, Number). Errors are
/// InvalidArgument worded as AWS's ValidationError:
/// "Parameters: [X] must have values", "Parameters: [X] do not exist in the
/// template", "Parameter 'X' must be one of AllowedValues", ...
Result<std::map<std::string, Json>> ResolveParameters(
    const Template& parsed,
    const std::map<std::string, std::string>& given,
    const std::map<std::string, std::string>& previous = {},
    const std::set<std::string>& use_previous = {});

/// Returns the parameter's value as text (lists joined by commas).
std::string ParameterText(const Json& value);

}  // namespace stratus::cloudformation
