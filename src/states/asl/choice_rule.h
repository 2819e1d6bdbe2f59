#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json.h"
#include "states/asl/assign_block.h"
#include "states/asl/json_path.h"
#include "states/asl/jsonata_template.h"
#include "states/asl/timestamp.h"

namespace stratus::states::asl {

struct State;

/// The data-test operators of a Choice rule. Each comparison (not the Is*
/// tests) also has a *Path form whose operand is a reference path.
enum class ComparisonOperator : uint8_t {
  kBooleanEquals,
  kIsBoolean,
  kIsNull,
  kIsNumeric,
  kIsPresent,
  kIsString,
  kIsTimestamp,
  kNumericEquals,
  kNumericGreaterThan,
  kNumericGreaterThanEquals,
  kNumericLessThan,
  kNumericLessThanEquals,
  kStringEquals,
  kStringGreaterThan,
  kStringGreaterThanEquals,
  kStringLessThan,
  kStringLessThanEquals,
  kStringMatches,
  kTimestampEquals,
  kTimestampGreaterThan,
  kTimestampGreaterThanEquals,
  kTimestampLessThan,
  kTimestampLessThanEquals,
};

/// Returns the ASL field name of `op` without the Path suffix ("StringEquals").
std::string_view ComparisonOperatorName(ComparisonOperator op);

/// Looks up a field name: "StringEqualsPath" → {kStringEquals, is_path=true}.
/// Returns nullopt for anything that is not a comparison field.
struct ComparisonField {
  ComparisonOperator op = ComparisonOperator::kStringEquals;
  bool is_path = false;
};

std::optional<ComparisonField> FindComparisonField(std::string_view field);

/// A compiled StringMatches pattern: '*' matches any run of characters;
/// "\\*" is a literal star and "\\\\" a literal backslash.
struct StringPattern {
  /// The literal pieces between unescaped stars.
  std::vector<std::string> pieces = {};
  /// True when the pattern has at least one star.
  bool has_star = false;

  static StringPattern Compile(std::string_view pattern);
  bool Matches(std::string_view text) const;
};

/// One Choice rule or a nested (boolean) rule.
///
/// - kComparison: `Variable` + one operator and its operand (literal or path).
/// - kAnd / kOr: `children` (non-empty); kNot: exactly one child.
/// - kCondition: a JSONata `Condition` (a "{% %}" string or a boolean).
/// Top-level rules also carry Next (and Assign, Output, Comment).
struct ChoiceRule {
  enum class Kind : uint8_t { kComparison, kAnd, kOr, kNot, kCondition };

  Kind kind = Kind::kComparison;

  // kComparison.
  JsonPath variable = {};
  ComparisonOperator op = ComparisonOperator::kStringEquals;
  /// True for the *Path forms: the operand is `operand_path`.
  bool operand_is_path = false;
  /// The literal operand (for Is* tests: the boolean).
  Json operand = {};
  JsonPath operand_path = {};
  /// Pre-parsed literal operand of Timestamp* operators.
  std::optional<Timestamp> operand_timestamp = std::nullopt;
  /// Pre-compiled literal operand of StringMatches.
  StringPattern pattern = {};

  // kAnd, kOr, kNot.
  std::vector<ChoiceRule> children = {};

  // kCondition.
  std::optional<JsonataTemplate> condition = std::nullopt;

  // Top-level rules only.
  std::string next = {};
  /// The state `next` names, resolved at parse time (null in nested rules).
  const State* next_state = nullptr;
  std::optional<AssignBlock> assign = std::nullopt;
  /// JSONata only: the state's output when this rule matches.
  std::optional<JsonataTemplate> output = std::nullopt;
  std::string comment = {};
};

}  // namespace stratus::states::asl
