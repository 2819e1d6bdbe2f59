#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/parser/data_type.h"
#include "sql/parser/identifier.h"
#include "sql/parser/source_position.h"

namespace stratus::sql::parser {

// Expressions of the AST.
//
// Model: every node derives from Expression, which carries its kind and the
// position of its first token. Nodes own their children through
// std::unique_ptr; a tree is built by the parser and then read-only. Code
// that walks a tree switches on kind() and downcasts with As<T>(). Every
// binary operator, comparison and logical connective is a BinaryExpression;
// IF, COALESCE, NULLIF, TRY and the like are plain FunctionCallExpressions
// (the binder treats those names specially), as are `position(a IN b)` (as
// strpos(b, a)), `substring(s FROM a FOR b)`, `trim(BOTH c FROM s)` and
// `normalize(s, NFC)`.
//
// Thread safety: a tree is immutable once parsed; share it freely for reading.

struct Query;

enum class ExpressionKind : uint8_t {
  kLiteral,
  kIdentifier,
  kDereference,
  kParameter,
  kUnary,
  kBinary,
  kIsNull,
  kBetween,
  kInList,
  kInSubquery,
  kLike,
  kExists,
  kSubquery,
  kQuantifiedComparison,
  kCase,
  kCast,
  kFunctionCall,
  kExtract,
  kLambda,
  kArray,
  kRow,
  kSubscript,
  kAtTimeZone,
  kCurrentValue,
};

/// The base of all expression nodes.
struct Expression {
  Expression(ExpressionKind node_kind, SourcePosition node_position)
      : kind(node_kind), position(node_position) {}

  Expression(const Expression&) = delete;
  Expression& operator=(const Expression&) = delete;
  virtual ~Expression() = default;

  /// Returns this node as its concrete type. REQUIRES: kind == T::kKind.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const ExpressionKind kind;
  const SourcePosition position;
};

using ExpressionPtr = std::unique_ptr<Expression>;

/// Gives a node type its kind constant and the (position) constructor.
template <ExpressionKind K>
struct ExpressionOf : Expression {
  static constexpr ExpressionKind kKind = K;

  explicit ExpressionOf(SourcePosition node_position) : Expression(K, node_position) {}
};

enum class LiteralKind : uint8_t {
  kNull,
  kBoolean,   // value "true" or "false"
  kInteger,   // value: the digits as written ("42"); Trino types it integer or bigint
  kDecimal,   // value as written ("1.50", ".5"); Trino types it DECIMAL(p,s)
  kDouble,    // value as written ("1e3", "2.5E-2")
  kString,    // value: the characters, quotes and '' escapes removed (U&'' decoded)
  kBinary,    // X'0aFF': value holds the hex digits as written
  kTyped,     // DATE '2024-01-01', TIMESTAMP '...', DECIMAL '1.2', JSON '{}', bigint '3':
              // type_name (lowercased) and the string in value
  kInterval,  // INTERVAL '3' DAY, INTERVAL -'1-2' YEAR TO MONTH
};

/// A constant as written.
struct LiteralExpression : ExpressionOf<ExpressionKind::kLiteral> {
  using ExpressionOf::ExpressionOf;
  LiteralKind literal_kind = LiteralKind::kNull;
  std::string value = {};
  std::string type_name = {};      // kTyped only
  bool interval_negative = false;  // kInterval: a '-' before the string
  std::string interval_from = {};  // kInterval: YEAR, MONTH, DAY, HOUR, MINUTE, SECOND
  std::string interval_to = {};    // kInterval: empty unless "... TO field"
};

/// A bare name: a column, a table or CTE qualifier, or a lambda parameter; the
/// binder decides which.
struct IdentifierExpression : ExpressionOf<ExpressionKind::kIdentifier> {
  using ExpressionOf::ExpressionOf;
  Identifier identifier = {};
};

/// `base.field`: a qualified column (`t.c`, `db.t.c` nest) or a row field.
struct DereferenceExpression : ExpressionOf<ExpressionKind::kDereference> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr base = nullptr;
  Identifier field = {};
};

/// `?`: a parameter of a prepared statement, numbered from 0 in text order.
struct ParameterExpression : ExpressionOf<ExpressionKind::kParameter> {
  using ExpressionOf::ExpressionOf;
  int32_t index = 0;
};

enum class UnaryOperator : uint8_t { kMinus, kPlus, kNot };

/// `-x`, `+x`, `NOT x`.
struct UnaryExpression : ExpressionOf<ExpressionKind::kUnary> {
  using ExpressionOf::ExpressionOf;
  UnaryOperator op = UnaryOperator::kMinus;
  ExpressionPtr operand = nullptr;
};

enum class BinaryOperator : uint8_t {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kModulo,
  kConcat,
  kEqual,
  kNotEqual,
  kLess,
  kLessOrEqual,
  kGreater,
  kGreaterOrEqual,
  kIsDistinctFrom,
  kIsNotDistinctFrom,
  kAnd,
  kOr,
};

/// Returns the operator as SQL writes it: "+", "||", "<>", "IS DISTINCT FROM", "AND".
const char* BinaryOperatorSql(BinaryOperator op);

/// Arithmetic, `||`, comparisons, IS [NOT] DISTINCT FROM, AND, OR.
struct BinaryExpression : ExpressionOf<ExpressionKind::kBinary> {
  using ExpressionOf::ExpressionOf;
  BinaryOperator op = BinaryOperator::kAdd;
  ExpressionPtr left = nullptr;
  ExpressionPtr right = nullptr;
};

/// `x IS [NOT] NULL`.
struct IsNullExpression : ExpressionOf<ExpressionKind::kIsNull> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr value = nullptr;
  bool negated = false;
};

/// `x [NOT] BETWEEN low AND high`.
struct BetweenExpression : ExpressionOf<ExpressionKind::kBetween> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr value = nullptr;
  ExpressionPtr low = nullptr;
  ExpressionPtr high = nullptr;
  bool negated = false;
};

/// `x [NOT] IN (a, b, ...)`.
struct InListExpression : ExpressionOf<ExpressionKind::kInList> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr value = nullptr;
  std::vector<ExpressionPtr> list = {};
  bool negated = false;
};

/// `x [NOT] IN (SELECT ...)`.
struct InSubqueryExpression : ExpressionOf<ExpressionKind::kInSubquery> {
  explicit InSubqueryExpression(SourcePosition node_position);
  ~InSubqueryExpression() override;
  ExpressionPtr value = nullptr;
  std::unique_ptr<Query> query;
  bool negated = false;
};

/// `x [NOT] LIKE pattern [ESCAPE e]`.
struct LikeExpression : ExpressionOf<ExpressionKind::kLike> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr value = nullptr;
  ExpressionPtr pattern = nullptr;
  ExpressionPtr escape = nullptr;  // Null when absent.
  bool negated = false;
};

/// `EXISTS (SELECT ...)`.
struct ExistsExpression : ExpressionOf<ExpressionKind::kExists> {
  explicit ExistsExpression(SourcePosition node_position);
  ~ExistsExpression() override;
  std::unique_ptr<Query> query;
};

/// A scalar subquery `(SELECT ...)`.
struct SubqueryExpression : ExpressionOf<ExpressionKind::kSubquery> {
  explicit SubqueryExpression(SourcePosition node_position);
  ~SubqueryExpression() override;
  std::unique_ptr<Query> query;
};

enum class Quantifier : uint8_t { kAll, kAny, kSome };

/// `x <op> ALL|ANY|SOME (SELECT ...)`; op is a comparison.
struct QuantifiedComparisonExpression : ExpressionOf<ExpressionKind::kQuantifiedComparison> {
  explicit QuantifiedComparisonExpression(SourcePosition node_position);
  ~QuantifiedComparisonExpression() override;
  BinaryOperator op = BinaryOperator::kEqual;
  Quantifier quantifier = Quantifier::kAny;
  ExpressionPtr value = nullptr;
  std::unique_ptr<Query> query;
};

/// One `WHEN condition THEN result` of a CASE.
struct WhenClause {
  ExpressionPtr condition = nullptr;
  ExpressionPtr result = nullptr;
};

/// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`: simple when operand is set.
struct CaseExpression : ExpressionOf<ExpressionKind::kCase> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr operand = nullptr;
  std::vector<WhenClause> whens = {};
  ExpressionPtr else_result = nullptr;
};

/// `CAST(x AS type)` or `TRY_CAST(x AS type)`.
struct CastExpression : ExpressionOf<ExpressionKind::kCast> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr value = nullptr;
  DataType type = {};
  bool is_try = false;
};

enum class SortOrder : uint8_t { kDefault, kAscending, kDescending };
enum class NullOrdering : uint8_t { kDefault, kFirst, kLast };

/// A key of ORDER BY (in queries, windows and aggregate calls).
struct SortItem {
  ExpressionPtr key = nullptr;
  SortOrder order = SortOrder::kDefault;
  NullOrdering nulls = NullOrdering::kDefault;
};

enum class FrameUnit : uint8_t { kRows, kRange, kGroups };

enum class FrameBoundKind : uint8_t {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing,
};

/// One end of a window frame; offset is set for kPreceding and kFollowing.
struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  ExpressionPtr offset = nullptr;
};

/// `ROWS|RANGE|GROUPS start` or `... BETWEEN start AND end`.
struct WindowFrame {
  FrameUnit unit = FrameUnit::kRows;
  FrameBound start = {};
  std::optional<FrameBound> end = std::nullopt;
};

/// The inside of `OVER (...)` or of `WINDOW w AS (...)`.
struct WindowSpecification {
  std::optional<Identifier> existing_window = std::nullopt;  // OVER (w ORDER BY ...)
  std::vector<ExpressionPtr> partition_by = {};
  std::vector<SortItem> order_by = {};
  std::optional<WindowFrame> frame = std::nullopt;
};

enum class NullTreatment : uint8_t { kDefault, kIgnoreNulls, kRespectNulls };

/// `f(args)`, with every decoration Trino allows:
/// `f(DISTINCT x ORDER BY y) FILTER (WHERE c) IGNORE NULLS OVER (...)`.
/// `count(*)` has no arguments and star_argument set.
struct FunctionCallExpression : ExpressionOf<ExpressionKind::kFunctionCall> {
  using ExpressionOf::ExpressionOf;
  QualifiedName name = {};
  std::vector<ExpressionPtr> arguments = {};
  bool distinct = false;
  bool star_argument = false;
  std::vector<SortItem> order_by = {};
  ExpressionPtr filter = nullptr;
  NullTreatment null_treatment = NullTreatment::kDefault;
  std::optional<Identifier> window_name = std::nullopt;   // OVER w
  std::unique_ptr<WindowSpecification> window = nullptr;  // OVER (...)
};

/// `EXTRACT(field FROM x)`; field in upper case (YEAR, DAY_OF_WEEK, ...).
struct ExtractExpression : ExpressionOf<ExpressionKind::kExtract> {
  using ExpressionOf::ExpressionOf;
  std::string field = {};
  ExpressionPtr value = nullptr;
};

/// `x -> x + 1`, `(k, v) -> v > 0`, `() -> 1`.
struct LambdaExpression : ExpressionOf<ExpressionKind::kLambda> {
  using ExpressionOf::ExpressionOf;
  std::vector<Identifier> parameters = {};
  ExpressionPtr body = nullptr;
};

/// `ARRAY[a, b, ...]`.
struct ArrayExpression : ExpressionOf<ExpressionKind::kArray> {
  using ExpressionOf::ExpressionOf;
  std::vector<ExpressionPtr> elements = {};
};

/// `ROW(a, b)` or the bare `(a, b)`; explicit_row records which.
struct RowExpression : ExpressionOf<ExpressionKind::kRow> {
  using ExpressionOf::ExpressionOf;
  std::vector<ExpressionPtr> elements = {};
  bool explicit_row = false;
};

/// `base[index]`: array element (1-based) or map value.
struct SubscriptExpression : ExpressionOf<ExpressionKind::kSubscript> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr base = nullptr;
  ExpressionPtr index = nullptr;
};

/// `x AT TIME ZONE zone`; zone is a string or an interval literal.
struct AtTimeZoneExpression : ExpressionOf<ExpressionKind::kAtTimeZone> {
  using ExpressionOf::ExpressionOf;
  ExpressionPtr value = nullptr;
  ExpressionPtr zone = nullptr;
};

enum class CurrentValue : uint8_t {
  kCurrentDate,
  kCurrentTime,
  kCurrentTimestamp,
  kLocalTime,
  kLocalTimestamp,
  kCurrentUser,
  kCurrentCatalog,
  kCurrentSchema,
  kCurrentPath,
};

/// Returns the keyword, e.g. "CURRENT_TIMESTAMP".
const char* CurrentValueSql(CurrentValue value);

/// The parenthesis-less specials: `current_date`, `current_timestamp(3)`,
/// `localtimestamp`, `current_user`, ...
struct CurrentValueExpression : ExpressionOf<ExpressionKind::kCurrentValue> {
  using ExpressionOf::ExpressionOf;
  CurrentValue value = CurrentValue::kCurrentDate;
  std::optional<int32_t> precision = std::nullopt;
};

}  // namespace stratus::sql::parser
