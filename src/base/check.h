#pragma once

#include <source_location>
#include <string>

#include "base/format.h"

namespace stratus::internal {

/// Logs a failed invariant with its location and aborts.
[[noreturn]] void CheckFailed(const char* condition,
                              const std::string& message,
                              std::source_location location);

}  // namespace stratus::internal

/// Aborts with a message when `cond` is false. Always on. Never for user input.
#define STRATUS_CHECK(cond, ...)                                                      \
  do {                                                                                \
    if (!(cond)) [[unlikely]] {                                                       \
      ::stratus::internal::CheckFailed(#cond, ::stratus::Format(__VA_ARGS__),         \
                                       std::source_location::current());              \
    }                                                                                 \
  } while (false)

#define STRATUS_CHECK_OP(a, op, b)                                                              \
  do {                                                                                          \
    const auto& stratus_a_ = (a);                                                               \
    const auto& stratus_b_ = (b);                                                               \
    if (!(stratus_a_ op stratus_b_)) [[unlikely]] {                                             \
      ::stratus::internal::CheckFailed(#a " " #op " " #b,                                       \
                                       ::stratus::Format("{} vs {}", stratus_a_, stratus_b_), \
                                       std::source_location::current());                        \
    }                                                                                           \
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
