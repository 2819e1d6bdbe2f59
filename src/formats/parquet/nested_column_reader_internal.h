#pragma once

// NestedColumnReader: reads one nested top-level column (ARRAY, MAP, ROW)
// of a row group (docs/formats/parquet.md, "Nested columns"). Each leaf's
// chunk is decoded whole at the start of the row group — values with their
// repetition and definition levels — and each batch assembles its rows
// from the leaves' levels into the engine's nested vectors: ListEntry
// offsets over element children for arrays and maps, aligned field
// children for rows. Levels that contradict each other (leaves of one list
// disagreeing on its length, a value repeating where nothing repeats, fewer
// rows than the row group declares) are Corruption, never a crash.
//
// Ownership: owns its leaves' decoded values; borrows the schema elements
// (in the FileMetaData), which must outlive it.
// Thread safety: one thread at a time.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "base/result.h"
#include "formats/parquet/nested_schema_internal.h"

namespace stratus::sql {
class Buffer;
class Vector;
}  // namespace stratus::sql

namespace stratus::formats::parquet {

/// Returns `rows` NULL rows of `type` (ROW fields NULL too, ARRAY and MAP
/// rows without elements): what a nested column the file lacks reads as.
sql::Vector NullNestedVector(const sql::LogicalType& type, size_t rows);

class NestedColumnReader {
 public:
  /// Fetches a column chunk's bytes.
  using FetchChunk = std::function<Result<std::shared_ptr<sql::Buffer>>(const ColumnMetaData&)>;

  NestedColumnReader(NestedNode root, std::vector<LeafColumn> leaves);
  ~NestedColumnReader();

  /// Decodes the leaves' chunks of `group`.
  Status StartRowGroup(const RowGroup& group, const FetchChunk& fetch);

  /// Assembles the next `num_rows` rows of the row group into *out.
  Status Read(size_t num_rows, sql::Vector* out);

 private:
  struct LeafData;

  // Per leaf (in the column's leaf order), the entry ranges of each slot.
  struct Ranges {
    std::vector<std::vector<uint32_t>> begins;
    std::vector<std::vector<uint32_t>> ends;
  };

  Result<sql::Vector> Assemble(const NestedNode& node, size_t slots, const Ranges& ranges) const;

  const NestedNode root_;
  const std::vector<LeafColumn> leaves_;
  std::vector<LeafData> data_;
  size_t next_row_ = 0;
  size_t num_rows_ = 0;
};

}  // namespace stratus::formats::parquet
