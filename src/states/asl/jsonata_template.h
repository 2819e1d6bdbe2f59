#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/json.h"
#include "base/result.h"
#include "base/status.h"

namespace stratus::states::asl {

class JsonataEvaluator;
struct EvaluationContext;
struct StateValues;

/// A compiled JSONata-state field value: any JSON in which a string of the
/// form "{% expression %}" is replaced by the expression's result. Used for
/// Arguments, Output, Assign, Items, ItemSelector, Condition, Seconds,
/// Timestamp, TimeoutSeconds, HeartbeatSeconds, MaxConcurrency,
/// ToleratedFailure*, Error and Cause.
///
/// Expressions are evaluated through the JsonataEvaluator in the
/// EvaluationContext; asl/ reports failures as AWS does
/// (States.QueryEvaluationError "The JSONata expression '...' specified for
/// the field 'Output/result' returned nothing (undefined).").
///
/// Thread safety: immutable; safe to share across threads.
class JsonataTemplate {
 public:
  /// Compiles `value`. With a non-null `syntax_checker`, every expression's
  /// syntax is checked and the first error returned as InvalidArgument.
  static Result<JsonataTemplate> Compile(const Json& value,
                                         const JsonataEvaluator* syntax_checker = nullptr);

  /// The first expression of a value whose syntax a checker rejects.
  struct SyntaxError {
    /// Where the expression sits below the value: "" for the value itself,
    /// "/key/0" for a member of an object or array template.
    std::string suffix = {};
    /// The checker's error ("S0207: Unexpected end of expression").
    Status status = Status::Ok();
  };

  /// Returns the first expression in `value` (in document order) that
  /// `syntax_checker` rejects, or nullopt when every one parses.
  static std::optional<SyntaxError> FindSyntaxError(const Json& value,
                                                    const JsonataEvaluator& syntax_checker);

  /// Returns true when `text` is a whole "{% ... %}" expression string.
  static bool IsExpression(std::string_view text);

  /// Evaluates the template. `field` names the field for error messages
  /// ("Output", "Arguments", "Assign"); nested keys are appended as
  /// "Output/key".
  Result<Json> Evaluate(const StateValues& values,
                        const EvaluationContext& context,
                        std::string_view field) const;

  /// True when the value contains no expression (Evaluate returns source()).
  bool is_constant() const;

  /// The expression text (between "{%" and "%}", trimmed) when the whole
  /// value is one expression; empty otherwise.
  const std::string& expression() const;

  /// The value as written in the definition.
  const Json& source() const;

  struct Node;

 private:
  explicit JsonataTemplate(std::shared_ptr<const Node> root) : root_(std::move(root)) {}

  std::shared_ptr<const Node> root_;
};

}  // namespace stratus::states::asl
