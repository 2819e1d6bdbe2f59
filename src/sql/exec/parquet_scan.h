#pragma once

// The Parquet file scan: reads an explicit list of Parquet files ("file
// tasks") on the drivers of a pipeline. Hive tables STORED AS PARQUET plan
// their tasks by listing the table's files (PlanHiveParquetScan, which lists
// as the text scan does: partitions, Hive's hidden files, partition pruning);
// Iceberg plans its tasks from manifests and calls PlanParquetFileScan.
//
// Planning reads the footer of every file (in parallel, through
// `parallel_for`), drops the row groups whose min/max/null-count statistics
// rule out the scan's filters (comparisons, BETWEEN, IN, IS [NOT] NULL of a
// column against constants, and conjunctions and disjunctions of those), and
// cuts the rest into splits: runs of consecutive row groups of one file of
// about `split_bytes` compressed bytes. The splits are the pipeline's
// morsels: ParquetScanSource instances, one per driver, take them from a
// shared atomic counter. Only the column chunks of kFile columns are read.
//
// Each output column is a column of the file (found by Iceberg field id when
// it has one, else by name, case-insensitively; a column the file lacks
// reads as NULLs), a constant of the task (partition values), the file's URI
// (Athena's "$path"), or the row's 0-based position in the file (Iceberg's
// _pos, for position deletes). Rows whose positions are in the task's
// sorted `deleted_positions` are dropped.
//
// The filters only skip row groups; the rows of the row groups read are not
// filtered (the filter above the scan does that).
//
// Ownership: ParquetScanPlan is shared by the drivers (std::shared_ptr); it
// borrows the lake and the counters. Thread safety: the split queue is an
// atomic counter; everything else in the plan is immutable once planned.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "sql/exec/operator.h"
#include "sql/planner/expr.h"
#include "sql/types/logical_type.h"
#include "sql/types/value.h"

namespace stratus::formats::parquet {
class ParquetSplitReader;
}  // namespace stratus::formats::parquet

namespace stratus::lake {
class Lake;
class ObjectReader;
}  // namespace stratus::lake

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {
struct ScanNode;
}  // namespace stratus::sql::plan

namespace stratus::sql {
struct QueryProgress;
}  // namespace stratus::sql

namespace stratus::sql::exec {

struct ScanCounters;

/// Where an output column of a file scan comes from.
enum class FileColumnKind : uint8_t {
  kFile,         // A column of the file.
  kConstant,     // ParquetFileTask::constants[constant_index] (partition values).
  kFilePath,     // The file's URI, varchar ("$path").
  kRowPosition,  // The row's 0-based position in the file, bigint.
};

/// One output column of a file scan.
struct FileScanColumn {
  FileColumnKind kind = FileColumnKind::kFile;
  /// The output type (kFilePath: varchar; kRowPosition: bigint).
  LogicalType type = {};
  /// kFile: the column's name in the file, matched case-insensitively when
  /// field_id is unset.
  std::string name = {};
  /// kFile: Iceberg's field id; when set, the column is found by it alone.
  std::optional<int32_t> field_id = std::nullopt;
  /// kConstant: the index into ParquetFileTask::constants.
  size_t constant_index = 0;
};

/// One file to read.
struct ParquetFileTask {
  std::string uri = {};
  /// The file's size when known (manifests, listings); unset asks the lake.
  std::optional<uint64_t> size = std::nullopt;
  /// Values of the kConstant columns (their types must match the columns').
  std::vector<Value> constants = {};
  /// The row groups to read, ascending; unset reads all (statistics pruning
  /// applies either way).
  std::optional<std::vector<size_t>> row_groups = std::nullopt;
  /// Sorted, 0-based positions of deleted rows (Iceberg position deletes);
  /// null when none. Shared and immutable.
  std::shared_ptr<const std::vector<int64_t>> deleted_positions = nullptr;
};

/// What a Parquet file scan reads.
struct ParquetScanSpec {
  std::vector<FileScanColumn> columns = {};
  std::vector<ParquetFileTask> files = {};
  /// Conjuncts over the output columns (column i is columns[i]), used to
  /// skip row groups by their statistics.
  std::vector<plan::ExprPtr> filters = {};
  /// The scan may stop after this many rows (per driver).
  uint64_t limit = UINT64_MAX;
  /// The compressed bytes of a split (0: kParquetSplitBytes).
  uint64_t split_bytes = 0;
};

/// The target size of a split (a run of row groups of one file).
inline constexpr uint64_t kParquetSplitBytes = 32 << 20;

/// Runs task(0) .. task(n - 1), possibly in parallel, and returns the first error.
using ParallelRunner = std::function<Status(size_t n, const std::function<Status(size_t)>& task)>;

/// One morsel: a run of row groups of one file.
struct ParquetScanSplit {
  /// Index into ParquetScanPlan::files.
  size_t file = 0;
  std::vector<size_t> row_groups = {};
  uint64_t compressed_bytes = 0;
};

/// A planned scan (see the essay above).
struct ParquetScanPlan {
  lake::Lake* lake = nullptr;
  ParquetScanSpec spec = {};
  /// Per file: its footer, read while planning; null for a file with no
  /// row group left to read.
  std::vector<std::shared_ptr<const formats::parquet::FileMetaData>> footers = {};
  /// Per file: the position of each row group's first row.
  std::vector<std::vector<int64_t>> row_group_starts = {};
  std::vector<ParquetScanSplit> splits = {};
  std::atomic<size_t> next_split{0};
  uint64_t row_groups_total = 0;
  uint64_t row_groups_skipped = 0;
  QueryProgress* progress = nullptr;
  std::atomic<uint64_t>* bytes_scanned = nullptr;
};

/// Plans a scan of `spec.files` (see the essay). `progress`, `bytes_scanned`
/// and `counters` may be null. Errors: a file that is not Parquet
/// (Corruption), a column the file cannot read as its type (InvalidArgument).
Result<std::shared_ptr<ParquetScanPlan>> PlanParquetFileScan(ParquetScanSpec spec,
                                                             lake::Lake* lake,
                                                             const ParallelRunner& parallel_for,
                                                             QueryProgress* progress,
                                                             std::atomic<uint64_t>* bytes_scanned,
                                                             ScanCounters* counters);

/// Plans the scan of a Hive table STORED AS PARQUET: lists its files as
/// PlanTextScan does and plans them with PlanParquetFileScan. Table columns
/// are read by name; partition keys are constants; "$path" is kFilePath.
Result<std::shared_ptr<ParquetScanPlan>> PlanHiveParquetScan(
    const plan::ScanNode& node,
    lake::Lake* lake,
    uint64_t split_bytes,
    const functions::FunctionContext& context,
    const ParallelRunner& parallel_for,
    QueryProgress* progress,
    std::atomic<uint64_t>* bytes_scanned,
    ScanCounters* counters);

/// Returns true when a table's files are Parquet (STORED AS PARQUET, or
/// ParquetHiveSerDe / MapredParquetInputFormat as Athena stores them in Glue).
bool IsParquetTable(const std::string& serde_library, const std::string& input_format);

/// Reads splits from a shared ParquetScanPlan (one instance per driver).
///
/// Thread safety: one driver's thread.
class ParquetScanSource final : public Source {
 public:
  explicit ParquetScanSource(std::shared_ptr<ParquetScanPlan> plan);
  ~ParquetScanSource() override;

  Result<bool> Next(Batch* out) override;

 private:
  Status OpenNextSplit(bool* opened);
  void CountBytes();
  Batch Assemble(Batch raw, int64_t first_position);

  std::shared_ptr<ParquetScanPlan> plan_;
  std::unique_ptr<lake::ObjectReader> object_;
  std::unique_ptr<formats::parquet::ParquetSplitReader> reader_;
  const ParquetScanSplit* split_ = nullptr;
  /// Output column -> column of the reader's batches (kFile columns only).
  std::vector<size_t> file_column_index_ = {};
  uint64_t bytes_counted_ = 0;
  uint64_t rows_ = 0;
};

}  // namespace stratus::sql::exec
