#pragma once

// Scan planning: the live data files of a snapshot, each with the delete
// files that apply to it, pruned by an engine-supplied filter.
//
// Delete files apply (spec "Scan Planning"):
//  - position deletes to data files of the same spec and partition whose
//    data sequence number is <= the delete file's; when the delete file's
//    file_path bounds name one data file, only to that file;
//  - equality deletes to data files whose data sequence number is < the
//    delete file's, of the same partition, or to every partition when the
//    delete file's spec is unpartitioned (global).
//
// Pruning: the filter first sees each manifest's partition summaries
// (ranges per partition field, no column stats), then each file's
// partition tuple (a one-value range per field) and column stats. It
// answers "may match"; false skips the manifest or file.
//
// Thread safety: free functions; the filter is called from the planning thread.

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/data_file.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/table_metadata.h"

namespace stratus::formats::iceberg {

/// A partition field's values over a file (lower == upper, or both null) or
/// a manifest (its summary).
struct PartitionFieldRange {
  const PartitionField* field = nullptr;
  /// The transform's result type over the source column.
  Type result_type = {};
  /// Unset when every value is null or the summary has no bound.
  std::optional<sql::Value> lower = std::nullopt;
  std::optional<sql::Value> upper = std::nullopt;
  bool contains_null = false;
};

/// What the filter sees of a manifest or a file.
struct FileStatsView {
  /// True for a manifest (only `partition` is filled).
  bool is_manifest = false;
  const PartitionSpec* spec = nullptr;
  /// One per field of `spec`, in order.
  std::vector<PartitionFieldRange> partition = {};
  /// Files only: decoded metrics by field id (DecodeColumnStats).
  std::map<int32_t, ColumnStats> columns = {};
  int64_t record_count = 0;
};

/// The engine's pruning predicate (type-erased, per scan).
class ScanFilter {
 public:
  virtual ~ScanFilter() = default;
  /// Returns false only when no row of the manifest or file can match.
  virtual bool MayMatch(const FileStatsView& stats) const = 0;
};

/// One data file to read, with the deletes that apply to it.
struct FileScanTask {
  ManifestEntry data = {};
  std::vector<ManifestEntry> position_deletes = {};
  std::vector<ManifestEntry> equality_deletes = {};
};

struct ScanPlan {
  std::vector<FileScanTask> tasks = {};
  int64_t manifests_total = 0;
  int64_t manifests_skipped = 0;
  int64_t data_files_skipped = 0;
};

/// Plans a scan of `snapshot` (nullptr: an empty plan). `filter` may be null.
Result<ScanPlan> PlanScan(TableIo& io,
                          const TableMetadata& metadata,
                          const Snapshot* snapshot,
                          const ScanFilter* filter = nullptr);

/// Reads every live entry (ADDED or EXISTING) of a snapshot, data and
/// delete files alike, without pruning (metadata tables, commits, VACUUM).
Result<std::vector<ManifestEntry>> ReadLiveEntries(TableIo& io,
                                                   const TableMetadata& metadata,
                                                   const Snapshot& snapshot);

}  // namespace stratus::formats::iceberg
