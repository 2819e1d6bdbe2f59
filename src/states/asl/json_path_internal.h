#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "base/json.h"
#include "states/asl/json_path.h"

namespace stratus::states::asl {

struct FilterExpression;

/// One step of a compiled path. Private to json_path*.cc.
struct PathStep {
  enum class Kind : uint8_t {
    kProperty,    // .name / ['name']
    kProperties,  // ['a','b']
    kIndex,       // [0] / [-1]
    kIndexes,     // [0,2]
    kSlice,       // [1:3] / [:2] / [-2:]
    kWildcard,    // .* / [*]
    kFilter,      // [?(...)]
    kLength,      // .length()
  };

  Kind kind = Kind::kProperty;
  /// True when the step was preceded by ".." (apply at every depth).
  bool recursive = false;
  std::vector<std::string> names = {};
  std::vector<int64_t> indexes = {};
  std::optional<int64_t> slice_from = std::nullopt;
  std::optional<int64_t> slice_to = std::nullopt;
  std::shared_ptr<const FilterExpression> filter = nullptr;
  std::string filter_text = {};

  /// True when the step selects at most one node.
  bool IsDefinite() const;
};

struct JsonPath::Impl {
  std::string text = {};
  JsonPath::Root root = JsonPath::Root::kInput;
  std::string variable_name = {};
  std::vector<PathStep> steps = {};
  bool definite = true;
  bool reference = true;
};

/// Parses the steps after a path's root, starting at `*pos` in `text`.
/// Stops at the end or (when `in_filter`) at a character that cannot continue
/// a path. Returns an error message on failure.
std::optional<std::string> ParsePathSteps(std::string_view text,
                                          size_t* pos,
                                          bool in_filter,
                                          std::vector<PathStep>* steps);

/// Collects every node the steps select in `node` (in document order) into
/// `out`. Values built by the path (a multi-property merge, length()) go to
/// `owned`, whose elements stay put while `out` is used.
void CollectMatches(const std::vector<PathStep>& steps,
                    size_t first_step,
                    const Json& node,
                    const Json& root,
                    std::vector<const Json*>* out,
                    std::vector<std::unique_ptr<Json>>* owned);

/// A parsed filter expression `?( ... )`.
struct FilterExpression {  // NOLINT(bugprone-exception-escape): only allocation throws.
  enum class Kind : uint8_t { kOr, kAnd, kNot, kCompare, kExists };
  enum class Operand : uint8_t { kLiteral, kCurrent, kRoot };
  enum class Op : uint8_t {
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kRegex,
    kIn,
    kNin,
    kSubsetOf,
    kAnyOf,
    kNoneOf,
    kSize,
    kEmpty,
  };

  struct Value {
    Operand operand = Operand::kLiteral;
    Json literal = {};
    std::vector<PathStep> steps = {};
  };

  Kind kind = Kind::kCompare;
  std::vector<std::unique_ptr<FilterExpression>> children = {};
  Op op = Op::kEq;
  Value left = {};
  Value right = {};
  /// For kRegex: the pattern and whether it is case-insensitive.
  std::string regex = {};
  bool regex_icase = false;
  std::shared_ptr<const std::regex> compiled_regex = nullptr;
};

/// Parses the inside of `[?( ... )]` from `text` at `*pos`, up to and
/// including the closing ")". Returns an error message on failure.
std::optional<std::string> ParseFilter(std::string_view text,
                                       size_t* pos,
                                       std::unique_ptr<FilterExpression>* out);

/// Evaluates a filter against `current` (@) and `root` ($).
bool EvaluateFilter(const FilterExpression& filter, const Json& current, const Json& root);

}  // namespace stratus::states::asl
