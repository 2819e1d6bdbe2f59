#pragma once

#include <string>
#include <version>
#ifdef __cpp_lib_source_location
#include <source_location>
#endif

#include "base/format.h"

namespace stratus::internal {

#ifdef __cpp_lib_source_location
using SourceLocation = std::source_location;
#else
/// Stands in for std::source_location where the library cannot offer it:
/// libstdc++ 12 needs __builtin_source_location, which clang has only from
/// version 15, and the fuzz build (fuzz/README.md) uses Debian's clang 14.
struct SourceLocation {
  static constexpr SourceLocation current(const char* file = __builtin_FILE(),
                                          unsigned line = __builtin_LINE(),
                                          const char* function = __builtin_FUNCTION()) {
    return SourceLocation{file, line, function};
  }

  constexpr const char* file_name() const { return file; }

  constexpr unsigned line() const { return line_number; }

  constexpr const char* function_name() const { return function; }

  const char* file = "";
  unsigned line_number = 0;
  const char* function = "";
};
#endif

/// Logs a failed invariant with its location and aborts.
[[noreturn]] void CheckFailed(const char* condition,
                              const std::string& message,
                              SourceLocation location);

}  // namespace stratus::internal

/// Aborts with a message when `cond` is false. Always on. Never for user input.
#define STRATUS_CHECK(cond, ...)                                                        \
  do {                                                                                  \
    if (!(cond)) [[unlikely]] {                                                         \
      ::stratus::internal::CheckFailed(#cond, ::stratus::Format(__VA_ARGS__),           \
                                       ::stratus::internal::SourceLocation::current()); \
    }                                                                                   \
  } while (false)

#define STRATUS_CHECK_OP(a, op, b)                                                            \
  do {                                                                                        \
    const auto& stratus_a_ = (a);                                                             \
    const auto& stratus_b_ = (b);                                                             \
    if (!(stratus_a_ op stratus_b_)) [[unlikely]] {                                           \
      ::stratus::internal::CheckFailed(#a " " #op " " #b,                                     \
                                       ::stratus::Format("{} vs {}", stratus_a_, stratus_b_), \
                                       ::stratus::internal::SourceLocation::current());       \
    }                                                                                         \
  } while (false)

#define STRATUS_CHECK_EQ(a, b) STRATUS_CHECK_OP(a, ==, b)
#define STRATUS_CHECK_NE(a, b) STRATUS_CHECK_OP(a, !=, b)
#define STRATUS_CHECK_LT(a, b) STRATUS_CHECK_OP(a, <, b)
#define STRATUS_CHECK_LE(a, b) STRATUS_CHECK_OP(a, <=, b)
#define STRATUS_CHECK_GT(a, b) STRATUS_CHECK_OP(a, >, b)
#define STRATUS_CHECK_GE(a, b) STRATUS_CHECK_OP(a, >=, b)

#ifdef NDEBUG
#define STRATUS_DCHECK(cond, ...) \
  do {                            \
  } while (false)
#else
#define STRATUS_DCHECK(cond, ...) STRATUS_CHECK(cond, __VA_ARGS__)
#endif
