#pragma once

#include <string>

#include "base/json.h"

namespace stratus::cloudformation {

/// Brings resolved properties to the form the resource receives them in on
/// AWS: a Lambda function's environment variables are strings ("true",
/// "25"), whatever YAML scalar the template wrote.
void NormalizeProperties(const std::string& type, Json& properties);

}  // namespace stratus::cloudformation
