#pragma once

// The schema subtree of one nested top-level column (LIST, MAP, struct
// groups and repeated fields), resolved against the ARRAY, MAP or ROW type
// the caller asks for (docs/formats/parquet.md, "Nested columns"). The
// backward-compatibility rules of the format's LogicalTypes.md decide
// which group is the list and which its element: 3-level lists, 2-level
// lists (a repeated primitive, or a repeated group that is itself the
// element), and unannotated repeated fields (a required list).
//
// Thread safety: free functions over immutable values.

#include <cstddef>
#include <optional>
#include <vector>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema_internal.h"
#include "sql/types/logical_type.h"

namespace stratus::formats::parquet {

/// One node of a resolved nested column.
struct NestedNode {
  enum class Kind : uint8_t { kLeaf, kStruct, kList, kMap, kNull };
  Kind kind = Kind::kNull;
  sql::LogicalType type = {};
  /// An entry whose definition level is below this has no value here: the
  /// node (or an ancestor) is NULL.
  int def = 0;
  /// kList and kMap: entries at or above this level hold an element (below
  /// it and at or above `def` the list is empty).
  int elements_def = 0;
  /// kList and kMap: the repetition level that starts a further element.
  int rep = 0;
  /// kLeaf: the leaf, with the levels to decode it at.
  LeafColumn leaf = {};
  /// kList: the element; kMap: key and value; kStruct: the fields.
  std::vector<NestedNode> children = {};
  /// The leaves below, in the column's leaf order: [first_leaf, first_leaf + leaf_count).
  size_t first_leaf = 0;
  size_t leaf_count = 0;
};

/// Resolves top-level field `top` (the index among the root's children) of
/// the file against `type`, numbering its leaves from 0 in schema order and
/// appending them to *leaves. A shape that cannot produce `type` is
/// InvalidArgument naming the column; a malformed schema is Corruption.
Result<NestedNode> ResolveNestedColumn(const FileMetaData& metadata,
                                       size_t top,
                                       const sql::LogicalType& type,
                                       std::vector<LeafColumn>* leaves);

/// Returns the index among the root's children of the top-level field
/// named `name` (case-insensitively) or with field id `field_id`.
Result<std::optional<size_t>> FindTopLevelField(const FileMetaData& metadata,
                                                const std::string& name,
                                                std::optional<int32_t> field_id);

/// Returns the top-level fields' schema elements, in file order.
Result<std::vector<const SchemaElement*>> TopLevelFields(const FileMetaData& metadata);

/// Returns the LogicalType a top-level group or repeated field reads as
/// most naturally (ARRAY, MAP, ROW of the leaves' natural types), or
/// nullopt when some part has none.
std::optional<sql::LogicalType> NaturalNestedType(const FileMetaData& metadata, size_t top);

}  // namespace stratus::formats::parquet
