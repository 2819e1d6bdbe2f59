#pragma once

// Builds the DataFile of a Parquet file we wrote from its footer
// (parquet::FileMetaData from ParquetWriter::metadata()): column sizes,
// value and null counts and lower/upper bounds by field id, as Java's
// default metrics mode truncate(16) records them (string bounds cut to 16
// code points; the upper bound's last kept code point incremented).
//
// Thread safety: free functions.

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "formats/iceberg/data_file.h"
#include "formats/iceberg/schema.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_split_reader.h"
#include "sql/types/value.h"

namespace stratus::formats::iceberg {

struct DataFileOptions {
  /// Absolute URI of the file.
  std::string file_path = {};
  int64_t file_size_in_bytes = 0;
  FileContent content = FileContent::kData;
  int32_t spec_id = 0;
  /// The partition tuple (PartitionTuple), one value per spec field.
  std::vector<sql::Value> partition = {};
  /// Equality delete files: the field ids matched on.
  std::vector<int32_t> equality_ids = {};
  /// Java's default truncate(16); 0 keeps bounds whole.
  int32_t truncate_length = 16;
};

/// Builds a DataFile from a Parquet footer whose columns carry field ids
/// (the writer's ParquetColumn::field_id). Columns without an id are left
/// out of the metrics; split offsets are the row groups' starts.
Result<DataFile> DataFileFromParquet(const parquet::FileMetaData& footer,
                                     const Schema& schema,
                                     DataFileOptions options);

/// The Parquet columns (name, type, field id) to write a data file of
/// `schema`'s top-level columns, and the footer key "iceberg.schema".
Result<std::vector<parquet::ParquetColumn>> ParquetColumnsFor(const Schema& schema);

}  // namespace stratus::formats::iceberg
