#pragma once

#include <optional>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "base/status.h"
#include "states/asl/evaluation_context.h"

namespace stratus::states::asl {

class VariableView;

/// What a JSONata expression is evaluated against: $states.input,
/// $states.result, $states.errorOutput, $states.context and the workflow
/// variables ($name).
struct JsonataBindings {
  StateValues states = {};
  const Json* context = nullptr;
  const VariableView* variables = nullptr;
};

/// The seam between the States Language and a JSONata implementation
/// (states/jsonata). asl/ compiles the `{% ... %}` templates and reports
/// errors the AWS way; the evaluator only evaluates one expression.
///
/// Implementations may cache compiled expressions keyed by their text: the
/// same strings are evaluated on every execution of a definition.
///
/// Thread safety: implementations must allow concurrent calls.
class JsonataEvaluator {
 public:
  JsonataEvaluator() = default;
  JsonataEvaluator(const JsonataEvaluator&) = delete;
  JsonataEvaluator& operator=(const JsonataEvaluator&) = delete;
  virtual ~JsonataEvaluator() = default;

  /// Returns InvalidArgument with the parser's message when `expression` is
  /// not valid JSONata. Called at definition time.
  virtual Status CheckSyntax(std::string_view expression) const = 0;

  /// Evaluates `expression`; nullopt means the result is undefined. An
  /// evaluation error is any non-ok Status whose message is the JSONata
  /// error text ("T1006: Attempted to invoke a non-function").
  virtual Result<std::optional<Json>> Evaluate(std::string_view expression,
                                               const JsonataBindings& bindings) const = 0;
};

}  // namespace stratus::states::asl
