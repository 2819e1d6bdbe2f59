#pragma once

// A lake over an in-memory file system, a fake clock and seeded ids for the
// Iceberg tests, plus helpers that write Parquet data and delete files.

#include <memory>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/fake_clock.h"
#include "base/random.h"
#include "formats/iceberg/data_file_metrics.h"
#include "formats/iceberg/snapshot_producer.h"
#include "formats/parquet/parquet_writer.h"
#include "io/in_memory_file_system.h"
#include "io/posix_file_system.h"
#include "lake/file_store.h"
#include "lake/lake.h"
#include "sql/vector/batch.h"
#include "sql/vector/vector.h"

namespace stratus::formats::iceberg {

/// Thread safety: one test at a time.
class TestTable {
 public:
  /// A table over an in-memory file system.
  TestTable() : files_(std::make_unique<io::InMemoryFileSystem>()) {}

  /// A table over real files: URIs under `location` go to `directory`.
  TestTable(const std::string& directory, const std::string& location)
      : files_(std::make_unique<io::PosixFileSystem>()),
        rewrite_(LocationRewrite{.from = location, .to = "file://" + directory}) {}

  CommitEnv env() { return CommitEnv{.io = &io_, .clock = &clock_, .ids = &ids_}; }

  TableIo& io() { return io_; }

  FakeClock& clock() { return clock_; }

  IdGenerator& ids() { return ids_; }

  /// Builds a batch of `types` from rows of values.
  static sql::Batch MakeBatch(const std::vector<sql::LogicalType>& types,
                              const std::vector<std::vector<sql::Value>>& rows) {
    std::vector<sql::Vector> columns;
    for (const sql::LogicalType& type : types) {
      columns.emplace_back(type, rows.size());
      columns.back().set_size(rows.size());
    }
    for (size_t r = 0; r < rows.size(); ++r) {
      for (size_t c = 0; c < types.size(); ++c) {
        columns[c].SetValue(r, rows[r][c]);
      }
    }
    return {std::move(columns), rows.size()};
  }

  /// Writes rows as a Parquet file at `path` and returns its DataFile.
  Result<DataFile> WriteDataFile(const Schema& schema,
                                 const std::string& path,
                                 std::vector<sql::Value> partition,
                                 const std::vector<std::vector<sql::Value>>& rows) {
    STRATUS_ASSIGN_OR_RETURN(std::vector<parquet::ParquetColumn> columns,
                             ParquetColumnsFor(schema));
    std::vector<sql::LogicalType> types;
    types.reserve(columns.size());
    for (const parquet::ParquetColumn& column : columns) {
      types.push_back(column.type);
    }
    parquet::ParquetWriterOptions options;
    options.codec = parquet::Codec::kZstd;
    options.key_value_metadata = {IcebergSchemaKeyValue(schema)};
    return Write(schema, path, columns, MakeBatch(types, rows), options, FileContent::kData,
                 std::move(partition), {});
  }

  /// Writes a position delete file naming (path, pos) rows.
  Result<DataFile> WritePositionDeletes(const Schema& schema,
                                        const std::string& path,
                                        std::vector<sql::Value> partition,
                                        const std::vector<std::pair<std::string, int64_t>>& rows) {
    const std::vector<parquet::ParquetColumn> columns = PositionDeleteColumns();
    std::vector<std::vector<sql::Value>> values;
    values.reserve(rows.size());
    for (const auto& [file, pos] : rows) {
      values.push_back({sql::Value::Varchar(file), sql::Value::Bigint(pos)});
    }
    return Write(schema, path, columns,
                 MakeBatch({sql::LogicalType::Varchar(), sql::LogicalType::Bigint()}, values), {},
                 FileContent::kPositionDeletes, std::move(partition), {});
  }

  /// Writes an equality delete file over the columns of `field_ids`.
  Result<DataFile> WriteEqualityDeletes(const Schema& schema,
                                        const std::string& path,
                                        std::vector<sql::Value> partition,
                                        const std::vector<int32_t>& field_ids,
                                        const std::vector<std::vector<sql::Value>>& rows) {
    std::vector<parquet::ParquetColumn> columns;
    std::vector<sql::LogicalType> types;
    for (int32_t id : field_ids) {
      const NestedField* field = schema.FindField(id);
      STRATUS_ASSIGN_OR_RETURN(sql::LogicalType type, ToLogicalType(field->type));
      columns.push_back({.name = field->name, .type = type, .field_id = id});
      types.push_back(type);
    }
    return Write(schema, path, columns, MakeBatch(types, rows), {}, FileContent::kEqualityDeletes,
                 std::move(partition), field_ids);
  }

 private:
  Result<DataFile> Write(const Schema& schema,
                         const std::string& path,
                         const std::vector<parquet::ParquetColumn>& columns,
                         const sql::Batch& batch,
                         const parquet::ParquetWriterOptions& options,
                         FileContent content,
                         std::vector<sql::Value> partition,
                         std::vector<int32_t> equality_ids) {
    STRATUS_ASSIGN_OR_RETURN(std::string bytes, parquet::WriteParquet(columns, {batch}, options));
    STRATUS_RETURN_IF_ERROR(io_.Write(path, bytes));
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectReader> reader, io_.OpenReader(path));
    STRATUS_ASSIGN_OR_RETURN(parquet::FileMetaData footer, parquet::ReadParquetFooter(*reader));
    return DataFileFromParquet(
        footer, schema,
        DataFileOptions{.file_path = path,
                        .file_size_in_bytes = static_cast<int64_t>(bytes.size()),
                        .content = content,
                        .spec_id = 0,
                        .partition = std::move(partition),
                        .equality_ids = std::move(equality_ids)});
  }

  std::unique_ptr<io::FileSystem> files_;
  std::optional<LocationRewrite> rewrite_;
  lake::FileStore store_{*files_, lake::FileStoreOptions{.sync = false}};
  lake::Lake lake_{store_, store_};
  TableIo io_{lake_, rewrite_};
  FakeClock clock_{FromUnixMillis(1'700'000'000'000)};
  IdGenerator ids_{42};
};

}  // namespace stratus::formats::iceberg
