#pragma once

// The JSONata syntax tree. The parser (parser.cc) first builds a raw tree in
// which paths are nested binary '.' nodes and predicates are binary '['
// nodes; ProcessAst (ast_processing.cc) then flattens paths into step lists
// with predicate stages, group-by, order-by and ancestry slots, which is the
// form the evaluator walks. A compiled tree is immutable.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/json.h"
#include "states/jsonata/signature_internal.h"

namespace stratus::states::jsonata {

class CompiledRegex;

enum class NodeType : uint8_t {
  // Raw and final forms.
  kString,        // literal: `literal` holds the string
  kNumber,        // literal: `literal` holds the number
  kValue,         // literal true, false or null
  kName,          // field name: `name`
  kVariable,      // $name: `name` ("" is the context, "$" the root)
  kRegex,         // /pattern/flags: `regex`
  kWildcard,      // *
  kDescendant,    // **
  kParent,        // %: `slot`
  kBinary,        // `op` with lhs and rhs
  kNegate,        // unary minus: `lhs`
  kArray,         // [a, b]: `items`
  kObject,        // {k: v}: `pairs`
  kBlock,         // (a; b): `items`
  kCondition,     // c ? a : b: condition, then_branch, else_branch
  kElvis,         // a ?: b: lhs, rhs
  kCoalesce,      // a ?? b: lhs, rhs
  kFunctionCall,  // procedure(items...)
  kPartial,       // procedure(items...) with at least one '?'
  kPlaceholder,   // the '?' argument of a partial application
  kLambda,        // function($a, $b)<sig>{ body }: params, signature, body
  kTransform,     // | pattern | update, delete |
  kOperatorName,  // raw only: 'and', 'or', 'in' used where a name is expected
  kEnd,           // raw only: the end of the input where an operand was expected
  // Raw only: binary forms that ProcessAst rewrites.
  kRawGroup,  // lhs{pairs}
  kRawSort,   // lhs^(terms)
  kRawFocus,  // lhs@$name
  kRawIndex,  // lhs#$name
  // Final only.
  kPath,   // steps
  kBind,   // $name := rhs: name, rhs
  kApply,  // lhs ~> rhs
  kSort,   // a path step: terms
};

enum class BinaryOp : uint8_t {
  kPath,       // '.' (raw only)
  kPredicate,  // '[' (raw only)
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kEqual,
  kNotEqual,
  kLess,
  kLessEqual,
  kGreater,
  kGreaterEqual,
  kConcat,
  kAnd,
  kOr,
  kIn,
  kRange,
  kBind,   // ':=' (raw only)
  kApply,  // '~>' (raw only)
};

/// Returns the operator's source text, e.g. "+" or "and".
const char* BinaryOpText(BinaryOp op);

/// A parent-operator binding: the label under which a step records its
/// ancestor, and how many levels up the '%' still has to climb.
struct AncestorSlot {
  std::string label = {};
  int level = 0;
  int index = 0;
};

struct Node;

/// A predicate or index binding applied to a step's results.
struct Stage {
  bool is_index = false;              // true: `#$name`; false: a filter
  std::unique_ptr<Node> filter = {};  // the predicate
  std::string index_name = {};        // the variable for is_index
  size_t position = 0;
};

struct SortTerm {
  bool descending = false;
  std::unique_ptr<Node> expression = {};
};

struct GroupBy {
  std::vector<std::pair<std::unique_ptr<Node>, std::unique_ptr<Node>>> pairs = {};
  size_t position = 0;
};

/// One node of the tree. A single struct with optional parts keeps the parser
/// and its post-processing simple; `type` says which parts are meaningful.
struct Node {  // NOLINT(bugprone-exception-escape): only allocation throws.
  NodeType type = NodeType::kValue;
  size_t position = 0;  // byte offset in the source, for errors

  BinaryOp op = BinaryOp::kAdd;
  Json literal = nullptr;  // kString, kNumber, kValue
  std::string name = {};   // kName, kVariable, kBind (variable), kOperatorName
  std::shared_ptr<const CompiledRegex> regex = {};

  std::unique_ptr<Node> lhs = {};
  std::unique_ptr<Node> rhs = {};
  std::vector<std::unique_ptr<Node>> items = {};  // array items, block items, call arguments
  std::vector<std::pair<std::unique_ptr<Node>, std::unique_ptr<Node>>> pairs = {};  // kObject
  std::unique_ptr<Node> procedure = {};  // kFunctionCall, kPartial
  std::unique_ptr<Node> condition = {};
  std::unique_ptr<Node> then_branch = {};
  std::unique_ptr<Node> else_branch = {};
  std::vector<std::string> params = {};  // kLambda
  std::optional<Signature> signature = {};
  std::unique_ptr<Node> body = {};
  std::unique_ptr<Node> pattern = {};  // kTransform
  std::unique_ptr<Node> update = {};
  std::unique_ptr<Node> deletion = {};
  std::vector<SortTerm> terms = {};  // kSort, kRawSort

  // Path structure (final tree).
  std::vector<std::unique_ptr<Node>> steps = {};       // kPath
  std::vector<std::unique_ptr<Node>> predicates = {};  // filters on a non-step expression
  std::vector<Stage> stages = {};                      // filters and index bindings on a step
  std::optional<GroupBy> group = {};
  std::string focus = {};            // step@$focus
  std::string index_name = {};       // step#$index
  AncestorSlot* ancestor = nullptr;  // set when a later '%' refers to this step
  AncestorSlot* slot = nullptr;      // kParent
  std::vector<AncestorSlot*> seeking_parent = {};

  bool keep_array = false;            // step[]
  bool keep_singleton_array = false;  // kPath: some step had []
  bool cons_array = false;            // an array constructor used as a path step
  bool tuple = false;                 // the step must carry a tuple stream
  bool thunk = false;                 // kLambda: a tail call to trampoline
};

/// A compiled expression: the tree plus the ancestry slots it points into.
struct Program {
  std::unique_ptr<Node> root = {};
  std::vector<std::unique_ptr<AncestorSlot>> slots = {};
};

}  // namespace stratus::states::jsonata
