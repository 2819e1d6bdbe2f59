#pragma once

#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::cloudformation {

/// Parses a template body, JSON or YAML, into its JSON form. YAML short-form
/// tags become their long forms (`!Ref X` → {"Ref": "X"}, `!GetAtt A.B` →
/// {"Fn::GetAtt": ["A", "B"]}, `!Sub s` → {"Fn::Sub": s}, `!Condition C` →
/// {"Condition": "C"}). Plain YAML scalars read as CloudFormation reads them:
/// integers and decimals become numbers, `true`/`false` booleans,
/// `null`/`~`/empty null, anything else (including `2010-09-09`) a string;
/// quoted scalars stay strings.
///
/// Errors: ValidationError-worded InvalidArgument ("Template format error:
/// ..."). Never throws, whatever the bytes (a fuzz target).
Result<Json> ParseTemplateText(std::string_view text);

}  // namespace stratus::cloudformation
