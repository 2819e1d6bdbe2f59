#pragma once

// The partition type of any spec of a table: partition sources are looked up
// in the current schema first, then in older schemas (a dropped column may
// still be the source of an old spec's field).

#include <vector>

#include "base/result.h"
#include "formats/iceberg/table_metadata.h"

namespace stratus::formats::iceberg {

/// Returns a schema holding every top-level field any schema of the table
/// had (the current schema's version first).
Schema AllFieldsSchema(const TableMetadata& metadata);

/// PartitionType of `spec` over AllFieldsSchema(metadata).
Result<std::vector<NestedField>> PartitionTypeOf(const TableMetadata& metadata,
                                                 const PartitionSpec& spec);

}  // namespace stratus::formats::iceberg
