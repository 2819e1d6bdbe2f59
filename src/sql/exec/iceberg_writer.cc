#include "sql/exec/iceberg_writer.h"

#include <algorithm>
#include <span>
#include <utility>

#include "formats/iceberg/data_file_metrics.h"
#include "formats/iceberg/transform.h"
#include "formats/parquet/parquet_writer.h"
#include "lake/lake.h"
#include "sql/types/sql_error.h"
#include "sql/vector/batch.h"
#include "sql/vector/selection_vector.h"

namespace stratus::sql::exec {

namespace iceberg = formats::iceberg;
namespace parquet = formats::parquet;

namespace {

std::string JoinPath(const std::string& directory, const std::string& name) {
  if (directory.empty()) {
    return name;
  }
  if (name.empty()) {
    return directory;
  }
  return directory.back() == '/' ? directory + name : directory + "/" + name;
}

}  // namespace

struct IcebergFileWriter::OpenFile {
  std::string path;
  std::vector<sql::Value> partition;
  std::unique_ptr<lake::ObjectWriter> sink;
  std::unique_ptr<parquet::ParquetWriter> writer;
};

IcebergFileWriter::IcebergFileWriter(IcebergWriteOptions options) : options_(std::move(options)) {}

IcebergFileWriter::~IcebergFileWriter() = default;

Result<std::unique_ptr<IcebergFileWriter>> IcebergFileWriter::Make(IcebergWriteOptions options) {
  if (options.lake == nullptr) {
    return Status::InvalidArgument("IcebergFileWriter needs a lake");
  }
  std::unique_ptr<IcebergFileWriter> writer(
      new IcebergFileWriter(std::move(options)));  // STRATUS_LINT_ALLOW(private constructor)
  STRATUS_ASSIGN_OR_RETURN(writer->columns_, iceberg::ParquetColumnsFor(writer->options_.schema));
  for (const iceberg::PartitionField& field : writer->options_.spec.fields) {
    size_t index = 0;
    while (index < writer->options_.schema.fields.size() &&
           writer->options_.schema.fields[index].id != field.source_id) {
      ++index;
    }
    if (index == writer->options_.schema.fields.size()) {
      return SqlError(kNotSupported,
                      "Partitioning by a nested field is not supported: " + field.name);
    }
    writer->partition_sources_.push_back(index);
  }
  return writer;
}

std::string IcebergFileWriter::NextPath(const std::string& partition_path, const char* suffix) {
  std::string name = options_.file_prefix + "-" + std::to_string(next_file_++) + suffix;
  return JoinPath(JoinPath(options_.data_location, partition_path), name);
}

Status IcebergFileWriter::WriteRows(const Batch& batch, const SelectionVector* rows) {
  size_t count = rows != nullptr ? rows->size() : batch.num_rows();
  if (count == 0) {
    return Status::Ok();
  }
  if (batch.num_columns() < options_.schema.fields.size()) {
    return SqlError(kGenericInternalError, "Iceberg write: the batch lacks the table's columns");
  }
  // Only the table's columns go to the files.
  std::vector<Vector> columns(
      batch.columns().begin(),
      batch.columns().begin() + static_cast<std::ptrdiff_t>(options_.schema.fields.size()));
  Batch table_rows(std::move(columns), batch.num_rows());
  if (options_.spec.is_unpartitioned()) {
    return WritePartition("", {}, table_rows, rows);
  }
  // Rows by partition, in first-seen order.
  std::map<std::string, std::pair<std::vector<sql::Value>, std::vector<uint32_t>>> groups;
  std::vector<sql::Value> source(options_.schema.fields.size());
  for (size_t i = 0; i < count; ++i) {
    uint32_t row = rows != nullptr ? (*rows)[i] : static_cast<uint32_t>(i);
    std::vector<sql::Value> tuple;
    tuple.reserve(options_.spec.fields.size());
    for (size_t f = 0; f < options_.spec.fields.size(); ++f) {
      const iceberg::PartitionField& field = options_.spec.fields[f];
      size_t column = partition_sources_[f];
      sql::Value value = table_rows.column(column).GetValue(row);
      STRATUS_ASSIGN_OR_RETURN(sql::Value transformed,
                               field.transform.Apply(value, options_.schema.fields[column].type));
      tuple.push_back(std::move(transformed));
    }
    std::string path = iceberg::PartitionPath(options_.spec, tuple);
    auto [it, inserted] = groups.try_emplace(path);
    if (inserted) {
      it->second.first = std::move(tuple);
    }
    it->second.second.push_back(row);
  }
  for (auto& [path, group] : groups) {
    SelectionVector selection(std::move(group.second));
    STRATUS_RETURN_IF_ERROR(WritePartition(path, std::move(group.first), table_rows, &selection));
  }
  return Status::Ok();
}

Status IcebergFileWriter::WritePartition(const std::string& path,
                                         std::vector<sql::Value> tuple,
                                         const Batch& batch,
                                         const SelectionVector* rows) {
  auto it = open_.find(path);
  if (it == open_.end()) {
    auto file = std::make_unique<OpenFile>();
    file->path = NextPath(path, ".parquet");
    file->partition = std::move(tuple);
    STRATUS_ASSIGN_OR_RETURN(file->sink, options_.lake->CreateWriter(file->path));
    parquet::ParquetWriterOptions writer_options;
    writer_options.codec = options_.codec;
    writer_options.timestamp_micros = true;
    writer_options.row_group_bytes =
        std::min<size_t>(writer_options.row_group_bytes, options_.target_file_bytes);
    writer_options.key_value_metadata.push_back(
        {.key = "iceberg.schema", .value = iceberg::SchemaToJson(options_.schema)});
    STRATUS_ASSIGN_OR_RETURN(
        file->writer, parquet::ParquetWriter::Make(columns_, writer_options, file->sink.get()));
    written_paths_.push_back(file->path);
    it = open_.emplace(path, std::move(file)).first;
  }
  OpenFile& file = *it->second;
  if (rows != nullptr) {
    STRATUS_RETURN_IF_ERROR(file.writer->Write(batch.Select(*rows)));
    rows_written_ += rows->size();
  } else {
    STRATUS_RETURN_IF_ERROR(file.writer->Write(batch));
    rows_written_ += batch.num_rows();
  }
  if (file.writer->bytes_written() >= options_.target_file_bytes) {
    std::unique_ptr<OpenFile> full = std::move(it->second);
    open_.erase(it);
    STRATUS_RETURN_IF_ERROR(CloseFile(*full));
  }
  return Status::Ok();
}

Status IcebergFileWriter::CloseFile(OpenFile& file) {
  STRATUS_RETURN_IF_ERROR(file.writer->Close());
  STRATUS_ASSIGN_OR_RETURN(lake::ObjectInfo info, file.sink->Commit());
  STRATUS_ASSIGN_OR_RETURN(
      iceberg::DataFile data_file,
      iceberg::DataFileFromParquet(file.writer->metadata(), options_.schema,
                                   {.file_path = file.path,
                                    .file_size_in_bytes = static_cast<int64_t>(info.size),
                                    .content = iceberg::FileContent::kData,
                                    .spec_id = options_.spec.spec_id,
                                    .partition = file.partition}));
  files_.push_back(std::move(data_file));
  return Status::Ok();
}

Status IcebergFileWriter::DeleteRow(const iceberg::DataFile& data_file,
                                    int64_t position,
                                    bool once) {
  if (once && !deleted_once_[data_file.file_path].insert(position).second) {
    return SqlError("MERGE_TARGET_ROW_MULTIPLE_MATCHES",
                    "One MERGE target table row matched more than one source row");
  }
  std::string path = data_file.spec_id == options_.spec.spec_id
                         ? iceberg::PartitionPath(options_.spec, data_file.partition)
                         : std::string();
  std::string key = std::to_string(data_file.spec_id) + "/" + path;
  auto [it, inserted] = deletes_.try_emplace(key);
  if (inserted) {
    it->second.spec_id = data_file.spec_id;
    it->second.partition = data_file.partition;
  }
  it->second.positions[data_file.file_path].push_back(position);
  ++rows_deleted_;
  return Status::Ok();
}

Result<std::vector<iceberg::DataFile>> IcebergFileWriter::Finish() {
  for (auto& [path, file] : open_) {
    STRATUS_RETURN_IF_ERROR(CloseFile(*file));
  }
  open_.clear();
  std::vector<parquet::ParquetColumn> delete_columns = {
      {.name = "file_path",
       .type = LogicalType::Varchar(),
       .field_id = iceberg::kDeleteFilePathFieldId},
      {.name = "pos", .type = LogicalType::Bigint(), .field_id = iceberg::kDeletePosFieldId}};
  for (auto& [key, group] : deletes_) {
    std::string partition_path = key.substr(key.find('/') + 1);
    std::string path = NextPath(partition_path, "-deletes.parquet");
    STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectWriter> sink,
                             options_.lake->CreateWriter(path));
    written_paths_.push_back(path);
    parquet::ParquetWriterOptions writer_options;
    writer_options.codec = options_.codec;
    STRATUS_ASSIGN_OR_RETURN(
        std::unique_ptr<parquet::ParquetWriter> writer,
        parquet::ParquetWriter::Make(delete_columns, writer_options, sink.get()));
    // The spec: rows sorted by file_path, then pos (the map orders paths).
    constexpr size_t kRowsPerBatch = 4096;
    for (auto& [data_path, positions] : group.positions) {
      std::sort(positions.begin(), positions.end());
      positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
      for (size_t start = 0; start < positions.size(); start += kRowsPerBatch) {
        size_t n = std::min(kRowsPerBatch, positions.size() - start);
        Vector paths = Vector::Constant(sql::Value::Varchar(data_path), n).Flatten();
        Vector pos(LogicalType::Bigint(), n);
        std::copy_n(positions.begin() + static_cast<std::ptrdiff_t>(start), n,
                    pos.mutable_values<int64_t>());
        pos.set_size(n);
        std::vector<Vector> columns;
        columns.push_back(std::move(paths));
        columns.push_back(std::move(pos));
        STRATUS_RETURN_IF_ERROR(writer->Write(Batch(std::move(columns), n)));
      }
    }
    STRATUS_RETURN_IF_ERROR(writer->Close());
    STRATUS_ASSIGN_OR_RETURN(lake::ObjectInfo info, sink->Commit());
    iceberg::Schema delete_schema;
    delete_schema.fields = {{.id = iceberg::kDeleteFilePathFieldId,
                             .name = "file_path",
                             .required = true,
                             .type = iceberg::Type::Primitive(iceberg::TypeId::kString)},
                            {.id = iceberg::kDeletePosFieldId,
                             .name = "pos",
                             .required = true,
                             .type = iceberg::Type::Primitive(iceberg::TypeId::kLong)}};
    STRATUS_ASSIGN_OR_RETURN(
        iceberg::DataFile delete_file,
        iceberg::DataFileFromParquet(writer->metadata(), delete_schema,
                                     {.file_path = path,
                                      .file_size_in_bytes = static_cast<int64_t>(info.size),
                                      .content = iceberg::FileContent::kPositionDeletes,
                                      .spec_id = group.spec_id,
                                      .partition = group.partition,
                                      .truncate_length = 0}));
    // The file_path bounds, whole (the Parquet statistics leave out long
    // strings): a reader matches the file to the data files it names.
    if (!group.positions.empty()) {
      delete_file.lower_bounds[iceberg::kDeleteFilePathFieldId] = group.positions.begin()->first;
      delete_file.upper_bounds[iceberg::kDeleteFilePathFieldId] = group.positions.rbegin()->first;
    }
    files_.push_back(std::move(delete_file));
  }
  deletes_.clear();
  return std::move(files_);
}

}  // namespace stratus::sql::exec
