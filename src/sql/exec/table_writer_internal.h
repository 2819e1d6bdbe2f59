#pragma once

// What the table writers (text_table_writer.h, parquet_table_writer.h)
// share: partition directories, file names, and the target's bookkeeping.
//
// Thread safety: the Record* functions lock the target; the rest are pure.

#include <cstddef>
#include <string>
#include <vector>

#include "sql/exec/table_writer.h"
#include "sql/vector/vector.h"

namespace stratus::sql::exec {

/// The partition directory of one row, "k1=v1/k2=v2/" ("" when unpartitioned),
/// and the values as written in it. `columns` are flat; the keys are the
/// last `num_keys` of them.
struct PartitionOfRow {
  std::string directory = {};
  std::vector<std::string> path_values = {};
  std::vector<Value> values = {};
};

/// Returns the partition directory of `row` (and its values when `with_values`).
PartitionOfRow PartitionOf(const TableWriteTarget& target,
                           const std::vector<Vector>& columns,
                           size_t row,
                           bool with_values);

/// Adds a partition to target.partitions unless it is there.
void RecordPartition(TableWriteTarget& target, const std::vector<std::string>& path_values);

/// Returns the URI of a new file in `directory` (relative to the table's
/// location): <location><directory><file_prefix>_<n>.
std::string NextFileUri(TableWriteTarget& target, const std::string& directory);

/// Adds a finished file to target.written_files.
void RecordWrittenFile(TableWriteTarget& target, WrittenFile file);

}  // namespace stratus::sql::exec
