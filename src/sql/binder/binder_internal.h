#pragma once

// The binder's parts (binder.h): scopes, the per-query binder and the
// expression binder. Private to src/sql/binder.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/binder/binder.h"
#include "sql/parser/ast.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::binder {

/// Column positions at or above this refer to the enclosing query's scope
/// (a correlated reference, kOuterBase + position there).
inline constexpr size_t kOuterBase = size_t{1} << 40;

/// One column a name may resolve to.
struct Field {
  std::string database = {};
  std::string qualifier = {};
  std::string name = {};
  LogicalType type = {};
  /// USING join inputs' key columns: reachable only as `t.c`.
  bool qualified_only = false;
  /// Not part of `*`.
  bool hidden = false;
  /// An enclosing query's column made visible to a decorrelated subquery:
  /// names resolve to it only when no column of the subquery matches.
  bool lateral = false;
};

/// The names visible over a plan node's output; fields[i] is column i.
struct Scope {
  std::vector<Field> fields = {};
};

/// A plan under construction with its names.
struct RelationPlan {
  plan::NodePtr node = nullptr;
  Scope scope = {};
};

/// Returns "line L:C: ".
std::string PositionPrefix(parser::SourcePosition position);
/// Returns SqlError(name, "line L:C: " + message).
Status ErrorAt(std::string_view name, parser::SourcePosition position, const std::string& message);
/// Prefixes a status carrying a Trino name with the position (unless it has one).
Status WithPosition(const Status& status, parser::SourcePosition position);

/// Structural equality of bound expressions (for GROUP BY matching).
bool ExprEquals(const plan::Expr& a, const plan::Expr& b);
/// True when the expression reads a column at or above kOuterBase.
bool HasOuterReference(const plan::Expr& expr);
/// True when some expression in the plan reads an outer column.
bool PlanHasOuterReference(const plan::Node& node);

/// Types a literal as Trino does.
Result<plan::ExprPtr> BindLiteral(const parser::LiteralExpression& literal);

/// Projects `node`'s columns through expressions (names given).
plan::NodePtr MakeProject(plan::NodePtr input,
                          std::vector<plan::ExprPtr> expressions,
                          std::vector<std::string> names);
plan::NodePtr MakeFilter(plan::NodePtr input, plan::ExprPtr predicate);
/// A join of `left` and `right` (columns: left ++ right, or left only for semi/anti,
/// or left ++ mark for kMark).
plan::NodePtr MakeJoin(plan::NodePtr left,
                       plan::NodePtr right,
                       plan::JoinKind kind,
                       plan::ExprPtr condition,
                       bool null_aware = false);
/// Returns Column(i) of node for every column.
std::vector<plan::ExprPtr> ColumnsOf(const plan::Node& node);
plan::ExprPtr ColumnOf(const plan::Node& node, size_t i);
/// Joins conjuncts with AND (null when empty).
plan::ExprPtr MakeConjunction(std::vector<plan::ExprPtr> conjuncts);
/// Splits an AND tree into conjuncts.
void SplitConjuncts(const plan::ExprPtr& expr, std::vector<plan::ExprPtr>* out);

/// Per-statement state every query level shares.
struct Binder::Context {
  BinderOptions options;
  /// Visible WITH entries, innermost last.
  std::vector<std::pair<std::string, const parser::CommonTableExpression*>> ctes = {};
  /// Nesting of views being expanded (a guard against cycles).
  int view_depth = 0;
  /// Parameters bound so far (each `?` parses once).
  std::map<int32_t, std::shared_ptr<parser::Expression>> parameters = {};
  /// Entries of WITH RECURSIVE clauses in scope.
  std::set<const parser::CommonTableExpression*> recursive_ctes = {};

  /// A recursive entry's step being bound: its reference reads the level
  /// before (recursive_cte_binder.cc); `referenced` records that it did.
  struct RecursionLevel {
    RelationPlan plan = {};
    bool referenced = false;
  };

  std::map<const parser::CommonTableExpression*, RecursionLevel> recursion_levels = {};
};

/// What a correlated subquery's plan exposes: conjuncts over the
/// subquery's output (positions) and the outer scope (kOuterBase + p).
struct Correlation {
  std::vector<plan::ExprPtr> conjuncts = {};
  /// The number of visible output columns (extra key columns follow).
  size_t visible_columns = 0;
  /// Visible output columns that are count aggregates (0 for no row, not NULL).
  std::vector<bool> is_count = {};
  /// The enclosing scope's positions the subquery reads, ascending.
  std::vector<size_t> outer_columns = {};
};

struct SelectState;

/// A SELECT's output expressions before ORDER BY, DISTINCT and LIMIT.
struct SelectOutput {
  std::vector<plan::ExprPtr> outputs = {};
  std::vector<std::string> names = {};
  /// The first `visible` outputs are the select list; correlation keys follow.
  size_t visible = 0;
  bool distinct = false;
};

/// Binds one query level (a Query, with its own WITH entries).
class QueryBinder {
 public:
  QueryBinder(Binder::Context& context, const Scope* outer);

  Result<RelationPlan> BindQuery(const parser::Query& query);
  Result<RelationPlan> BindBody(const parser::QueryBody& body);
  Result<RelationPlan> BindRelation(const parser::Relation& relation);

  /// Binds a subquery of an expression over this level's scope.
  Result<RelationPlan> BindSubquery(const parser::Query& query,
                                    const Scope& scope,
                                    Correlation* correlation);

  Binder::Context& context() { return context_; }

  /// Binds the target of MERGE/UPDATE/DELETE: a table whose rows can
  /// change, with its hidden "$path" and "$pos" columns; `alias` qualifies
  /// its columns when set.
  Result<RelationPlan> BindChangeTarget(const parser::QualifiedName& name,
                                        const std::optional<parser::Identifier>& alias);

  const Scope* outer() const { return outer_; }

  /// Set when the query lifted correlated conjuncts out of its WHERE.
  Correlation& correlation() { return correlation_; }

  /// Makes a SELECT cross join `lateral` (distinct values of the enclosing
  /// query's columns) into its FROM, group by it and output it last: how a
  /// correlated scalar subquery whose correlation is not a set of equalities
  /// is decorrelated.
  void set_lateral(RelationPlan lateral) { lateral_ = std::move(lateral); }

 private:
  /// The keys a correlated subquery groups by: positions of the lateral
  /// columns among its group keys (or columns), and the outer sides of its
  /// correlated equalities.
  struct CorrelationKeys {
    std::vector<size_t> lateral = {};
    std::vector<plan::ExprPtr> outer = {};
  };

  Result<RelationPlan> BindSelectQuery(const parser::SelectBody& select,
                                       const parser::Query* query);
  Status GroupByCorrelation(const parser::SelectBody& select,
                            const Scope& scope,
                            SelectState* state,
                            CorrelationKeys* keys);
  Status ExposeCorrelation(const parser::SelectBody& select,
                           const RelationPlan& from,
                           const SelectState& state,
                           const CorrelationKeys& keys,
                           SelectOutput* output);
  Result<RelationPlan> BindFrom(const parser::SelectBody& select);
  Result<RelationPlan> FinishSelect(const parser::Query* query,
                                    RelationPlan post,
                                    SelectState* state,
                                    const Scope* from_scope,
                                    SelectOutput output);
  Result<plan::NodePtr> ApplyLimit(const parser::Query& query, plan::NodePtr node);
  Result<RelationPlan> BindTableName(const parser::QualifiedName& name);
  Result<RelationPlan> BindValues(const parser::ValuesBody& values);
  Result<RelationPlan> BindSetOperation(const parser::SetOperationBody& set);
  Result<RelationPlan> BindTable(const parser::TableRelation& table);
  Result<RelationPlan> BindCatalogTable(const parser::QualifiedName& name);
  /// "t$snapshots" and its siblings, through the options' builder.
  Result<RelationPlan> BindMetadataTable(const std::string& database,
                                         const std::string& base_name,
                                         const std::string& suffix,
                                         parser::SourcePosition position);
  /// FOR VERSION / TIMESTAMP AS OF on an Iceberg table's scan.
  Result<RelationPlan> BindTimeTravel(const parser::TableRelation& relation, RelationPlan plan);
  /// Binds a reference to WITH RECURSIVE entry ctes[index] (recursive_cte_binder.cc):
  /// nullopt when its query does not refer to itself (then it binds as any entry).
  Result<std::optional<RelationPlan>> BindRecursiveCte(size_t index);
  Result<RelationPlan> BindView(const catalog::TableDescriptor& view,
                                parser::SourcePosition position);
  Result<RelationPlan> BindJoin(const parser::JoinRelation& join);
  Result<RelationPlan> BindUsingJoin(const parser::JoinRelation& join,
                                     const RelationPlan& left,
                                     const RelationPlan& right,
                                     plan::JoinKind kind,
                                     Scope scope,
                                     const std::vector<std::string>& using_columns);
  Result<RelationPlan> BindUnnest(const parser::UnnestRelation& unnest,
                                  const RelationPlan& left,
                                  bool outer);
  Result<RelationPlan> ApplyAlias(const parser::Relation& relation, RelationPlan plan);
  Result<RelationPlan> BindOrderAndLimit(const parser::Query& query,
                                         RelationPlan plan,
                                         SelectState* select);
  Status BindWhere(const parser::Expression& where, RelationPlan* plan);
  Status BindWhereSubquery(const parser::Expression& conjunct, RelationPlan* plan, bool* handled);
  Status BindGroupBy(const parser::SelectBody& select,
                     const RelationPlan& from,
                     SelectState* state);

  Binder::Context& context_;
  const Scope* outer_;
  Correlation correlation_;
  std::optional<RelationPlan> lateral_;
};

/// The aggregation and window state of one SELECT while its expressions bind.
struct SelectState {
  const Scope* from_scope = nullptr;
  bool aggregated = false;
  std::vector<plan::ExprPtr> group_keys = {};
  std::vector<std::vector<size_t>> grouping_sets = {};
  std::vector<plan::AggregateCall> aggregates = {};
  std::vector<std::string> aggregate_keys = {};
  size_t aggregate_base = 0;
  std::vector<plan::WindowCall> windows = {};
  std::vector<std::string> window_keys = {};
  size_t window_base = 0;
  /// Pass one collects aggregates and windows; results are thrown away.
  bool collecting = true;
  const std::vector<parser::NamedWindow>* named_windows = nullptr;
};

/// Binds expressions over a scope. With `input` set, subqueries join onto
/// *input (its columns only grow, so positions stay valid); with `select`
/// set, aggregates and window calls bind against the SELECT's state.
class ExpressionBinder {
 public:
  ExpressionBinder(QueryBinder& query, const Scope& scope, plan::NodePtr* input);

  void set_select(SelectState* select) { select_ = select; }

  Result<plan::ExprPtr> Bind(const parser::Expression& expression);
  /// Binds and requires a boolean (or NULL), with Trino's message for `clause`
  /// ("WHERE clause must evaluate to a boolean: actual type integer").
  Result<plan::ExprPtr> BindPredicate(const parser::Expression& expression,
                                      std::string_view clause);

 private:
  Result<plan::ExprPtr> BindPlain(const parser::Expression& expression);
  Result<plan::ExprPtr> BindSelectAware(const parser::Expression& expression, bool* handled);
  Result<std::optional<size_t>> ResolveColumn(const parser::Expression& expression, bool* outer);
  Result<plan::ExprPtr> BindName(const parser::Expression& expression);
  /// Binds `base.field` on a row (COLUMN_NOT_FOUND without such a field).
  Result<plan::ExprPtr> BindRowField(const plan::ExprPtr& base,
                                     const std::string& field,
                                     const parser::Expression& expression);
  /// Binds `base[index]` on a row: a constant 1-based index.
  Result<plan::ExprPtr> BindRowSubscript(const plan::ExprPtr& base,
                                         const parser::Expression& index,
                                         parser::SourcePosition position);
  plan::ExprPtr RowField(const plan::ExprPtr& base, size_t field);
  Result<plan::ExprPtr> BindUnary(const parser::UnaryExpression& unary);
  Result<plan::ExprPtr> BindBinary(const parser::BinaryExpression& binary);
  Result<plan::ExprPtr> BindCase(const parser::CaseExpression& expression);
  Result<plan::ExprPtr> BindInList(const parser::InListExpression& expression);
  Result<plan::ExprPtr> BindFunction(const parser::FunctionCallExpression& call);
  Result<plan::ExprPtr> BindSpecialFunction(const parser::FunctionCallExpression& call,
                                            const std::string& name,
                                            bool* handled);
  Result<plan::ExprPtr> BindAggregate(const parser::FunctionCallExpression& call);
  Result<plan::ExprPtr> BindWindow(const parser::FunctionCallExpression& call);
  Result<plan::ExprPtr> BindGrouping(const parser::FunctionCallExpression& call);
  Result<plan::ExprPtr> BindCast(const parser::CastExpression& cast);
  Result<plan::ExprPtr> BindExtract(const parser::ExtractExpression& extract);
  Result<plan::ExprPtr> BindCurrentValue(const parser::CurrentValueExpression& value);
  Result<plan::ExprPtr> BindParameter(const parser::ParameterExpression& parameter);
  Result<plan::ExprPtr> BindSubquery(const parser::Expression& expression);
  Result<plan::ExprPtr> BindInSubquery(const parser::Expression& expression,
                                       const RelationPlan& sub,
                                       const Correlation& correlation);
  Result<plan::ExprPtr> BindQuantifiedComparison(
      const parser::QuantifiedComparisonExpression& quantified, const RelationPlan& sub);
  Result<plan::ExprPtr> BindLateralSubquery(const parser::Query& query,
                                            const Correlation& discovered);
  /// Binds a call of a function taking lambdas (lambda_binder.cc); *handled
  /// false when `name` is not one or the call passes no lambda.
  Result<plan::ExprPtr> BindLambdaCall(const parser::FunctionCallExpression& call,
                                       const std::string& name,
                                       bool* handled);
  /// Binds a lambda argument whose parameters have `parameter_types`.
  Result<plan::ExprPtr> BindLambda(const parser::Expression& argument,
                                   const std::vector<LogicalType>& parameter_types,
                                   std::string_view function);
  /// Returns the lambda parameter `expression` names, or null when it names none.
  plan::ExprPtr ResolveLambdaVariable(const parser::Expression& expression) const;
  Result<plan::ExprPtr> BindArgumentsAndCall(std::string_view name,
                                             const std::vector<const parser::Expression*>& args,
                                             parser::SourcePosition position);

 public:
  /// Resolves `name` over bound arguments, inserting the binding's casts.
  Result<plan::ExprPtr> Call(std::string_view name,
                             std::vector<plan::ExprPtr> args,
                             parser::SourcePosition position);
  /// Folds a constant-foldable expression through the options' folder.
  plan::ExprPtr Fold(plan::ExprPtr expr);
  /// Makes a special form whose arguments share a common super type.
  Result<std::vector<plan::ExprPtr>> CoerceToCommon(std::vector<plan::ExprPtr> args,
                                                    parser::SourcePosition position,
                                                    std::string_view what,
                                                    LogicalType* common);

 private:
  QueryBinder& query_;
  const Scope& scope_;
  plan::NodePtr* input_;
  SelectState* select_ = nullptr;

  /// The parameters of the lambdas being bound, outermost first.
  struct LambdaScope {
    std::vector<std::string> names = {};
    std::vector<LogicalType> types = {};
  };

  std::vector<LambdaScope> lambda_scopes_ = {};
};

/// True for count, count_if and approx_distinct: 0, not NULL, over no rows.
bool IsCountAggregate(const plan::AggregateCall& call);

/// Returns a partitioned table's partitions: the catalog's, or those its
/// partition projection properties describe.
Result<std::vector<catalog::PartitionDescriptor>> PartitionsOf(
    catalog::Catalog& catalog, const catalog::TableDescriptor& table);

/// Returns the partitions a table's projection describes, with the values of
/// its injected columns given (CONSTRAINT_VIOLATION when one is missing).
Result<std::vector<catalog::PartitionDescriptor>> ProjectPartitions(
    const catalog::TableDescriptor& table,
    const std::map<std::string, std::vector<std::string>>& injected);

/// Returns the partition keys whose projection type is injected.
std::vector<std::string> InjectedProjectionColumns(const catalog::TableDescriptor& table);

/// Resolves a written type to a LogicalType.
Result<LogicalType> ResolveDataType(const parser::DataType& type);

}  // namespace stratus::sql::binder
