#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace stratus::lambda {

/// How a Lambda runtime name runs here: with the system's interpreters
/// rather than AWS's images.
enum class RuntimeFamily : uint8_t {
  kPython,    // python3.8 … python3.13 → python3 and our bootstrap.py.
  kNode,      // nodejs16.x … nodejs22.x → node and our bootstrap.js.
  kProvided,  // provided, provided.al2, provided.al2023 → the zip's own `bootstrap`.
};

/// Returns the family of `runtime`, or InvalidParameterValueException for
/// the runtimes stratus cannot run (java, dotnet, ruby).
Result<RuntimeFamily> RuntimeFamilyOf(std::string_view runtime);

/// Returns the argv that starts a function process: `task_root` is where the
/// code is as the process sees it, `runtime_dir` where the bootstraps are.
std::vector<std::string> LaunchCommand(RuntimeFamily family,
                                       std::string_view task_root,
                                       std::string_view runtime_dir);

}  // namespace stratus::lambda
