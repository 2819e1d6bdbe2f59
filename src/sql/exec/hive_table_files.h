#pragma once

// The files of a Hive table scan: the objects under the table's location (or
// under each partition's), skipping those Hive skips (empty objects,
// "directory" markers, and any name component after the location that starts
// with '_' or '.': _SUCCESS, .crc, _temporary/...), after dropping the
// partitions the scan's filters rule out (filters that read only partition
// keys, evaluated on the partition's values). The text and Parquet scans
// both plan from this list.
//
// Thread safety: plain values; ListHiveTableFiles calls the lake (any thread).

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "sql/types/value.h"

namespace stratus::lake {
class Lake;
}  // namespace stratus::lake

namespace stratus::sql::functions {
struct FunctionContext;
}  // namespace stratus::sql::functions

namespace stratus::sql::plan {
struct ScanNode;
}  // namespace stratus::sql::plan

namespace stratus::sql::exec {

/// One object of a Hive table.
struct HiveTableFile {
  std::string uri = {};
  uint64_t size = 0;
  /// Index into HiveTableFiles::partition_values.
  size_t partition = 0;
};

struct HiveTableFiles {
  /// Per partition kept (one entry, empty, for unpartitioned tables): the
  /// key values, typed.
  std::vector<std::vector<Value>> partition_values = {};
  std::vector<HiveTableFile> files = {};
};

/// Lists the files of `node`'s table (see the essay). A missing location
/// reads as empty, as in Athena.
Result<HiveTableFiles> ListHiveTableFiles(const plan::ScanNode& node,
                                          lake::Lake* lake,
                                          const functions::FunctionContext& context);

/// Parses a partition value as Hive writes it in paths ("__HIVE_DEFAULT_PARTITION__" is NULL).
Value ParsePartitionValue(const std::string& text, const LogicalType& type);

}  // namespace stratus::sql::exec
