#include "sql/exec/iceberg_writer.h"

#include <algorithm>
#include <map>
#include <span>
#include <utility>

#include "formats/iceberg/data_file_metrics.h"
#include "formats/iceberg/transform.h"
#include "formats/parquet/parquet_writer.h"
#include "lake/lake.h"
#include "sql/exec/row_copy.h"
#include "sql/types/sql_error.h"
#include "sql/vector/batch.h"
#include "sql/vector/selection_vector.h"
#include "sql/vector/string_view.h"
#include "sql/vector/vector.h"

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
  /// Rows not yet handed to the writer (flat, strings owned): the Parquet
  /// writer gets long runs of one partition, so its dictionaries stay in cache.
  std::vector<Vector> pending;
  size_t pending_rows = 0;
};

namespace {

// Distinct source values remembered per writer; past this the cache starts anew
// (a partition spec over a column of many distinct values, bucket[N] of an id).
constexpr size_t kMaxPartitionKeys = size_t{1} << 16;

// A partition's buffered rows go to its Parquet writer at this many...
constexpr size_t kRunRows = size_t{1} << 14;
// ... and every partition's once a writer buffers this many in all.
constexpr size_t kMaxPendingRows = size_t{1} << 19;

}  // namespace

IcebergFileWriter::IcebergFileWriter(IcebergWriteOptions options) : options_(std::move(options)) {}

IcebergFileWriter::~IcebergFileWriter() = default;

Result<std::unique_ptr<IcebergFileWriter>> IcebergFileWriter::Make(IcebergWriteOptions options) {
  if (options.lake == nullptr) {
    return Status::InvalidArgument("IcebergFileWriter needs a lake");
  }
  if (options.file_counter == nullptr) {
    options.file_counter = std::make_shared<std::atomic<uint64_t>>(0);
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
  writer->deletes_by_target_.resize(writer->options_.delete_targets.size());
  return writer;
}

Result<std::unique_ptr<IcebergFileWriter>> IcebergFileWriter::MakeSibling() const {
  return Make(options_);
}

std::string IcebergFileWriter::NextPath(const std::string& partition_path, const char* suffix) {
  std::string name =
      options_.file_prefix + "-" + std::to_string(options_.file_counter->fetch_add(1)) + suffix;
  return JoinPath(JoinPath(options_.data_location, partition_path), name);
}

bool IcebergFileWriter::AppendPartitionKey(const std::vector<Vector>& sources,
                                           uint32_t row,
                                           std::string* key) const {
  for (const Vector& column : sources) {
    if (column.IsNull(row)) {
      key->push_back('\0');
      continue;
    }
    key->push_back('\1');
    switch (column.physical_type()) {
      case PhysicalType::kString: {
        std::string_view text = column.values<StringView>()[row].view();
        auto size = static_cast<uint32_t>(text.size());
        key->append(reinterpret_cast<const char*>(&size), sizeof(size));
        key->append(text);
        break;
      }
      case PhysicalType::kList:
      case PhysicalType::kMap:
      case PhysicalType::kStruct:
        return false;
      default: {
        size_t width = PhysicalTypeWidth(column.physical_type());
        key->append(column.values<char>() + row * width, width);
        break;
      }
    }
  }
  return true;
}

Result<uint32_t> IcebergFileWriter::PartitionOf(const Batch& batch, uint32_t row) {
  std::vector<sql::Value> tuple;
  tuple.reserve(options_.spec.fields.size());
  for (size_t f = 0; f < options_.spec.fields.size(); ++f) {
    const iceberg::PartitionField& field = options_.spec.fields[f];
    size_t column = partition_sources_[f];
    sql::Value value = batch.column(column).GetValue(row);
    STRATUS_ASSIGN_OR_RETURN(sql::Value transformed,
                             field.transform.Apply(value, options_.schema.fields[column].type));
    tuple.push_back(std::move(transformed));
  }
  std::string path = iceberg::PartitionPath(options_.spec, tuple);
  auto [it, inserted] = partition_by_path_.try_emplace(std::move(path));
  if (inserted) {
    it->second = static_cast<uint32_t>(partitions_.size());
    partitions_.push_back({.path = it->first, .tuple = std::move(tuple)});
    open_.emplace_back();
  }
  return it->second;
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
    if (partitions_.empty()) {
      partitions_.push_back({});
      open_.emplace_back();
    }
    return WritePartition(0, table_rows, rows);
  }
  // Rows by partition: the transform runs once per distinct source value.
  std::vector<Vector> sources;
  sources.reserve(partition_sources_.size());
  for (size_t column : partition_sources_) {
    sources.push_back(table_rows.column(column).Flatten());
  }
  std::vector<uint32_t> local(partitions_.size(), UINT32_MAX);  // Partition → groups index.
  std::vector<std::pair<uint32_t, std::vector<uint32_t>>> groups;
  std::string key;
  uint32_t last_partition = UINT32_MAX;
  std::string last_key;
  for (size_t i = 0; i < count; ++i) {
    uint32_t row = rows != nullptr ? (*rows)[i] : static_cast<uint32_t>(i);
    key.clear();
    uint32_t partition = 0;
    if (!AppendPartitionKey(sources, row, &key)) {
      STRATUS_ASSIGN_OR_RETURN(partition, PartitionOf(table_rows, row));
    } else if (last_partition != UINT32_MAX && key == last_key) {
      partition = last_partition;
    } else {
      auto found = partition_by_key_.find(key);
      if (found != partition_by_key_.end()) {
        partition = found->second;
      } else {
        STRATUS_ASSIGN_OR_RETURN(partition, PartitionOf(table_rows, row));
        if (partition_by_key_.size() >= kMaxPartitionKeys) {
          partition_by_key_.clear();
        }
        partition_by_key_.emplace(key, partition);
      }
      last_key.swap(key);
      last_partition = partition;
    }
    if (partition >= local.size()) {
      local.resize(partitions_.size(), UINT32_MAX);
    }
    if (local[partition] == UINT32_MAX) {
      local[partition] = static_cast<uint32_t>(groups.size());
      groups.emplace_back(partition, std::vector<uint32_t>());
    }
    groups[local[partition]].second.push_back(row);
  }
  for (auto& [partition, group_rows] : groups) {
    SelectionVector selection(std::move(group_rows));
    STRATUS_RETURN_IF_ERROR(WritePartition(partition, table_rows, &selection));
  }
  return Status::Ok();
}

Status IcebergFileWriter::WritePartition(uint32_t partition,
                                         const Batch& batch,
                                         const SelectionVector* rows) {
  std::unique_ptr<OpenFile>& slot = open_[partition];
  if (slot == nullptr) {
    auto file = std::make_unique<OpenFile>();
    file->path = NextPath(partitions_[partition].path, ".parquet");
    file->partition = partitions_[partition].tuple;
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
    slot = std::move(file);
  }
  OpenFile& file = *slot;
  if (file.pending.empty()) {
    for (const Vector& column : batch.columns()) {
      file.pending.emplace_back(column.type(), 0);
    }
  }
  const size_t count = rows != nullptr ? rows->size() : batch.num_rows();
  for (size_t c = 0; c < file.pending.size(); ++c) {
    AppendRows(batch.column(c), rows != nullptr ? rows->data() : nullptr, count,
               /*own_strings=*/true, &file.pending[c]);
  }
  file.pending_rows += count;
  pending_rows_ += count;
  rows_written_ += count;
  if (file.pending_rows >= kRunRows) {
    STRATUS_RETURN_IF_ERROR(FlushPending(slot));
  }
  if (pending_rows_ >= kMaxPendingRows) {
    for (std::unique_ptr<OpenFile>& open : open_) {
      if (open != nullptr) {
        STRATUS_RETURN_IF_ERROR(FlushPending(open));
      }
    }
  }
  return Status::Ok();
}

Status IcebergFileWriter::FlushPending(std::unique_ptr<OpenFile>& slot) {
  OpenFile& file = *slot;
  if (file.pending_rows == 0) {
    return Status::Ok();
  }
  const size_t count = file.pending_rows;
  std::vector<Vector> columns;
  columns.swap(file.pending);
  file.pending_rows = 0;
  pending_rows_ -= count;
  STRATUS_RETURN_IF_ERROR(file.writer->Write(Batch(std::move(columns), count)));
  if (file.writer->bytes_written() >= options_.target_file_bytes) {
    std::unique_ptr<OpenFile> full = std::move(slot);
    STRATUS_RETURN_IF_ERROR(CloseFile(*full));
  }
  return Status::Ok();
}

Status IcebergFileWriter::CloseFile(OpenFile& file) {
  if (file.pending_rows > 0) {
    const size_t count = file.pending_rows;
    std::vector<Vector> columns;
    columns.swap(file.pending);
    file.pending_rows = 0;
    pending_rows_ -= count;
    STRATUS_RETURN_IF_ERROR(file.writer->Write(Batch(std::move(columns), count)));
  }
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

Status IcebergFileWriter::Absorb(IcebergFileWriter& sibling) {
  written_paths_.insert(written_paths_.end(), sibling.written_paths_.begin(),
                        sibling.written_paths_.end());
  sibling.written_paths_.clear();
  for (std::unique_ptr<OpenFile>& file : sibling.open_) {
    if (file != nullptr) {
      std::unique_ptr<OpenFile> open = std::move(file);
      STRATUS_RETURN_IF_ERROR(sibling.CloseFile(*open));
    }
  }
  for (iceberg::DataFile& file : sibling.files_) {
    files_.push_back(std::move(file));
  }
  sibling.files_.clear();
  for (size_t target = 0; target < sibling.deletes_by_target_.size(); ++target) {
    std::vector<int64_t>& from = sibling.deletes_by_target_[target];
    std::vector<int64_t>& to = deletes_by_target_[target];
    if (to.empty()) {
      to.swap(from);
    } else {
      to.insert(to.end(), from.begin(), from.end());
      from = {};
    }
  }
  rows_written_ += sibling.rows_written_;
  rows_deleted_ += sibling.rows_deleted_;
  sibling.rows_written_ = 0;
  sibling.rows_deleted_ = 0;
  return Status::Ok();
}

std::vector<std::string> IcebergFileWriter::DeletedFrom() const {
  std::vector<std::string> paths;
  for (size_t target = 0; target < deletes_by_target_.size(); ++target) {
    if (!deletes_by_target_[target].empty()) {
      paths.push_back(options_.delete_targets[target]->file_path);
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

Result<std::vector<iceberg::DataFile>> IcebergFileWriter::Finish() {
  for (std::unique_ptr<OpenFile>& file : open_) {
    if (file != nullptr) {
      std::unique_ptr<OpenFile> open = std::move(file);
      STRATUS_RETURN_IF_ERROR(CloseFile(*open));
    }
  }

  // The deleted positions, sorted per data file; the data files grouped by
  // spec id + partition path (one delete file per group), paths in order.
  struct DeleteGroup {
    int32_t spec_id = 0;
    const std::vector<sql::Value>* partition = nullptr;
    std::vector<uint32_t> targets = {};
  };

  std::map<std::string, DeleteGroup> groups;
  for (size_t target = 0; target < deletes_by_target_.size(); ++target) {
    std::vector<int64_t>& positions = deletes_by_target_[target];
    if (positions.empty()) {
      continue;
    }
    std::sort(positions.begin(), positions.end());
    auto repeated = std::adjacent_find(positions.begin(), positions.end());
    if (repeated != positions.end()) {
      if (options_.single_change_per_row) {
        return SqlError("MERGE_TARGET_ROW_MULTIPLE_MATCHES",
                        "One MERGE target table row matched more than one source row");
      }
      positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
    }
    const iceberg::DataFile& data_file = *options_.delete_targets[target];
    std::string path = data_file.spec_id == options_.spec.spec_id
                           ? iceberg::PartitionPath(options_.spec, data_file.partition)
                           : std::string();
    auto [it, inserted] = groups.try_emplace(std::to_string(data_file.spec_id) + "/" + path);
    if (inserted) {
      it->second.spec_id = data_file.spec_id;
      it->second.partition = &data_file.partition;
    }
    it->second.targets.push_back(static_cast<uint32_t>(target));
  }
  std::vector<parquet::ParquetColumn> delete_columns = {
      {.name = "file_path",
       .type = LogicalType::Varchar(),
       .field_id = iceberg::kDeleteFilePathFieldId},
      {.name = "pos", .type = LogicalType::Bigint(), .field_id = iceberg::kDeletePosFieldId}};
  for (auto& [key, group] : groups) {
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
    // The spec: rows sorted by file_path, then pos.
    std::sort(group.targets.begin(), group.targets.end(), [&](uint32_t a, uint32_t b) {
      return options_.delete_targets[a]->file_path < options_.delete_targets[b]->file_path;
    });
    constexpr size_t kRowsPerBatch = 4096;
    for (uint32_t target : group.targets) {
      const std::string& data_path = options_.delete_targets[target]->file_path;
      const std::vector<int64_t>& positions = deletes_by_target_[target];
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
                                      .partition = *group.partition,
                                      .truncate_length = 0}));
    // The file_path bounds, whole (the Parquet statistics leave out long
    // strings): a reader matches the file to the data files it names.
    if (!group.targets.empty()) {
      delete_file.lower_bounds[iceberg::kDeleteFilePathFieldId] =
          options_.delete_targets[group.targets.front()]->file_path;
      delete_file.upper_bounds[iceberg::kDeleteFilePathFieldId] =
          options_.delete_targets[group.targets.back()]->file_path;
    }
    files_.push_back(std::move(delete_file));
  }
  deletes_by_target_.clear();
  return std::move(files_);
}

}  // namespace stratus::sql::exec
