#include "states/asl/choice_evaluator.h"

#include "base/format.h"
#include "states/asl/errors.h"
#include "states/asl/evaluation_context.h"
#include "states/asl/json_path.h"
#include "states/asl/json_type_name.h"

namespace stratus::states::asl {
namespace {

using Op = ComparisonOperator;

// A value a comparison reads: owned when an indefinite path built it.
struct Operand {  // NOLINT(bugprone-exception-escape): only allocation throws.
  const Json* value = nullptr;
  Json owned = {};
};

Status InvalidPath(const EvaluationContext& context, const JsonPath& path) {
  // AWS: a Variable (or *Path operand) that selects nothing is a runtime error.
  return RuntimeError(context, Format("Invalid path '{}': The choice state's condition path "
                                      "references an invalid value.",
                                      path.text()));
}

// Sets out->value to the selected node, or null when the path selects nothing.
Status Lookup(const JsonPath& path,
              const Json& input,
              const EvaluationContext& context,
              Operand* out) {
  if (path.is_definite()) {
    out->value = FindPath(path, input, context);
    return Status::Ok();
  }
  Result<Json> value = EvaluatePath(path, input, context);
  if (value.ok()) {
    out->owned = std::move(value).value();
    out->value = &out->owned;
  }
  return Status::Ok();
}

int CompareNumbers(const Json& a, const Json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {
    const auto x = a.get<int64_t>();
    const auto y = b.get<int64_t>();
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  const auto x = a.get<double>();
  const auto y = b.get<double>();
  return x < y ? -1 : (x > y ? 1 : 0);
}

bool OrderMatches(Op op, int order) {
  switch (op) {
    case Op::kNumericEquals:
    case Op::kStringEquals:
    case Op::kTimestampEquals:
      return order == 0;
    case Op::kNumericGreaterThan:
    case Op::kStringGreaterThan:
    case Op::kTimestampGreaterThan:
      return order > 0;
    case Op::kNumericGreaterThanEquals:
    case Op::kStringGreaterThanEquals:
    case Op::kTimestampGreaterThanEquals:
      return order >= 0;
    case Op::kNumericLessThan:
    case Op::kStringLessThan:
    case Op::kTimestampLessThan:
      return order < 0;
    case Op::kNumericLessThanEquals:
    case Op::kStringLessThanEquals:
    case Op::kTimestampLessThanEquals:
      return order <= 0;
    default:
      return false;
  }
}

bool IsTypeTest(Op op) {
  return op == Op::kIsBoolean || op == Op::kIsNull || op == Op::kIsNumeric || op == Op::kIsString ||
         op == Op::kIsTimestamp;
}

bool TypeTest(Op op, const Json& value) {
  switch (op) {
    case Op::kIsBoolean:
      return value.is_boolean();
    case Op::kIsNull:
      return value.is_null();
    case Op::kIsNumeric:
      return value.is_number();
    case Op::kIsString:
      return value.is_string();
    case Op::kIsTimestamp:
      return value.is_string() && ParseTimestamp(value.get_ref<const std::string&>()).has_value();
    default:
      return false;
  }
}

// Compares a present variable with a present operand; a type mismatch is false.
bool CompareValues(const ChoiceRule& rule, const Json& variable, const Json& operand) {
  switch (rule.op) {
    case Op::kBooleanEquals:
      return variable.is_boolean() && operand.is_boolean() && variable == operand;
    case Op::kNumericEquals:
    case Op::kNumericGreaterThan:
    case Op::kNumericGreaterThanEquals:
    case Op::kNumericLessThan:
    case Op::kNumericLessThanEquals:
      return variable.is_number() && operand.is_number() &&
             OrderMatches(rule.op, CompareNumbers(variable, operand));
    case Op::kStringEquals:
    case Op::kStringGreaterThan:
    case Op::kStringGreaterThanEquals:
    case Op::kStringLessThan:
    case Op::kStringLessThanEquals: {
      if (!variable.is_string() || !operand.is_string()) {
        return false;
      }
      const int order =
          variable.get_ref<const std::string&>().compare(operand.get_ref<const std::string&>());
      return OrderMatches(rule.op, order < 0 ? -1 : (order > 0 ? 1 : 0));
    }
    case Op::kStringMatches:
      return variable.is_string() && rule.pattern.Matches(variable.get_ref<const std::string&>());
    case Op::kTimestampEquals:
    case Op::kTimestampGreaterThan:
    case Op::kTimestampGreaterThanEquals:
    case Op::kTimestampLessThan:
    case Op::kTimestampLessThanEquals: {
      if (!variable.is_string() || !operand.is_string()) {
        return false;
      }
      auto left = ParseTimestamp(variable.get_ref<const std::string&>());
      auto right = rule.operand_timestamp && !rule.operand_is_path
                       ? rule.operand_timestamp
                       : ParseTimestamp(operand.get_ref<const std::string&>());
      if (!left || !right) {
        return false;
      }
      return OrderMatches(rule.op, *left < *right ? -1 : (*left > *right ? 1 : 0));
    }
    default:
      return false;
  }
}

Result<bool> EvaluateComparison(const ChoiceRule& rule,
                                const Json& input,
                                const EvaluationContext& context) {
  Operand variable;
  STRATUS_RETURN_IF_ERROR(Lookup(rule.variable, input, context, &variable));
  if (rule.op == Op::kIsPresent) {
    return (variable.value != nullptr) == (rule.operand.is_boolean() && rule.operand.get<bool>());
  }
  if (variable.value == nullptr) {
    return InvalidPath(context, rule.variable);
  }
  if (IsTypeTest(rule.op)) {
    const bool expected = rule.operand.is_boolean() && rule.operand.get<bool>();
    return TypeTest(rule.op, *variable.value) == expected;
  }
  if (!rule.operand_is_path) {
    return CompareValues(rule, *variable.value, rule.operand);
  }
  Operand operand;
  STRATUS_RETURN_IF_ERROR(Lookup(rule.operand_path, input, context, &operand));
  if (operand.value == nullptr) {
    return InvalidPath(context, rule.operand_path);
  }
  return CompareValues(rule, *variable.value, *operand.value);
}

Result<bool> EvaluateCondition(const ChoiceRule& rule,
                               const Json& input,
                               const EvaluationContext& context) {
  const StateValues values{.input = &input};
  STRATUS_ASSIGN_OR_RETURN(Json value, rule.condition->Evaluate(values, context, "Condition"));
  if (!value.is_boolean()) {
    const std::string& expression = rule.condition->expression();
    return QueryEvaluationError(
        context, Format("The JSONata expression '{}' specified for the field 'Condition' returned "
                        "an unexpected result type. Expected 'boolean', but was '{}' for value: {}",
                        expression, JsonTypeName(value), DumpJson(value)));
  }
  return value.get<bool>();
}

}  // namespace

Result<bool> EvaluateChoiceRule(const ChoiceRule& rule,
                                const Json& input,
                                const EvaluationContext& context) {
  switch (rule.kind) {
    case ChoiceRule::Kind::kAnd:
      for (const ChoiceRule& child : rule.children) {
        STRATUS_ASSIGN_OR_RETURN(bool matched, EvaluateChoiceRule(child, input, context));
        if (!matched) {
          return false;
        }
      }
      return true;
    case ChoiceRule::Kind::kOr:
      for (const ChoiceRule& child : rule.children) {
        STRATUS_ASSIGN_OR_RETURN(bool matched, EvaluateChoiceRule(child, input, context));
        if (matched) {
          return true;
        }
      }
      return false;
    case ChoiceRule::Kind::kNot: {
      STRATUS_ASSIGN_OR_RETURN(bool matched, EvaluateChoiceRule(rule.children[0], input, context));
      return !matched;
    }
    case ChoiceRule::Kind::kCondition:
      return EvaluateCondition(rule, input, context);
    case ChoiceRule::Kind::kComparison:
      return EvaluateComparison(rule, input, context);
  }
  return false;
}

Result<ChoiceMatch> EvaluateChoice(const ChoiceState& state,
                                   const Json& input,
                                   const EvaluationContext& context) {
  for (const ChoiceRule& rule : state.choices) {
    STRATUS_ASSIGN_OR_RETURN(bool matched, EvaluateChoiceRule(rule, input, context));
    if (matched) {
      return ChoiceMatch{.rule = &rule, .next = rule.next, .next_state = rule.next_state};
    }
  }
  return ChoiceMatch{
      .rule = nullptr, .next = state.default_next, .next_state = state.default_state};
}

Status NoChoiceMatchedError(const EvaluationContext& context) {
  return StatesError(kErrorNoChoiceMatched,
                     Format("No Matches! The Choice state '{}' (entered at the event id #{}) "
                            "has no matching rule and no Default.",
                            context.state_name, context.entered_event_id));
}

}  // namespace stratus::states::asl
