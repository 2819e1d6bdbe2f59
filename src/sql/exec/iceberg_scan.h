#pragma once

// The scan of an Iceberg table, planned as a Parquet file scan
// (parquet_scan.h): the table's metadata is read through its
// metadata_location, the snapshot chosen (the current one, or FOR VERSION /
// TIMESTAMP AS OF), and its data files listed from the manifests
// (formats/iceberg/scan_planner.h), skipping manifests and files whose
// partition values and column bounds rule out the scan's filters. Columns
// are read by field id, so renamed columns still read and added ones read as
// NULL from older files. Deleted rows become each file's deleted positions:
// position deletes directly, equality deletes by reading the file's
// equality columns at planning time and marking the rows that match a
// delete row.
//
// Thread safety: a free function; call it from the planning thread (it may
// run work on `parallel_for`'s workers).

#include <cstdint>

#include "base/result.h"
#include "sql/exec/parquet_scan.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql::plan {
struct ScanNode;
}  // namespace stratus::sql::plan

namespace stratus::sql::exec {

/// What planning skipped, for EXPLAIN ANALYZE.
struct IcebergScanStatistics {
  int64_t manifests_total = 0;
  int64_t manifests_skipped = 0;
  int64_t data_files = 0;
  int64_t data_files_skipped = 0;
  int64_t delete_files = 0;
};

/// Plans `node` (an Iceberg table's scan) as the spec of a Parquet file scan.
/// Errors: ICEBERG_BAD_DATA for unreadable metadata, an unknown snapshot id
/// or a timestamp before the table's first snapshot (Trino's messages).
/// Delete files are read, and equality deletes applied, through
/// `parallel_for` when given.
Result<ParquetScanSpec> PlanIcebergScan(const plan::ScanNode& node,
                                        lake::Lake* lake,
                                        IcebergScanStatistics* statistics,
                                        const ParallelRunner& parallel_for = {});

}  // namespace stratus::sql::exec
