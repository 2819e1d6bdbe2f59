#include "lambda/runtime/runtime_catalog.h"

#include <unistd.h>

#include "base/format.h"
#include "lambda/errors.h"

namespace stratus::lambda {
namespace {

// Debian's interpreter carries the system's packages (python3-yaml,
// python3-pymysql, python3-boto3); another python3 on PATH may not.
constexpr const char* kSystemPython = "/usr/bin/python3";

}  // namespace

Result<RuntimeFamily> RuntimeFamilyOf(std::string_view runtime) {
  if (runtime.starts_with("python3.")) {
    return RuntimeFamily::kPython;
  }
  if (runtime.starts_with("nodejs")) {
    return RuntimeFamily::kNode;
  }
  if (runtime == "provided" || runtime.starts_with("provided.")) {
    return RuntimeFamily::kProvided;
  }
  return LambdaError::InvalidParameter(
      Format("The runtime parameter of {} is not supported by stratus: it runs python3.x, "
             "nodejs*.x and provided runtimes.",
             runtime));
}

std::vector<std::string> LaunchCommand(RuntimeFamily family,
                                       std::string_view task_root,
                                       std::string_view runtime_dir) {
  switch (family) {
    case RuntimeFamily::kPython:
      return {::access(kSystemPython, X_OK) == 0 ? kSystemPython : "python3",
              Format("{}/bootstrap.py", runtime_dir)};
    case RuntimeFamily::kNode:
      return {"node", Format("{}/bootstrap.js", runtime_dir)};
    case RuntimeFamily::kProvided:
      return {Format("{}/bootstrap", task_root)};
  }
  return {};
}

}  // namespace stratus::lambda
