#pragma once

#include <string_view>

namespace stratus::lambda {

/// The bootstrap of stratus's Python runtime (src/lambda/runtime/bootstrap.py),
/// embedded at build time.
std::string_view PythonBootstrap();

/// The bootstrap of stratus's Node.js runtime (src/lambda/runtime/bootstrap.js).
std::string_view NodeBootstrap();

}  // namespace stratus::lambda
