#include "states/asl/choice_rule.h"

#include <array>
#include <utility>

namespace stratus::states::asl {
namespace {

using Entry = std::pair<std::string_view, ComparisonOperator>;

constexpr std::array<Entry, 23> kOperators = {{
    {"BooleanEquals", ComparisonOperator::kBooleanEquals},
    {"IsBoolean", ComparisonOperator::kIsBoolean},
    {"IsNull", ComparisonOperator::kIsNull},
    {"IsNumeric", ComparisonOperator::kIsNumeric},
    {"IsPresent", ComparisonOperator::kIsPresent},
    {"IsString", ComparisonOperator::kIsString},
    {"IsTimestamp", ComparisonOperator::kIsTimestamp},
    {"NumericEquals", ComparisonOperator::kNumericEquals},
    {"NumericGreaterThan", ComparisonOperator::kNumericGreaterThan},
    {"NumericGreaterThanEquals", ComparisonOperator::kNumericGreaterThanEquals},
    {"NumericLessThan", ComparisonOperator::kNumericLessThan},
    {"NumericLessThanEquals", ComparisonOperator::kNumericLessThanEquals},
    {"StringEquals", ComparisonOperator::kStringEquals},
    {"StringGreaterThan", ComparisonOperator::kStringGreaterThan},
    {"StringGreaterThanEquals", ComparisonOperator::kStringGreaterThanEquals},
    {"StringLessThan", ComparisonOperator::kStringLessThan},
    {"StringLessThanEquals", ComparisonOperator::kStringLessThanEquals},
    {"StringMatches", ComparisonOperator::kStringMatches},
    {"TimestampEquals", ComparisonOperator::kTimestampEquals},
    {"TimestampGreaterThan", ComparisonOperator::kTimestampGreaterThan},
    {"TimestampGreaterThanEquals", ComparisonOperator::kTimestampGreaterThanEquals},
    {"TimestampLessThan", ComparisonOperator::kTimestampLessThan},
    {"TimestampLessThanEquals", ComparisonOperator::kTimestampLessThanEquals},
}};

bool HasPathForm(ComparisonOperator op) {
  switch (op) {
    case ComparisonOperator::kIsBoolean:
    case ComparisonOperator::kIsNull:
    case ComparisonOperator::kIsNumeric:
    case ComparisonOperator::kIsPresent:
    case ComparisonOperator::kIsString:
    case ComparisonOperator::kIsTimestamp:
    case ComparisonOperator::kStringMatches:
      return false;
    default:
      return true;
  }
}

}  // namespace

std::string_view ComparisonOperatorName(ComparisonOperator op) {
  for (const auto& [name, value] : kOperators) {
    if (value == op) {
      return name;
    }
  }
  return "";
}

std::optional<ComparisonField> FindComparisonField(std::string_view field) {
  constexpr std::string_view kPathSuffix = "Path";
  for (const auto& [name, op] : kOperators) {
    if (field == name) {
      return ComparisonField{.op = op, .is_path = false};
    }
    if (HasPathForm(op) && field.size() == name.size() + kPathSuffix.size() &&
        field.substr(0, name.size()) == name && field.substr(name.size()) == kPathSuffix) {
      return ComparisonField{.op = op, .is_path = true};
    }
  }
  return std::nullopt;
}

StringPattern StringPattern::Compile(std::string_view pattern) {
  StringPattern out;
  std::string piece;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      piece.push_back(pattern[++i]);
    } else if (c == '*') {
      out.pieces.push_back(std::move(piece));
      piece.clear();
      out.has_star = true;
    } else {
      piece.push_back(c);
    }
  }
  out.pieces.push_back(std::move(piece));
  return out;
}

bool StringPattern::Matches(std::string_view text) const {
  if (!has_star) {
    return text == pieces[0];
  }
  const std::string& first = pieces.front();
  const std::string& last = pieces.back();
  if (text.size() < first.size() + last.size() || text.substr(0, first.size()) != first ||
      text.substr(text.size() - last.size()) != last) {
    return false;
  }
  // Middle pieces, leftmost match each, within the region between first and last.
  size_t pos = first.size();
  const size_t limit = text.size() - last.size();
  for (size_t i = 1; i + 1 < pieces.size(); ++i) {
    const size_t found = text.substr(0, limit).find(pieces[i], pos);
    if (found == std::string_view::npos) {
      return false;
    }
    pos = found + pieces[i].size();
  }
  return true;
}

}  // namespace stratus::states::asl
