#include "base/check.h"

#include <cstdio>
#include <cstdlib>

namespace stratus::internal {

void CheckFailed(const char* condition, const std::string& message, SourceLocation location) {
  std::fprintf(stderr, "CHECK failed at %s:%u (%s): %s %s\n", location.file_name(),
               static_cast<unsigned>(location.line()), location.function_name(), condition,
               message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace stratus::internal
