#pragma once

// The binder: turns the parser's AST (sql/parser/ast.h) into a logical plan
// (planner/logical_plan.h) with bound, typed expressions (planner/expr.h).
// It resolves names against the catalog (tables, views, CTEs, aliases),
// types literals as Trino does, resolves functions and operators through the
// function registry and inserts the implicit casts the bindings ask for,
// plans aggregation, windows, set operations and subqueries (decorrelated
// into joins), and folds constant expressions through the caller's folder.
// Errors carry Trino's names and Athena's message text with the position
// ("line 1:8: Column 'x' cannot be resolved").
//
// The plan it returns is straightforward (filters above joins, every column
// scanned); optimizer.h rewrites it.
//
// Thread safety: a Binder binds one statement at a time; make one per
// statement. The catalog it borrows is thread-safe.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sql/planner/logical_plan.h"

namespace stratus::sql::parser {
struct DataType;
struct DeleteStatement;
struct Expression;
struct MergeStatement;
struct Query;
struct UpdateStatement;
}  // namespace stratus::sql::parser

namespace stratus::sql::catalog {
class Catalog;
}  // namespace stratus::sql::catalog

namespace stratus::sql::binder {

/// Evaluates a constant expression (one IsConstantFoldable accepts) at plan
/// time; the engine passes exec::EvaluateConstant. A failure leaves the
/// expression unfolded: the error surfaces only if a row reaches it.
using ConstantFolder = std::function<Result<Value>(const plan::Expr& expr)>;

/// What a changed row asks of the table's writer (RowChangePlan's "$op").
enum class RowChangeOp : int32_t {
  kNone = 0,    // filtered out before the writer; never seen there
  kInsert = 1,  // write the new row
  kDelete = 2,  // delete the target row at ($path, $pos)
  kUpdate = 3,  // delete the target row, write the new row
};

/// MERGE, UPDATE and DELETE bound as one plan of row changes; the engine
/// runs it into the table's writer. The plan's columns are the table's
/// columns in table order (the new row for inserts and updates; anything
/// for deletes), then "$op" (integer, a RowChangeOp, never kNone), "$path"
/// (varchar) and "$pos" (bigint): the target row's data file and its
/// position there (NULL for inserts).
struct RowChangePlan {
  std::shared_ptr<const catalog::TableDescriptor> table = nullptr;
  plan::NodePtr plan = nullptr;
  /// MERGE: a target row may be changed by one source row only; the writer
  /// fails with MERGE_TARGET_ROW_MULTIPLE_MATCHES when ($path, $pos) repeats.
  bool single_change_per_row = false;
};

/// The message of MERGE_TARGET_ROW_MULTIPLE_MATCHES.
inline constexpr std::string_view kMergeMultipleMatchesMessage =
    "One MERGE target table row matched more than one source row";

/// The columns and rows of a table computed at bind time (Iceberg's
/// metadata tables, "t$snapshots").
struct ComputedTable {
  std::vector<RowField> columns = {};
  std::vector<std::vector<Value>> rows = {};
};

/// Builds the metadata table `suffix` ("snapshots", "files", ...) of a
/// table; NotFound when the table has no such metadata table.
using MetadataTableBuilder = std::function<Result<ComputedTable>(
    const catalog::TableDescriptor& table, std::string_view suffix)>;

struct BinderOptions {
  catalog::Catalog* catalog = nullptr;
  /// The catalog name qualified names may start with.
  std::string catalog_name = "awsdatacatalog";
  /// The database unqualified table names resolve in.
  std::string database = "default";
  /// `?` parameters as SQL literals, in order.
  std::vector<std::string> parameters = {};
  /// Null: nothing is folded.
  ConstantFolder folder = nullptr;
  /// Resolves "t$suffix" names; null: they are unknown tables.
  MetadataTableBuilder metadata_tables = nullptr;
  /// current_user's value.
  std::string current_user = "stratus";
};

/// Binds statements' queries and expressions (see the essay above).
///
/// Ownership: borrows the catalog named in the options.
/// Thread safety: none; one statement at a time.
class Binder {
 public:
  explicit Binder(BinderOptions options);
  ~Binder();
  Binder(const Binder&) = delete;
  Binder& operator=(const Binder&) = delete;

  /// Binds a query; the root's columns are the query's output columns with
  /// the names Athena shows (aliases, column names, "_col<i>").
  Result<plan::NodePtr> BindQuery(const parser::Query& query);

  /// Binds an expression that reads no columns (VALUES rows, partition
  /// values, parameters).
  Result<plan::ExprPtr> BindConstantExpression(const parser::Expression& expression);

  /// Binds MERGE INTO / UPDATE / DELETE FROM (see RowChangePlan). The target
  /// must be a table whose rows can change (Iceberg): others are
  /// NOT_SUPPORTED with Athena's message.
  Result<RowChangePlan> BindMerge(const parser::MergeStatement& merge);
  Result<RowChangePlan> BindUpdate(const parser::UpdateStatement& update);
  Result<RowChangePlan> BindDelete(const parser::DeleteStatement& statement);

  /// Resolves a type as written (Trino or Hive spelling).
  Result<LogicalType> ResolveType(const parser::DataType& type);

  struct Context;

 private:
  std::unique_ptr<Context> context_;
};

/// Returns a copy of `expr` cast to `type` (no cast when it already has it;
/// NULL literals are retyped). TYPE_MISMATCH when no cast exists.
Result<plan::ExprPtr> CastTo(const plan::ExprPtr& expr, const LogicalType& type);

}  // namespace stratus::sql::binder
