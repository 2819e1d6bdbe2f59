#pragma once

// ColumnChunkWriter: buffers one top-level column's values for the open row
// group and encodes them as column chunks (pages and metadata) when it
// closes: one chunk for a flat column, one per leaf for a nested one
// (nested_column_writer.cc shreds ARRAY, MAP and ROW values into their
// leaves' repetition and definition levels).
//
// LeafChunkWriter: the encoder of one leaf, flat or below groups.
//
// Ownership: owns its buffers. Thread safety: one thread at a time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "sql/types/logical_type.h"

namespace stratus::sql {
class Vector;
}  // namespace stratus::sql

namespace stratus::formats::parquet {

struct ParquetColumn;
struct ParquetWriterOptions;

class ColumnChunkWriter {
 public:
  /// Returns NotImplemented for types we do not write.
  static Result<std::unique_ptr<ColumnChunkWriter>> Make(const ParquetColumn& column,
                                                         const ParquetWriterOptions& options);
  virtual ~ColumnChunkWriter() = default;

  /// The column's schema elements, in the footer's depth-first order.
  virtual std::vector<SchemaElement> Schema() const = 0;
  /// Appends rows [0, rows) of `vector` (any encoding).
  virtual void Append(const sql::Vector& vector, size_t rows) = 0;
  /// The encoded size buffered so far (before compression).
  virtual size_t buffered_bytes() const = 0;
  /// Encodes the buffered rows as chunks starting at file offset `offset`,
  /// appends their bytes to *out and their metadata to *chunks, and empties
  /// the buffers.
  virtual Status Flush(int64_t offset, std::string* out, std::vector<ColumnChunk>* chunks) = 0;
  /// The uncompressed size (page headers included) of the last flushed chunks.
  virtual size_t flushed_uncompressed_bytes() const = 0;
};

/// Where a leaf sits: its path from the root's child down, its own
/// repetition and its maximum levels.
struct LeafPlacement {
  std::vector<std::string> path = {};
  Repetition repetition = Repetition::kOptional;
  int max_definition_level = 1;
  int max_repetition_level = 0;
  std::optional<int32_t> field_id = std::nullopt;
};

class LeafChunkWriter {
 public:
  /// Returns NotImplemented for types we do not write (nested ones included).
  static Result<std::unique_ptr<LeafChunkWriter>> Make(LeafPlacement placement,
                                                       sql::LogicalType type,
                                                       const ParquetWriterOptions& options);
  virtual ~LeafChunkWriter() = default;

  virtual SchemaElement Schema() const = 0;
  /// Appends rows [0, rows) of `vector` (any encoding) as a flat column.
  virtual void Append(const sql::Vector& vector, size_t rows) = 0;
  /// Appends level entries: entry i has levels reps[i] and defs[i], and the
  /// value at row rows[i] of `vector` (flat) when defs[i] is the maximum.
  virtual void AppendLeveled(const sql::Vector& vector,
                             std::span<const int64_t> rows,
                             std::span<const uint8_t> defs,
                             std::span<const uint8_t> reps) = 0;
  virtual size_t buffered_bytes() const = 0;
  virtual Result<ColumnChunk> Flush(int64_t offset, std::string* out) = 0;
  virtual size_t flushed_uncompressed_bytes() const = 0;
};

/// The writer of an ARRAY, MAP or ROW column (nested_column_writer.cc).
Result<std::unique_ptr<ColumnChunkWriter>> MakeNestedColumnWriter(
    const ParquetColumn& column, const ParquetWriterOptions& options);

}  // namespace stratus::formats::parquet
