#pragma once

#include <memory>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::asl {

class IntrinsicRegistry;
struct EvaluationContext;

/// A compiled JSONPath payload template: the value of Parameters,
/// ResultSelector, ItemSelector (and the legacy Map Parameters) or a JSONPath
/// Assign block. Keys ending in ".$" take their value from a path
/// ("$.a", "$$.Execution.Id", "$var") or an intrinsic call
/// ("States.Format(...)"), and lose the ".$" suffix in the output; everything
/// else is copied. Objects and arrays nest.
///
/// Subtrees without any ".$" key are kept as ready-made JSON, so evaluating a
/// mostly-static template copies instead of walking.
///
/// Thread safety: immutable; safe to share across threads.
class PayloadTemplate {
 public:
  /// Compiles `value`. InvalidArgument with AWS's message ("The value for
  /// the field 'x.$' must be a valid JSONPath or a valid intrinsic function
  /// call") when a ".$" value is not a string, a valid path or a call.
  static Result<PayloadTemplate> Compile(const Json& value, const IntrinsicRegistry& registry);

  /// Builds the payload; `input` is what `$` refers to (the effective input
  /// for Parameters, the raw result for ResultSelector). A path that matches
  /// nothing is States.Runtime: "The JSONPath '$.x' specified for the field
  /// 'x.$' could not be found in the input '<input>'".
  Result<Json> Evaluate(const Json& input, const EvaluationContext& context) const;

  /// The template as written in the definition.
  const Json& source() const;

  struct Node;

 private:
  explicit PayloadTemplate(std::shared_ptr<const Node> root) : root_(std::move(root)) {}

  std::shared_ptr<const Node> root_;
};

}  // namespace stratus::states::asl
