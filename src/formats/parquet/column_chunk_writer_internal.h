#pragma once

// ColumnChunkWriter: buffers one column's values for the open row group and
// encodes them as a column chunk (pages and metadata) when it closes.
//
// Ownership: owns its buffers. Thread safety: one thread at a time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "sql/types/logical_type.h"

namespace stratus::sql {
class Vector;
}  // namespace stratus::sql

namespace stratus::formats::parquet {

struct ParquetWriterOptions;

class ColumnChunkWriter {
 public:
  /// Returns NotImplemented for types we do not write.
  static Result<std::unique_ptr<ColumnChunkWriter>> Make(std::string name,
                                                         sql::LogicalType type,
                                                         std::optional<int32_t> field_id,
                                                         const ParquetWriterOptions& options);
  virtual ~ColumnChunkWriter() = default;

  /// The column's schema element.
  virtual SchemaElement Schema() const = 0;
  /// Appends rows [0, rows) of `vector` (any encoding).
  virtual void Append(const sql::Vector& vector, size_t rows) = 0;
  /// The encoded size buffered so far (before compression).
  virtual size_t buffered_bytes() const = 0;
  /// Encodes the buffered rows as a chunk starting at file offset `offset`,
  /// appends its bytes to *out, returns its metadata, and empties the buffers.
  virtual Result<ColumnChunk> Flush(int64_t offset, std::string* out) = 0;
  /// The uncompressed size (page headers included) of the last flushed chunk.
  virtual size_t flushed_uncompressed_bytes() const = 0;
};

}  // namespace stratus::formats::parquet
