#pragma once

#include <string_view>

namespace stratus::states::api {

/// Returns true when `name` is a valid state machine, execution or activity
/// name. AWS: 1 to 80 characters; no white space, brackets (< > { } [ ]),
/// wildcards (? *), special characters (" # % \ ^ | ~ ` $ & , ; : /) or
/// control characters (U+0000-001F, U+007F-009F).
bool IsValidResourceName(std::string_view name);

/// Returns true when `name` is a valid alias name. AWS: 1 to 80 characters
/// matching ^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$ (not digits only).
bool IsValidAliasName(std::string_view name);

}  // namespace stratus::states::api
