#pragma once

// The logical plan: a tree of relational nodes the binder builds from a
// query, the optimizer rewrites, and the executor turns into pipelines.
// Every node lists its output columns (name + type); expressions in a node
// refer to its input's columns by position (expr.h). Nodes with two inputs
// (Join, SetOperation) see the left input's columns, then the right's.
//
// Output columns by node:
//   Scan          the projected table columns (data columns, then partition keys, by `columns`)
//   Values        one column per expression of a row
//   Filter, Sort, Limit, EnforceSingleRow, Distinct   the input's columns
//   Project       one per expression
//   Aggregate     the group keys, then [grouping id if grouping_sets.size() > 1], then the
//   aggregates Join          left ++ right; kSemi/kAnti: left only; kMark: left ++ one boolean (the
//   mark) Window        the input's columns ++ one per window call SetOperation  the left input's
//   column names, the common types Unnest        the input's replicated columns ++ the unnested
//   columns [++ ordinality bigint] TableWrite    one bigint: rows written
//
// Ownership: nodes own their inputs through std::shared_ptr (an optimizer
// may share subtrees, e.g. a CTE used twice). Immutable once built.
// Thread safety: immutable; share across drivers.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/catalog/catalog.h"
#include "sql/planner/expr.h"

namespace stratus::sql::functions {
struct AggregateBinding;
struct WindowBinding;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {

/// One output column of a node.
struct Column {
  std::string name = {};
  LogicalType type = {};
};

enum class NodeKind : uint8_t {
  kScan,
  kValues,
  kFilter,
  kProject,
  kAggregate,
  kJoin,
  kSort,
  kLimit,
  kWindow,
  kSetOperation,
  kUnnest,
  kDistinct,
  kEnforceSingleRow,
  kTableWrite,
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;

/// The base of plan nodes.
struct Node {
  explicit Node(NodeKind node_kind) : kind(node_kind) {}

  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  virtual ~Node() = default;

  /// Returns this node as its concrete type. REQUIRES: kind == T::kKind.
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

  const NodeKind kind;
  std::vector<Column> columns = {};
  std::vector<NodePtr> inputs = {};
};

/// Gives a node type its kind constant.
template <NodeKind K>
struct NodeOf : Node {
  static constexpr NodeKind kKind = K;

  NodeOf() : Node(K) {}
};

/// ScanNode::table_columns entries that name no table column: Athena's
/// hidden "$path" (the URI of the row's file, varchar) and the row's 0-based
/// position in its file (bigint; Iceberg's row positions, for MERGE/UPDATE/DELETE).
inline constexpr size_t kScanPathColumn = SIZE_MAX;
inline constexpr size_t kScanRowPositionColumn = SIZE_MAX - 1;

/// Which snapshot of an Iceberg table a scan reads (time travel).
struct TableSnapshotSelector {
  enum class Kind : uint8_t { kVersion, kTimestampMillis };
  Kind kind = Kind::kVersion;
  /// kVersion: the snapshot id; kTimestampMillis: milliseconds since the epoch, UTC.
  int64_t value = 0;
};

/// Reads a table. `table_columns` index the table's columns followed by its
/// partition keys (or name a hidden column above). `filters` are conjuncts
/// over the scan's output columns that the scan may use to skip partitions
/// and files (the executor still applies them: a Filter above keeps them
/// unless `filters_exact`).
struct ScanNode : NodeOf<NodeKind::kScan> {
  std::shared_ptr<const catalog::TableDescriptor> table = nullptr;
  /// Per output column: an index into the table's columns ++ partition keys,
  /// or kScanPathColumn / kScanRowPositionColumn.
  std::vector<size_t> table_columns = {};
  std::vector<ExprPtr> filters = {};
  /// Partitioned tables: the partitions to read (already pruned by the
  /// planner where it could); unpartitioned tables read `table->location`.
  std::vector<catalog::PartitionDescriptor> partitions = {};
  /// The scan may stop after this many rows (no filter above it).
  std::optional<uint64_t> limit = std::nullopt;
  /// Iceberg tables: the snapshot to read (none: the current one).
  std::optional<TableSnapshotSelector> snapshot = std::nullopt;
  /// Iceberg tables: read only these data files (OPTIMIZE's rewrite).
  std::shared_ptr<const std::vector<std::string>> only_files = nullptr;
};

/// Literal rows (VALUES, SELECT without FROM: one row, no columns).
struct ValuesNode : NodeOf<NodeKind::kValues> {
  /// Each row's expressions read no columns.
  std::vector<std::vector<ExprPtr>> rows = {};
};

/// Keeps the rows for which `predicate` is TRUE.
struct FilterNode : NodeOf<NodeKind::kFilter> {
  ExprPtr predicate = nullptr;
};

struct ProjectNode : NodeOf<NodeKind::kProject> {
  std::vector<ExprPtr> expressions = {};
};

/// A sort key over the node's input.
struct SortKey {
  ExprPtr key = nullptr;
  bool ascending = true;
  /// Trino's default: NULLS LAST for both directions.
  bool nulls_first = false;
};

/// One aggregate call of an Aggregate node.
struct AggregateCall {
  std::shared_ptr<const functions::AggregateBinding> function = nullptr;
  std::vector<ExprPtr> args = {};
  bool distinct = false;
  /// FILTER (WHERE ...): rows where it is not TRUE are skipped.
  ExprPtr filter = nullptr;
  std::vector<SortKey> order_by = {};
};

/// GROUP BY. With no group keys: exactly one output row, even over no input.
/// grouping_sets lists, per set, the positions in group_keys it groups by
/// (the others are NULL in its rows); empty means one set of every key.
/// With more than one set a bigint grouping-id column follows the keys: bit
/// (n-1-i) is set when key i is *not* in the row's set (Trino's grouping()).
struct AggregateNode : NodeOf<NodeKind::kAggregate> {
  std::vector<ExprPtr> group_keys = {};
  std::vector<std::vector<size_t>> grouping_sets = {};
  std::vector<AggregateCall> aggregates = {};
};

enum class JoinKind : uint8_t { kInner, kLeft, kRight, kFull, kCross, kSemi, kAnti, kMark };

/// A join. Equi-keys pair an expression over the left input with one over
/// the right (NULL keys never match); `condition` is the residual over left
/// ++ right. kAnti with null_aware is NOT IN's semantics (no row when the
/// right side has a NULL key and there is no match; keep all when the right
/// side is empty). kMark appends TRUE (matched), NULL (no match but a NULL
/// key was involved, with null_aware) or FALSE.
struct JoinNode : NodeOf<NodeKind::kJoin> {
  JoinKind join_kind = JoinKind::kInner;
  std::vector<ExprPtr> left_keys = {};
  std::vector<ExprPtr> right_keys = {};
  ExprPtr condition = nullptr;
  bool null_aware = false;
};

/// ORDER BY, optionally with a limit (top-N).
struct SortNode : NodeOf<NodeKind::kSort> {
  std::vector<SortKey> keys = {};
  std::optional<uint64_t> limit = std::nullopt;
};

/// OFFSET and LIMIT.
struct LimitNode : NodeOf<NodeKind::kLimit> {
  uint64_t offset = 0;
  std::optional<uint64_t> limit = std::nullopt;
};

enum class FrameUnit : uint8_t { kRows, kRange, kGroups };
enum class FrameBoundKind : uint8_t {
  kUnboundedPreceding,
  kPreceding,
  kCurrentRow,
  kFollowing,
  kUnboundedFollowing,
};

struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  /// kPreceding/kFollowing: a constant offset.
  ExprPtr offset = nullptr;
};

/// Trino's default frame: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.
struct WindowFrame {
  FrameUnit unit = FrameUnit::kRange;
  FrameBound start = {.kind = FrameBoundKind::kUnboundedPreceding};
  FrameBound end = {.kind = FrameBoundKind::kCurrentRow};
};

/// One window call: a window-only function or an aggregate over a frame.
struct WindowCall {
  std::shared_ptr<const functions::WindowBinding> window_function = nullptr;
  std::shared_ptr<const functions::AggregateBinding> aggregate = nullptr;
  std::vector<ExprPtr> args = {};
  bool ignore_nulls = false;
  std::vector<ExprPtr> partition_by = {};
  std::vector<SortKey> order_by = {};
  WindowFrame frame = {};
};

struct WindowNode : NodeOf<NodeKind::kWindow> {
  std::vector<WindowCall> calls = {};
};

enum class SetOperator : uint8_t { kUnion, kIntersect, kExcept };

/// UNION/INTERSECT/EXCEPT [ALL] of two inputs whose columns already have the same types.
struct SetOperationNode : NodeOf<NodeKind::kSetOperation> {
  SetOperator op = SetOperator::kUnion;
  bool all = false;
};

/// CROSS JOIN UNNEST(...): for each input row, one row per element of the
/// longest array (shorter ones padded with NULL); a map unnests to two
/// columns (key, value); an array of rows to one column per field. With
/// `outer` (LEFT JOIN UNNEST ... ON TRUE) an empty array yields one row of NULLs.
struct UnnestNode : NodeOf<NodeKind::kUnnest> {
  std::vector<size_t> replicate = {};
  std::vector<ExprPtr> arrays = {};
  bool with_ordinality = false;
  bool outer = false;
};

/// SELECT DISTINCT over all input columns.
struct DistinctNode : NodeOf<NodeKind::kDistinct> {};

/// A scalar subquery's input: passes one row through, a row of NULLs when
/// the input is empty, and fails with SUBQUERY_MULTIPLE_ROWS ("Scalar
/// sub-query has returned multiple rows") on a second row.
struct EnforceSingleRowNode : NodeOf<NodeKind::kEnforceSingleRow> {};

/// Writes the input's rows as new files of a Hive table (CTAS, INSERT INTO):
/// text formats as the table's serde says, under `location` (a partition's
/// location for partitioned tables: the input's last columns are the
/// partition keys). Outputs one row: the number of rows written.
struct TableWriteNode : NodeOf<NodeKind::kTableWrite> {
  std::shared_ptr<const catalog::TableDescriptor> table = nullptr;
  /// A unique prefix for the new files' names (the query id).
  std::string file_prefix = {};
};

/// Returns the plan as an indented tree for EXPLAIN.
std::string ToString(const Node& root);

}  // namespace stratus::sql::plan
