#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"

namespace stratus::states::asl {

class IntrinsicRegistry;
struct EvaluationContext;

/// A compiled intrinsic function call such as
/// `States.Format('Hello {}', States.ArrayGetItem($.names, 0))`.
///
/// Arguments are string literals ('...' with the escapes \' \{ \} \\),
/// numbers, true/false/null, paths ($..., $$..., $var...) and nested calls.
/// The call is parsed once; Evaluate() only walks the small tree.
///
/// Thread safety: immutable; safe to share across threads.
class IntrinsicExpression {
 public:
  /// Compiles `text`. InvalidArgument on a syntax error or an unknown
  /// function (the definition parser turns it into SCHEMA_VALIDATION_FAILED).
  static Result<IntrinsicExpression> Parse(std::string_view text,
                                           const IntrinsicRegistry& registry);

  /// Returns true when `text` is meant as an intrinsic call: it starts with
  /// "States." (as opposed to a path, which starts with '$').
  static bool LooksLikeCall(std::string_view text);

  /// Evaluates the call; `input` is what `$` refers to. Path arguments that
  /// match nothing and failing functions produce States.Runtime /
  /// States.IntrinsicFailure with AWS's causes.
  Result<Json> Evaluate(const Json& input, const EvaluationContext& context) const;

  /// The text as written in the definition.
  const std::string& text() const;

  struct Node;

 private:
  IntrinsicExpression(std::string text, std::shared_ptr<const Node> root);

  std::string text_;
  std::shared_ptr<const Node> root_;
};

}  // namespace stratus::states::asl
