#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "sql/parser/expression.h"
#include "sql/parser/identifier.h"
#include "sql/parser/source_position.h"

namespace stratus::sql::parser {

// Queries of the AST: a Query is `[WITH ...] body [ORDER BY] [OFFSET] [LIMIT]`,
// its body a SELECT, a set operation, VALUES, TABLE t or a parenthesised
// query, and FROM holds a tree of Relations (joins are binary, left-deep; a
// comma join is JoinType::kImplicit).
//
// Thread safety: immutable once parsed.

struct QueryBody;
struct Relation;

/// `name [(columns)] AS (query)` in a WITH clause.
struct CommonTableExpression {
  Identifier name = {};
  std::vector<Identifier> column_names = {};
  std::unique_ptr<Query> query = nullptr;
};

/// A whole query expression.
struct Query {
  Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  SourcePosition position = {};
  bool with_recursive = false;
  std::vector<CommonTableExpression> with = {};
  std::unique_ptr<QueryBody> body = nullptr;
  std::vector<SortItem> order_by = {};
  ExpressionPtr offset = nullptr;  // OFFSET n [ROWS]: an integer literal or `?`.
  ExpressionPtr limit = nullptr;   // LIMIT n / FETCH FIRST n ROWS; null for none or LIMIT ALL.
  bool limit_with_ties = false;    // FETCH FIRST n ROWS WITH TIES.
};

enum class QueryBodyKind : uint8_t { kSelect, kSetOperation, kValues, kTable, kParenthesized };

/// The base of query bodies.
struct QueryBody {
  QueryBody(QueryBodyKind node_kind, SourcePosition node_position)
      : kind(node_kind), position(node_position) {}

  QueryBody(const QueryBody&) = delete;
  QueryBody& operator=(const QueryBody&) = delete;
  virtual ~QueryBody() = default;

  /// Returns this node as its concrete type. REQUIRES: kind == T::kKind.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const QueryBodyKind kind;
  const SourcePosition position;
};

/// Gives a query body type its kind constant and the (position) constructor.
template <QueryBodyKind K>
struct QueryBodyOf : QueryBody {
  static constexpr QueryBodyKind kKind = K;

  explicit QueryBodyOf(SourcePosition node_position) : QueryBody(K, node_position) {}
};

enum class SelectItemKind : uint8_t { kExpression, kAllColumns };

/// One item of a select list: `expr [AS alias]`, `*`, or `prefix.*`.
struct SelectItem {
  SelectItemKind kind = SelectItemKind::kExpression;
  ExpressionPtr expression = nullptr;  // kAllColumns: the prefix (null for a bare *).
  std::optional<Identifier> alias = std::nullopt;
  std::vector<Identifier> column_aliases = {};  // `t.* AS (a, b)`.
  SourcePosition position = {};
};

enum class GroupingKind : uint8_t { kExpressions, kRollup, kCube, kGroupingSets };

/// One element of GROUP BY. kExpressions holds one expression, several for
/// `(a, b)`, or none for the empty set `()`; ROLLUP and CUBE list their
/// expressions; GROUPING SETS lists sets.
struct GroupingElement {
  GroupingKind kind = GroupingKind::kExpressions;
  std::vector<ExpressionPtr> expressions = {};
  std::vector<std::vector<ExpressionPtr>> sets = {};
};

/// `GROUP BY [ALL | DISTINCT] element, ...`.
struct GroupBy {
  bool distinct = false;
  std::vector<GroupingElement> elements = {};
};

/// `WINDOW name AS (specification)`.
struct NamedWindow {
  Identifier name = {};
  WindowSpecification specification = {};
};

/// `SELECT [DISTINCT] items [FROM] [WHERE] [GROUP BY] [HAVING] [WINDOW]`.
struct SelectBody : QueryBodyOf<QueryBodyKind::kSelect> {
  explicit SelectBody(SourcePosition node_position);
  ~SelectBody() override;
  bool distinct = false;
  std::vector<SelectItem> select_items = {};
  std::unique_ptr<Relation> from = nullptr;
  ExpressionPtr where = nullptr;
  std::optional<GroupBy> group_by = std::nullopt;
  ExpressionPtr having = nullptr;
  std::vector<NamedWindow> windows = {};
};

enum class SetOperator : uint8_t { kUnion, kIntersect, kExcept };

/// `left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right`; INTERSECT binds tighter.
struct SetOperationBody : QueryBodyOf<QueryBodyKind::kSetOperation> {
  using QueryBodyOf::QueryBodyOf;
  SetOperator op = SetOperator::kUnion;
  bool all = false;
  std::unique_ptr<QueryBody> left = nullptr;
  std::unique_ptr<QueryBody> right = nullptr;
};

/// `VALUES row, ...`; a row is a RowExpression `(a, b)` or a single expression.
struct ValuesBody : QueryBodyOf<QueryBodyKind::kValues> {
  using QueryBodyOf::QueryBodyOf;
  std::vector<ExpressionPtr> rows = {};
};

/// `TABLE name`, short for SELECT * FROM name.
struct TableBody : QueryBodyOf<QueryBodyKind::kTable> {
  using QueryBodyOf::QueryBodyOf;
  QualifiedName name = {};
};

/// `(query)` used as a body, e.g. an operand of UNION with its own ORDER BY.
struct ParenthesizedBody : QueryBodyOf<QueryBodyKind::kParenthesized> {
  using QueryBodyOf::QueryBodyOf;
  std::unique_ptr<Query> query = nullptr;
};

enum class RelationKind : uint8_t { kTable, kSubquery, kUnnest, kLateral, kJoin };

enum class SampleMethod : uint8_t { kBernoulli, kSystem };

/// `TABLESAMPLE BERNOULLI|SYSTEM (percentage)`.
struct TableSample {
  SampleMethod method = SampleMethod::kBernoulli;
  ExpressionPtr percentage = nullptr;
};

/// The base of FROM items. Any relation may carry `[AS] alias [(columns)]` and
/// a TABLESAMPLE.
struct Relation {
  Relation(RelationKind node_kind, SourcePosition node_position)
      : kind(node_kind), position(node_position) {}

  Relation(const Relation&) = delete;
  Relation& operator=(const Relation&) = delete;
  virtual ~Relation() = default;

  /// Returns this node as its concrete type. REQUIRES: kind == T::kKind.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const RelationKind kind;
  const SourcePosition position;
  std::optional<Identifier> alias = std::nullopt;
  std::vector<Identifier> column_aliases = {};
  std::optional<TableSample> sample = std::nullopt;
};

using RelationPtr = std::unique_ptr<Relation>;

/// Gives a relation type its kind constant and the (position) constructor.
template <RelationKind K>
struct RelationOf : Relation {
  static constexpr RelationKind kKind = K;

  explicit RelationOf(SourcePosition node_position) : Relation(K, node_position) {}
};

enum class TimeTravelKind : uint8_t { kNone, kTimestamp, kVersion };

/// A named table (or view, or CTE): `db.t`, `"t$snapshots"`,
/// `t FOR TIMESTAMP AS OF expr`, `t FOR VERSION AS OF expr`.
struct TableRelation : RelationOf<RelationKind::kTable> {
  using RelationOf::RelationOf;
  QualifiedName name = {};
  TimeTravelKind time_travel = TimeTravelKind::kNone;
  ExpressionPtr time_travel_value = nullptr;
};

/// `(query) [AS] alias`; also `(VALUES ...) AS t(a, b)`.
struct SubqueryRelation : RelationOf<RelationKind::kSubquery> {
  explicit SubqueryRelation(SourcePosition node_position);
  ~SubqueryRelation() override;
  std::unique_ptr<Query> query;
};

/// `UNNEST(a, b, ...) [WITH ORDINALITY]`.
struct UnnestRelation : RelationOf<RelationKind::kUnnest> {
  using RelationOf::RelationOf;
  std::vector<ExpressionPtr> expressions = {};
  bool with_ordinality = false;
};

/// `LATERAL (query)`.
struct LateralRelation : RelationOf<RelationKind::kLateral> {
  explicit LateralRelation(SourcePosition node_position);
  ~LateralRelation() override;
  std::unique_ptr<Query> query;
};

enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull, kCross, kImplicit };

/// `left [NATURAL] <type> JOIN right [ON condition | USING (columns)]`;
/// kImplicit is a comma in FROM.
struct JoinRelation : RelationOf<RelationKind::kJoin> {
  using RelationOf::RelationOf;
  JoinType type = JoinType::kInner;
  RelationPtr left = nullptr;
  RelationPtr right = nullptr;
  ExpressionPtr condition = nullptr;
  std::vector<Identifier> using_columns = {};
  bool natural = false;
};

}  // namespace stratus::sql::parser
