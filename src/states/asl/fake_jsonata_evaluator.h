#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "states/asl/jsonata_evaluator.h"

namespace stratus::states::asl {

/// A scripted JsonataEvaluator for tests: each expression text maps to a
/// function of the bindings. Unknown expressions fail like a JSONata error.
///
/// Thread safety: none; configure before use.
class FakeJsonataEvaluator final : public JsonataEvaluator {
 public:
  using Body = std::function<Result<std::optional<Json>>(const JsonataBindings&)>;

  /// `expression` evaluates to `value`.
  void Set(std::string expression, const Json& value) {
    bodies_[std::move(expression)] = [value](const JsonataBindings&) {
      return Result<std::optional<Json>>(std::optional<Json>(value));
    };
  }

  /// `expression` evaluates to undefined.
  void SetUndefined(std::string expression) {
    bodies_[std::move(expression)] = [](const JsonataBindings&) {
      return Result<std::optional<Json>>(std::optional<Json>());
    };
  }

  /// `expression` is computed by `body`.
  void SetBody(std::string expression, Body body) {
    bodies_[std::move(expression)] = std::move(body);
  }

  /// `expression` is rejected by CheckSyntax().
  void SetSyntaxError(std::string expression) { bad_syntax_.insert(std::move(expression)); }

  Status CheckSyntax(std::string_view expression) const override {
    if (bad_syntax_.count(std::string(expression)) > 0) {
      return Status::InvalidArgument("S0201: Syntax error");
    }
    return Status::Ok();
  }

  Result<std::optional<Json>> Evaluate(std::string_view expression,
                                       const JsonataBindings& bindings) const override {
    auto it = bodies_.find(std::string(expression));
    if (it == bodies_.end()) {
      return Status::InvalidArgument("T1006: Attempted to invoke a non-function");
    }
    return it->second(bindings);
  }

 private:
  std::map<std::string, Body> bodies_;
  std::set<std::string> bad_syntax_;
};

}  // namespace stratus::states::asl
