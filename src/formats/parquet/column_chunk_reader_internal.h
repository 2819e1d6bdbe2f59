#pragma once

// ColumnChunkReader: decodes one flat column chunk's pages into vectors of
// a LogicalType, a batch at a time (docs/formats/parquet.md, "Types" and
// "Encodings and pages"). The chunk's bytes are read whole by the caller;
// pages are decompressed one at a time, and strings point into the
// decompressed page or dictionary, which the output vector keeps alive.
//
// Ownership: shares the chunk bytes; borrows the LeafColumn's schema
// element, which must outlive the reader.
// Thread safety: one thread at a time.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "base/result.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_schema_internal.h"
#include "sql/types/logical_type.h"

namespace stratus::sql {
class Buffer;
class Vector;
}  // namespace stratus::sql

namespace stratus::formats::parquet {

class ColumnChunkReader {
 public:
  /// REQUIRES: CheckReadable(leaf, type) is OK.
  static Result<std::unique_ptr<ColumnChunkReader>> Make(const LeafColumn& leaf,
                                                         const ColumnMetaData& meta,
                                                         sql::LogicalType type,
                                                         std::shared_ptr<sql::Buffer> chunk);
  virtual ~ColumnChunkReader() = default;

  /// Decodes the next `num_rows` rows into rows [0, num_rows) of *out, a
  /// flat vector of the reader's type with capacity >= num_rows.
  virtual Status Read(size_t num_rows, sql::Vector* out) = 0;

  /// For a leaf below a LIST, MAP or group: decodes the next `count` level
  /// entries (values, NULLs and empty or NULL ancestors alike) into rows
  /// [first, first + count) of *out (NULL where the entry has no value) and
  /// appends their repetition and definition levels to *reps and *defs. A
  /// level above the leaf's maximum is Corruption.
  virtual Status ReadLeveled(size_t first,
                             size_t count,
                             sql::Vector* out,
                             std::vector<uint16_t>* reps,
                             std::vector<uint16_t>* defs) = 0;

  /// Hands over the buffer of the last decompressed page, so that the next
  /// chunk's reader may reuse it (it does only when no vector holds it).
  virtual std::shared_ptr<sql::Buffer> TakePageBuffer() = 0;
  /// Gives the reader a buffer to decompress its first page into, if it fits.
  virtual void SetSparePageBuffer(std::shared_ptr<sql::Buffer> buffer) = 0;
};

}  // namespace stratus::formats::parquet
