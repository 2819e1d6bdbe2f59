#pragma once

#include <variant>

#include "base/json.h"
#include "base/result.h"
#include "states/asl/jsonata_template.h"
#include "states/asl/payload_template.h"

namespace stratus::states::asl {

struct EvaluationContext;
struct StateValues;

/// A compiled "Assign" block (of a state, a Choice rule or a Catcher):
/// variable name → value. In a JSONPath state the values are a payload
/// template whose `$` is the state's result (the error output in a Catcher,
/// the input when there is no result); in a JSONata state they are JSONata
/// templates over $states.
///
/// AWS: every value in one block sees the variables as they were before the
/// block; the new values take effect together afterwards. Evaluate() reads
/// only `context.variables` and returns the assignments for the caller to
/// apply (VariableScope::Assign).
///
/// Thread safety: immutable; safe to share across threads.
class AssignBlock {
 public:
  explicit AssignBlock(PayloadTemplate json_path) : template_(std::move(json_path)) {}

  explicit AssignBlock(JsonataTemplate jsonata) : template_(std::move(jsonata)) {}

  /// Returns the assignments as an object {name: value}.
  Result<Json> Evaluate(const StateValues& values, const EvaluationContext& context) const;

  /// The block as written in the definition.
  const Json& source() const;

  bool is_jsonata() const { return std::holds_alternative<JsonataTemplate>(template_); }

 private:
  std::variant<PayloadTemplate, JsonataTemplate> template_;
};

}  // namespace stratus::states::asl
