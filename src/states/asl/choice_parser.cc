// DefinitionParser: Choice states and their (nested) rules.

#include "base/format.h"
#include "states/asl/definition_parser_internal.h"

namespace stratus::states::asl {
namespace {

bool IsStringOperator(ComparisonOperator op) {
  return op == ComparisonOperator::kStringEquals || op == ComparisonOperator::kStringGreaterThan ||
         op == ComparisonOperator::kStringGreaterThanEquals ||
         op == ComparisonOperator::kStringLessThan ||
         op == ComparisonOperator::kStringLessThanEquals ||
         op == ComparisonOperator::kStringMatches;
}

bool IsNumericOperator(ComparisonOperator op) {
  return op == ComparisonOperator::kNumericEquals ||
         op == ComparisonOperator::kNumericGreaterThan ||
         op == ComparisonOperator::kNumericGreaterThanEquals ||
         op == ComparisonOperator::kNumericLessThan ||
         op == ComparisonOperator::kNumericLessThanEquals;
}

bool IsTimestampOperator(ComparisonOperator op) {
  return op == ComparisonOperator::kTimestampEquals ||
         op == ComparisonOperator::kTimestampGreaterThan ||
         op == ComparisonOperator::kTimestampGreaterThanEquals ||
         op == ComparisonOperator::kTimestampLessThan ||
         op == ComparisonOperator::kTimestampLessThanEquals;
}

}  // namespace

void DefinitionParser::ParseChoice(const Json& value,
                                   const std::string& location,
                                   QueryLanguage language,
                                   ChoiceState* state) {
  CheckRequired(value, {"Choices"}, location);
  state->default_next = GetString(value, "Default", location);
  auto it = value.find("Choices");
  if (it == value.end()) {
    return;
  }
  const std::string choices_location = Child(location, "Choices");
  if (!it->is_array() || it->empty()) {
    SchemaError("The value for the field 'Choices' must be a non-empty ARRAY", choices_location);
    return;
  }
  for (size_t i = 0; i < it->size(); ++i) {
    auto rule = ParseChoiceRule((*it)[i], Child(choices_location, std::to_string(i)), language,
                                /*top_level=*/true);
    if (rule) {
      state->choices.push_back(std::move(*rule));
    }
  }
}

std::optional<ChoiceRule> DefinitionParser::ParseChoiceRule(const Json& value,
                                                            const std::string& location,
                                                            QueryLanguage language,
                                                            bool top_level) {
  if (!value.is_object()) {
    SchemaError("A Choice Rule must be an object", location);
    return std::nullopt;
  }
  ChoiceRule rule;
  rule.comment = GetString(value, "Comment", location).value_or("");
  if (top_level) {
    CheckRequired(value, {"Next"}, location);
    rule.next = GetString(value, "Next", location).value_or("");
    rule.assign = GetAssign(value, language, location);
  }
  if (language == QueryLanguage::kJsonata) {
    if (top_level) {
      CheckUnknownFields(value, {"Condition", "Next", "Assign", "Output", "Comment"}, location);
      rule.output = GetJsonataTemplate(value, "Output", location);
    }
    CheckRequired(value, {"Condition"}, location);
    rule.kind = ChoiceRule::Kind::kCondition;
    auto condition = value.find("Condition");
    if (condition != value.end()) {
      if (!condition->is_boolean() &&
          !(condition->is_string() &&
            JsonataTemplate::IsExpression(condition->get_ref<const std::string&>()))) {
        SchemaError(
            "The value for the field 'Condition' must be a JSONata expression or a "
            "BOOLEAN",
            Child(location, "Condition"));
      } else {
        rule.condition = CompileJsonata(*condition, "Condition", location);
      }
    }
    return rule;
  }
  // JSONPath: exactly one of And, Or, Not or a comparison with Variable.
  std::vector<std::string> operators;
  for (const auto& [key, member] : value.items()) {
    if (key == "And" || key == "Or" || key == "Not" || FindComparisonField(key)) {
      operators.push_back(key);
    } else if (key == "Variable" || key == "Comment" ||
               (top_level && (key == "Next" || key == "Assign"))) {
      continue;
    } else {
      SchemaError(UnsupportedFieldMessage(key), location);
    }
  }
  if (operators.size() != 1) {
    SchemaError(operators.empty()
                    ? "A Choice Rule must have a comparison operator, And, Or or Not"
                    : "A Choice Rule must have only one comparison operator, And, Or or Not",
                location);
    return std::nullopt;
  }
  const std::string& op = operators[0];
  if (op == "And" || op == "Or") {
    rule.kind = op == "And" ? ChoiceRule::Kind::kAnd : ChoiceRule::Kind::kOr;
    const Json& children = value[op];
    const std::string children_location = Child(location, op);
    if (!children.is_array() || children.empty()) {
      SchemaError(Format("The value for the field '{}' must be a non-empty ARRAY", op),
                  children_location);
      return std::nullopt;
    }
    for (size_t i = 0; i < children.size(); ++i) {
      auto child = ParseChoiceRule(children[i], Child(children_location, std::to_string(i)),
                                   language, /*top_level=*/false);
      if (child) {
        rule.children.push_back(std::move(*child));
      }
    }
    return rule;
  }
  if (op == "Not") {
    rule.kind = ChoiceRule::Kind::kNot;
    auto child = ParseChoiceRule(value[op], Child(location, op), language, /*top_level=*/false);
    if (child) {
      rule.children.push_back(std::move(*child));
    }
    return rule;
  }
  ParseComparison(value, location, op, &rule);
  return rule;
}

void DefinitionParser::ParseComparison(const Json& value,
                                       const std::string& location,
                                       const std::string& field,
                                       ChoiceRule* rule) {
  rule->kind = ChoiceRule::Kind::kComparison;
  const ComparisonField comparison = *FindComparisonField(field);
  rule->op = comparison.op;
  rule->operand_is_path = comparison.is_path;
  CheckRequired(value, {"Variable"}, location);
  if (auto variable = GetString(value, "Variable", location)) {
    auto path = JsonPath::Parse(*variable);
    if (path.ok()) {
      rule->variable = std::move(path).value();
    } else {
      SchemaError("The value for the field 'Variable' must be a valid JSONPath",
                  Child(location, "Variable"));
    }
  }
  const Json& operand = value[field];
  const std::string operand_location = Child(location, field);
  if (comparison.is_path) {
    auto path = operand.is_string() ? JsonPath::ParseReference(operand.get<std::string>())
                                    : Result<JsonPath>(Status::InvalidArgument("not a string"));
    if (path.ok()) {
      rule->operand_path = std::move(path).value();
    } else {
      SchemaError(Format("The value for the field '{}' must be a valid ReferencePath", field),
                  operand_location);
    }
    return;
  }
  rule->operand = operand;
  const ComparisonOperator op = comparison.op;
  if (IsStringOperator(op) || IsTimestampOperator(op)) {
    if (!operand.is_string()) {
      SchemaError(Format("The value for the field '{}' must be a STRING", field), operand_location);
      return;
    }
    if (op == ComparisonOperator::kStringMatches) {
      rule->pattern = StringPattern::Compile(operand.get<std::string>());
    } else if (IsTimestampOperator(op)) {
      rule->operand_timestamp = ParseTimestamp(operand.get<std::string>());
      if (!rule->operand_timestamp) {
        SchemaError("String does not match RFC3339 timestamp", operand_location);
      }
    }
  } else if (IsNumericOperator(op)) {
    if (!operand.is_number()) {
      SchemaError(Format("The value for the field '{}' must be a NUMBER", field), operand_location);
    }
  } else if (!operand.is_boolean()) {
    SchemaError(Format("The value for the field '{}' must be a BOOLEAN", field), operand_location);
  }
}

}  // namespace stratus::states::asl
