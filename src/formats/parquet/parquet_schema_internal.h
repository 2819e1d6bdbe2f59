#pragma once

// The leaf columns of a file's schema tree, with their definition and
// repetition levels, and the checks that a leaf can produce a LogicalType.
//
// Thread safety: free functions over immutable values.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "sql/types/logical_type.h"
#include "sql/types/value.h"

namespace stratus::formats::parquet {

/// One leaf of the schema: a column chunk in every row group.
struct LeafColumn {
  /// The top-level field the leaf belongs to.
  std::string name = {};
  /// Its index among the row group's column chunks.
  size_t chunk_index = 0;
  /// The leaf's schema element. Points into the FileMetaData, which must outlive it.
  const SchemaElement* element = nullptr;
  int max_definition_level = 0;
  int max_repetition_level = 0;
  /// True when the leaf sits below a group or repeats (LIST, MAP, struct).
  bool nested = false;
};

/// Walks the schema tree; a malformed tree (child counts that do not add
/// up) is Corruption.
Result<std::vector<LeafColumn>> FlattenSchema(const FileMetaData& metadata);

/// Returns OK if `leaf` can be read as `type`, else InvalidArgument naming both.
Status CheckReadable(const LeafColumn& leaf, const sql::LogicalType& type);

/// Returns the LogicalType a flat leaf reads as most naturally, or nullopt
/// when it has none (bad decimal parameters, groups).
std::optional<sql::LogicalType> NaturalType(const SchemaElement& element);

/// Decodes a PLAIN statistics value of `element` as `type` (its
/// NaturalType); nullopt when it does not decode (wrong size, INT96).
std::optional<sql::Value> DecodeStatistic(const SchemaElement& element,
                                          const sql::LogicalType& type,
                                          std::string_view plain);

/// Returns the decimal scale the leaf's values carry (0 when not a decimal).
int DecimalScale(const SchemaElement& element);

}  // namespace stratus::formats::parquet
