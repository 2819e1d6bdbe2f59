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
#include "formats/iceberg/table_metadata.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/parquet_split_reader.h"
#include "formats/parquet/parquet_writer.h"
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
/// out of the metrics; split offsets are the row groups' starts. Position
/// delete files (content kPositionDeletes) get bounds for their file_path
/// and pos columns, file_path kept whole.
Result<DataFile> DataFileFromParquet(const parquet::FileMetaData& footer,
                                     const Schema& schema,
                                     DataFileOptions options);

/// The Parquet columns (name, type, field id) to write a data file of
/// `schema`'s top-level columns. Nested columns are NotImplemented (the
/// Parquet writer is flat).
Result<std::vector<parquet::ParquetColumn>> ParquetColumnsFor(const Schema& schema);

/// The two columns of a position delete file (file_path string, pos long,
/// with the spec's field ids). Write rows sorted by file_path, then pos.
std::vector<parquet::ParquetColumn> PositionDeleteColumns();

/// The writer options for a data file of `metadata`'s table: the codec of
/// write.parquet.compression-codec (zstd, snappy, gzip, lz4, uncompressed;
/// Athena's default zstd), timestamps as MICROS (Iceberg requires them), and
/// the "iceberg.schema" footer entry of the current schema.
parquet::ParquetWriterOptions IcebergParquetOptions(const TableMetadata& metadata);

/// The footer entry Java writes into Iceberg data files: "iceberg.schema"
/// with the schema's JSON. Add it to ParquetWriterOptions::key_value_metadata.
parquet::KeyValue IcebergSchemaKeyValue(const Schema& schema);

}  // namespace stratus::formats::iceberg
