#pragma once

// Partition specs (spec "Partitioning"): partition fields with their own ids
// (from 1000), each a transform of a source column; Athena's PARTITIONED BY
// clause turned into a spec; partition tuples of rows and their Hive-style
// paths ("dt=2024-01-01/id_bucket=3", null as "null").
//
// Thread safety: value types.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/schema.h"
#include "formats/iceberg/transform.h"
#include "sql/types/value.h"

namespace stratus::formats::iceberg {

/// Partition field ids start here (spec); an unpartitioned table's
/// last-partition-id is kFirstPartitionFieldId - 1 = 999, as Athena writes.
inline constexpr int32_t kFirstPartitionFieldId = 1000;

struct PartitionField {
  int32_t source_id = 0;
  int32_t field_id = 0;
  std::string name = {};
  Transform transform = {};

  friend bool operator==(const PartitionField& a, const PartitionField& b) {
    return a.source_id == b.source_id && a.field_id == b.field_id && a.name == b.name &&
           a.transform == b.transform;
  }
};

struct PartitionSpec {
  int32_t spec_id = 0;
  std::vector<PartitionField> fields = {};

  bool is_unpartitioned() const { return fields.empty(); }

  friend bool operator==(const PartitionSpec& a, const PartitionSpec& b) {
    return a.spec_id == b.spec_id && a.fields == b.fields;
  }
};

/// One entry of PARTITIONED BY as the engine parsed it: `dt` is {"dt", "", none},
/// `day(ts)` is {"ts", "day", none}, `bucket(16, id)` is {"id", "bucket", 16},
/// `truncate(10, s)` is {"s", "truncate", 10}. Transform names are
/// case-insensitive: identity, year(s), month(s), day(s), hour(s), bucket,
/// truncate, void.
struct PartitionColumn {
  std::string column = {};
  std::string transform = {};
  std::optional<int32_t> argument = std::nullopt;
};

/// Builds a spec over `schema`: field ids from `last_partition_id` + 1,
/// names as Athena/Spark give them (dt, ts_day, id_bucket, s_trunc,
/// ts_year, ts_month, ts_hour, c_null). An unknown column, a transform that
/// does not apply to the column's type, a missing or non-positive argument,
/// or the same column and transform twice is InvalidArgument.
Result<PartitionSpec> BuildPartitionSpec(const Schema& schema,
                                         std::span<const PartitionColumn> columns,
                                         int32_t spec_id = 0,
                                         int32_t last_partition_id = kFirstPartitionFieldId - 1);

/// Returns the partition tuple's fields: one per partition field, named as
/// it, with the transform's result type (the `partition` struct of a manifest).
Result<std::vector<NestedField>> PartitionType(const PartitionSpec& spec, const Schema& schema);

/// Computes a row's partition tuple. `row` holds the values of the schema's
/// top-level columns in schema order.
Result<std::vector<sql::Value>> PartitionTuple(const PartitionSpec& spec,
                                               const Schema& schema,
                                               std::span<const sql::Value> row);

/// Returns the Hive-style path of a partition tuple, Java's partitionToPath:
/// "dt=2024-01-01/id_bucket=3", values URL-encoded, null as "null"; "" when
/// unpartitioned.
std::string PartitionPath(const PartitionSpec& spec, std::span<const sql::Value> tuple);

}  // namespace stratus::formats::iceberg
