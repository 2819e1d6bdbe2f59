#pragma once

#include <string_view>

#include "base/json.h"

namespace stratus::states::asl {

/// Read access to the workflow variables a state can see ($name in JSONPath,
/// $name in JSONata). The interpreter owns the storage; a Map iteration or a
/// Parallel branch sees its own assignments on top of its parents'.
///
/// Thread safety: implementations are read concurrently only if they say so.
class VariableView {
 public:
  VariableView() = default;
  VariableView(const VariableView&) = delete;
  VariableView& operator=(const VariableView&) = delete;
  virtual ~VariableView() = default;

  /// Returns the value of variable `name`, or null when it is not assigned
  /// in this scope or any enclosing one.
  virtual const Json* Find(std::string_view name) const = 0;
};

/// A scope of variables: an object of name → value on top of an optional
/// parent scope (the enclosing state machine for a Map iteration or a
/// Parallel branch). The parent must outlive this scope.
///
/// Thread safety: none; Find() may be called concurrently when nobody Assign()s.
class VariableScope final : public VariableView {
 public:
  explicit VariableScope(const VariableView* parent = nullptr) : parent_(parent) {}

  const Json* Find(std::string_view name) const override;

  /// Sets every member of `assignments` (an object) in this scope, replacing
  /// earlier values. AWS: all assignments of one Assign block take effect
  /// together, after the whole block was evaluated.
  void Assign(Json assignments);

  /// Returns this scope's own variables as an object (not the parent's).
  const Json& values() const { return values_; }

 private:
  const VariableView* parent_;
  Json values_ = Json::object();
};

}  // namespace stratus::states::asl
