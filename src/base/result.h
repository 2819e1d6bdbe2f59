#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "base/check.h"
#include "base/status.h"

namespace stratus {

/// A value of type T or an error Status (C++20 has no std::expected).
///
/// Thread safety: a value type; distinct objects may be used freely.
template <typename T>
class [[nodiscard]] Result {
 public:
  // Implicit on purpose: `return value;` and `return status;` both work.
  Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)

  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    STRATUS_CHECK(!status_.ok(), "Result constructed from an ok Status without a value");
  }

  template <typename U>

  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, T> &&
           !std::is_same_v<std::decay_t<U>, Status>) Result(U&& value)
      : value_(std::forward<U>(value)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return value_.has_value(); }

  const Status& status() const& { return status_; }

  /// On a temporary, the status is moved out (a reference would dangle).
  Status status() && { return std::move(status_); }

  const T& value() const& {
    STRATUS_CHECK(ok(), "value() on an error Result: {}", status_.ToString());
    return *value_;
  }

  T& value() & {
    STRATUS_CHECK(ok(), "value() on an error Result: {}", status_.ToString());
    return *value_;
  }

  T&& value() && {
    STRATUS_CHECK(ok(), "value() on an error Result: {}", status_.ToString());
    return std::move(*value_);
  }

  const T& operator*() const& { return value(); }

  T& operator*() & { return value(); }

  T&& operator*() && { return std::move(*this).value(); }

  const T* operator->() const { return &value(); }

  T* operator->() { return &value(); }

  T value_or(T fallback) const& { return ok() ? *value_ : std::move(fallback); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace stratus

#define STRATUS_CONCAT_INNER(a, b) a##b
#define STRATUS_CONCAT(a, b) STRATUS_CONCAT_INNER(a, b)

#define STRATUS_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok())                                      \
    return tmp.status();                              \
  lhs = std::move(tmp).value()

/// Evaluates `expr` (a Result); returns its error, or assigns its value to `lhs`.
#define STRATUS_ASSIGN_OR_RETURN(lhs, expr) \
  STRATUS_ASSIGN_OR_RETURN_IMPL(STRATUS_CONCAT(stratus_result_, __COUNTER__), lhs, expr)
