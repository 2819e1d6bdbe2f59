#include "sql/exec/parquet_table_writer.h"

#include <algorithm>
#include <utility>

#include "formats/parquet/parquet_writer.h"
#include "lake/lake.h"
#include "sql/exec/table_writer_internal.h"
#include "sql/types/sql_error.h"

namespace stratus::sql::exec {

ParquetTableWriter::ParquetTableWriter(std::shared_ptr<TableWriteTarget> target)
    : target_(std::move(target)),
      num_partition_keys_(target_->table->partition_keys.size()),
      file_bytes_(target_->file_bytes == 0 ? kParquetTableFileBytes : target_->file_bytes) {}

ParquetTableWriter::~ParquetTableWriter() = default;

Status ParquetTableWriter::Open(OpenFile& file, const std::string& directory) {
  file.uri = NextFileUri(*target_, directory);
  STRATUS_ASSIGN_OR_RETURN(file.sink, target_->lake->CreateWriter(file.uri));
  std::vector<formats::parquet::ParquetColumn> columns;
  const std::vector<catalog::ColumnDescriptor>& table_columns = target_->table->columns;
  for (size_t c = 0; c < table_columns.size(); ++c) {
    columns.push_back({.name = table_columns[c].name,
                       .type = table_columns[c].type,
                       .field_id = c < target_->parquet_field_ids.size()
                                       ? target_->parquet_field_ids[c]
                                       : std::nullopt});
  }
  formats::parquet::ParquetWriterOptions options;
  options.codec = target_->parquet_codec;
  options.row_group_bytes = std::min(options.row_group_bytes, file_bytes_);
  options.timestamp_micros = target_->parquet_timestamp_micros;
  options.key_value_metadata = target_->parquet_key_value_metadata;
  Result<std::unique_ptr<formats::parquet::ParquetWriter>> writer =
      formats::parquet::ParquetWriter::Make(std::move(columns), options, file.sink.get());
  if (!writer.ok()) {
    return writer.status().code() == StatusCode::kNotImplemented
               ? SqlError(kNotSupported, writer.status().message())
               : writer.status();
  }
  file.writer = std::move(*writer);
  return Status::Ok();
}

Status ParquetTableWriter::Close(OpenFile& file) {
  if (file.writer == nullptr) {
    return Status::Ok();
  }
  STRATUS_RETURN_IF_ERROR(file.writer->Close());
  STRATUS_ASSIGN_OR_RETURN(lake::ObjectInfo info, file.sink->Commit());
  RecordWrittenFile(
      *target_,
      WrittenFile{.uri = file.uri,
                  .size_bytes = info.size,
                  .num_rows = static_cast<uint64_t>(file.writer->num_rows()),
                  .partition_path_values = file.path_values,
                  .partition_values = file.values,
                  .parquet_metadata = std::make_shared<const formats::parquet::FileMetaData>(
                      file.writer->metadata())});
  file.writer.reset();
  file.sink.reset();
  return Status::Ok();
}

Status ParquetTableWriter::WriteBatch(OpenFile& file,
                                      const std::string& directory,
                                      const Batch& batch) {
  if (file.writer == nullptr) {
    STRATUS_RETURN_IF_ERROR(Open(file, directory));
  }
  STRATUS_RETURN_IF_ERROR(file.writer->Write(batch));
  if (file.writer->bytes_written() >= file_bytes_) {
    STRATUS_RETURN_IF_ERROR(Close(file));
  }
  return Status::Ok();
}

Status ParquetTableWriter::Write(const Batch& input) {
  const size_t rows = input.num_rows();
  if (rows == 0) {
    return Status::Ok();
  }
  const size_t num_data = input.num_columns() - num_partition_keys_;
  std::vector<Vector> data(input.columns().begin(),
                           input.columns().begin() + static_cast<ptrdiff_t>(num_data));
  if (num_partition_keys_ == 0) {
    STRATUS_RETURN_IF_ERROR(WriteBatch(files_[""], "", Batch(std::move(data), rows)));
    target_->rows_written.fetch_add(rows);
    return Status::Ok();
  }
  std::vector<Vector> columns;
  for (const Vector& column : input.columns()) {
    columns.push_back(column.Flatten());
  }
  // Groups the rows by partition directory, in order of first appearance.
  std::map<std::string, SelectionVector> groups;
  std::vector<std::string> order;
  for (size_t row = 0; row < rows; ++row) {
    PartitionOfRow partition = PartitionOf(*target_, columns, row, false);
    auto [it, inserted] = groups.try_emplace(partition.directory);
    if (inserted) {
      order.push_back(partition.directory);
      OpenFile& file = files_[partition.directory];
      if (file.path_values.empty()) {
        PartitionOfRow full = PartitionOf(*target_, columns, row, true);
        file.path_values = std::move(full.path_values);
        file.values = std::move(full.values);
        RecordPartition(*target_, file.path_values);
      }
    }
    it->second.Append(static_cast<uint32_t>(row));
  }
  const Batch data_batch(std::move(data), rows);
  for (const std::string& directory : order) {
    STRATUS_RETURN_IF_ERROR(
        WriteBatch(files_[directory], directory, data_batch.Select(groups[directory])));
  }
  target_->rows_written.fetch_add(rows);
  return Status::Ok();
}

Status ParquetTableWriter::Finish() {
  for (auto& [directory, file] : files_) {
    STRATUS_RETURN_IF_ERROR(Close(file));
  }
  return Status::Ok();
}

}  // namespace stratus::sql::exec
