#include "sql/exec/iceberg_scan.h"

#include <algorithm>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "formats/iceberg/delete_files.h"
#include "formats/iceberg/scan_planner.h"
#include "formats/iceberg/table_io.h"
#include "formats/iceberg/table_loader.h"
#include "formats/parquet/parquet_split_reader.h"
#include "lake/lake.h"
#include "sql/exec/statistics_pruning.h"
#include "sql/planner/logical_plan.h"
#include "sql/types/sql_error.h"
#include "sql/vector/batch.h"

namespace stratus::sql::exec {

namespace iceberg = formats::iceberg;
namespace parquet = formats::parquet;

namespace {

constexpr std::string_view kIcebergBadData = "ICEBERG_BAD_DATA";

Status BadData(const Status& status) {
  if (!SqlErrorName(status).empty()) {
    return status;
  }
  return SqlError(kIcebergBadData, status.message());
}

// The scan's filters judged on a manifest's or a file's statistics.
class FilterOnStatistics final : public iceberg::ScanFilter {
 public:
  FilterOnStatistics(const std::vector<plan::ExprPtr>& filters,
                     std::vector<std::optional<int32_t>> field_ids)
      : filters_(filters), field_ids_(std::move(field_ids)) {}

  bool MayMatch(const iceberg::FileStatsView& stats) const override {
    if (filters_.empty()) {
      return true;
    }
    std::vector<ColumnRange> ranges(field_ids_.size());
    for (size_t i = 0; i < field_ids_.size(); ++i) {
      if (!field_ids_[i].has_value()) {
        continue;
      }
      int32_t id = *field_ids_[i];
      if (!stats.is_manifest) {
        auto found = stats.columns.find(id);
        if (found != stats.columns.end()) {
          ranges[i].min = found->second.lower;
          ranges[i].max = found->second.upper;
          ranges[i].null_count = found->second.null_count;
        }
      }
      // An identity partition of the column bounds it too.
      for (const iceberg::PartitionFieldRange& partition : stats.partition) {
        if (partition.field == nullptr || partition.field->source_id != id ||
            partition.field->transform.kind != iceberg::TransformKind::kIdentity) {
          continue;
        }
        if (partition.lower.has_value() && partition.upper.has_value()) {
          ranges[i].min = partition.lower;
          ranges[i].max = partition.upper;
          if (!partition.contains_null && !stats.is_manifest) {
            ranges[i].null_count = 0;
          }
        } else if (!partition.lower.has_value() && !partition.upper.has_value() &&
                   partition.contains_null && !stats.is_manifest) {
          // Every row's value is NULL.
          ranges[i].min.reset();
          ranges[i].max.reset();
          ranges[i].null_count = stats.record_count;
        }
      }
    }
    int64_t rows = stats.is_manifest ? std::numeric_limits<int64_t>::max() : stats.record_count;
    return exec::MayMatch(filters_, ranges, rows);
  }

 private:
  const std::vector<plan::ExprPtr>& filters_;
  std::vector<std::optional<int32_t>> field_ids_;
};

struct ValueRowHash {
  size_t operator()(const std::vector<Value>& row) const {
    size_t hash = 0;
    for (const Value& value : row) {
      hash = hash * 31 + value.Hash();
    }
    return hash;
  }
};

using ValueRowSet = std::unordered_set<std::vector<Value>, ValueRowHash>;

// Adds to *deleted the positions of `file`'s rows that an equality delete matches.
Status ApplyEqualityDeletes(iceberg::TableIo& io,
                            const std::string& uri,
                            const iceberg::Schema& schema,
                            const std::vector<const iceberg::EqualityDeletes*>& deletes,
                            std::vector<int64_t>* deleted) {
  // Every equality column any delete file uses, read once.
  std::vector<int32_t> ids;
  for (const iceberg::EqualityDeletes* d : deletes) {
    for (int32_t id : d->field_ids) {
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
        ids.push_back(id);
      }
    }
  }
  parquet::ParquetSplit split;
  for (int32_t id : ids) {
    const iceberg::NestedField* field = schema.FindField(id);
    if (field == nullptr) {
      return SqlError(kIcebergBadData,
                      "Equality delete on an unknown field id " + std::to_string(id));
    }
    STRATUS_ASSIGN_OR_RETURN(LogicalType type, iceberg::ToLogicalType(field->type));
    split.columns.push_back({.name = field->name, .type = type, .field_id = id});
  }
  std::vector<ValueRowSet> sets;
  std::vector<std::vector<size_t>> columns_of;  // Per delete: its ids' positions in `ids`.
  for (const iceberg::EqualityDeletes* d : deletes) {
    sets.emplace_back(d->rows.begin(), d->rows.end());
    std::vector<size_t> positions;
    for (int32_t id : d->field_ids) {
      positions.push_back(static_cast<size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin()));
    }
    columns_of.push_back(std::move(positions));
  }
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<lake::ObjectReader> object, io.OpenReader(uri));
  STRATUS_ASSIGN_OR_RETURN(std::unique_ptr<parquet::ParquetSplitReader> reader,
                           parquet::ParquetSplitReader::Open(*object, std::move(split)));
  int64_t position = 0;
  Batch batch;
  while (true) {
    STRATUS_ASSIGN_OR_RETURN(bool more, reader->Next(&batch));
    if (!more) {
      break;
    }
    for (size_t row = 0; row < batch.num_rows(); ++row, ++position) {
      for (size_t d = 0; d < sets.size(); ++d) {
        std::vector<Value> key;
        key.reserve(columns_of[d].size());
        for (size_t c : columns_of[d]) {
          key.push_back(batch.column(c).GetValue(row));
        }
        if (sets[d].count(key) > 0) {
          deleted->push_back(position);
          break;
        }
      }
    }
  }
  return Status::Ok();
}

// Runs task(0) .. task(n - 1) through `parallel_for`, or in turn without one.
Status RunAll(const ParallelRunner& parallel_for,
              size_t n,
              const std::function<Status(size_t)>& task) {
  if (n == 0) {
    return Status::Ok();
  }
  if (parallel_for && n > 1) {
    return parallel_for(n, task);
  }
  for (size_t i = 0; i < n; ++i) {
    STRATUS_RETURN_IF_ERROR(task(i));
  }
  return Status::Ok();
}

}  // namespace

Result<ParquetScanSpec> PlanIcebergScan(const plan::ScanNode& node,
                                        lake::Lake* lake,
                                        IcebergScanStatistics* statistics,
                                        const ParallelRunner& parallel_for) {
  if (lake == nullptr) {
    return Status::FailedPrecondition("the executor has no lake to scan tables with");
  }
  const catalog::TableDescriptor& table = *node.table;
  auto location = table.table_properties.find("metadata_location");
  if (location == table.table_properties.end() || location->second.empty()) {
    return SqlError(kIcebergBadData,
                    "Table '" + table.database + "." + table.name + "' has no metadata_location");
  }
  iceberg::TableIo io(*lake);
  auto loaded = iceberg::LoadTableMetadata(io, location->second);
  if (!loaded.ok()) {
    return BadData(loaded.status());
  }
  const iceberg::TableMetadata& metadata = *loaded;
  iceberg::SnapshotSelector selector = iceberg::SnapshotSelector::Current();
  if (node.snapshot.has_value()) {
    selector = node.snapshot->kind == plan::TableSnapshotSelector::Kind::kVersion
                   ? iceberg::SnapshotSelector::ById(node.snapshot->value)
                   : iceberg::SnapshotSelector::AsOf(node.snapshot->value);
  }
  auto snapshot = iceberg::ResolveSnapshot(metadata, selector);
  if (!snapshot.ok()) {
    return SqlError(node.snapshot.has_value() ? "INVALID_ARGUMENTS" : kIcebergBadData,
                    snapshot.status().message());
  }
  // Time travel reads the snapshot's schema; the current state, the current one.
  const iceberg::Schema& schema = node.snapshot.has_value()
                                      ? iceberg::SchemaForSnapshot(metadata, *snapshot)
                                      : metadata.current_schema();

  ParquetScanSpec spec;
  std::vector<std::optional<int32_t>> field_ids;
  std::vector<std::string> table_names;
  for (const catalog::ColumnDescriptor& column : table.columns) {
    table_names.push_back(column.name);
  }
  for (const catalog::ColumnDescriptor& column : table.partition_keys) {
    table_names.push_back(column.name);
  }
  for (size_t i = 0; i < node.table_columns.size(); ++i) {
    size_t source = node.table_columns[i];
    FileScanColumn column;
    column.type = node.columns[i].type;
    std::optional<int32_t> field_id;
    if (source == plan::kScanPathColumn) {
      column.kind = FileColumnKind::kFilePath;
    } else if (source == plan::kScanRowPositionColumn) {
      column.kind = FileColumnKind::kRowPosition;
    } else {
      column.kind = FileColumnKind::kFile;
      column.name = source < table_names.size() ? table_names[source] : node.columns[i].name;
      const iceberg::NestedField* field = schema.FindColumn(column.name);
      if (field == nullptr && &schema != &metadata.current_schema()) {
        field = metadata.current_schema().FindColumn(column.name);
      }
      if (field != nullptr) {
        column.field_id = field->id;
        field_id = field->id;
      } else {
        // Unknown to the schema: never in a file; reads as NULL.
        column.field_id = -1;
      }
    }
    field_ids.push_back(field_id);
    spec.columns.push_back(std::move(column));
  }
  spec.filters = node.filters;
  if (node.limit.has_value()) {
    spec.limit = *node.limit;
  }
  if (*snapshot == nullptr) {
    return spec;  // A table without a snapshot has no rows.
  }

  FilterOnStatistics filter(node.filters, field_ids);
  auto planned = iceberg::PlanScan(io, metadata, *snapshot, &filter);
  if (!planned.ok()) {
    return BadData(planned.status());
  }
  if (node.only_files != nullptr) {
    std::set<std::string> wanted(node.only_files->begin(), node.only_files->end());
    std::erase_if(planned->tasks, [&](const iceberg::FileScanTask& task) {
      return wanted.count(task.data.data_file.file_path) == 0;
    });
  }
  if (statistics != nullptr) {
    statistics->manifests_total += planned->manifests_total;
    statistics->manifests_skipped += planned->manifests_skipped;
    statistics->data_files += static_cast<int64_t>(planned->tasks.size());
    statistics->data_files_skipped += planned->data_files_skipped;
  }

  // Position deletes: every delete file the tasks need, read once, the
  // files at once on the planner's workers.
  std::vector<const iceberg::DataFile*> position_files;
  std::set<std::string_view> seen;
  for (const iceberg::FileScanTask& task : planned->tasks) {
    for (const iceberg::ManifestEntry& entry : task.position_deletes) {
      if (seen.insert(entry.data_file.file_path).second) {
        position_files.push_back(&entry.data_file);
      }
    }
  }
  std::vector<iceberg::PositionDeletes> per_file(position_files.size());
  STRATUS_RETURN_IF_ERROR(RunAll(parallel_for, position_files.size(), [&](size_t i) -> Status {
    auto read = iceberg::ReadPositionDeleteFile(io, *position_files[i]);
    if (!read.ok()) {
      return BadData(read.status());
    }
    per_file[i] = std::move(*read);
    return Status::Ok();
  }));
  iceberg::PositionDeletes positions;
  for (iceberg::PositionDeletes& one : per_file) {
    iceberg::MergePositionDeletes(std::move(one), &positions);
  }
  std::vector<const iceberg::DataFile*> equality_files;
  std::map<std::string_view, size_t> equality_index;  // By delete file path.
  for (const iceberg::FileScanTask& task : planned->tasks) {
    for (const iceberg::ManifestEntry& entry : task.equality_deletes) {
      if (equality_index.emplace(entry.data_file.file_path, equality_files.size()).second) {
        equality_files.push_back(&entry.data_file);
      }
    }
  }
  std::vector<iceberg::EqualityDeletes> equality(equality_files.size());
  STRATUS_RETURN_IF_ERROR(RunAll(parallel_for, equality_files.size(), [&](size_t i) -> Status {
    auto read = iceberg::ReadEqualityDeletes(io, *equality_files[i], metadata.current_schema());
    if (!read.ok()) {
      return BadData(read.status());
    }
    equality[i] = std::move(*read);
    return Status::Ok();
  }));
  if (statistics != nullptr) {
    statistics->delete_files += static_cast<int64_t>(position_files.size() + equality.size());
  }

  for (const iceberg::FileScanTask& task : planned->tasks) {
    const iceberg::DataFile& data = task.data.data_file;
    if (data.file_format != "PARQUET" && data.file_format != "parquet") {
      return SqlError(kNotSupported, "Iceberg data files in " + data.file_format +
                                         " are not supported: " + data.file_path);
    }
  }
  // Each file's deleted positions; equality deletes read the data file's
  // key columns, so files with them are worked on at once too.
  std::vector<std::vector<int64_t>> deleted(planned->tasks.size());
  std::unordered_map<std::string_view, size_t> last_task;  // By data file path.
  for (size_t t = 0; t < planned->tasks.size(); ++t) {
    last_task[planned->tasks[t].data.data_file.file_path] = t;
  }
  for (size_t t = 0; t < planned->tasks.size(); ++t) {
    const iceberg::FileScanTask& task = planned->tasks[t];
    auto found = positions.find(task.data.data_file.file_path);
    if (found == positions.end() || task.position_deletes.empty()) {
      continue;
    }
    // The list moves to the file's last task (a file is normally listed once).
    if (last_task.at(task.data.data_file.file_path) == t) {
      deleted[t] = std::move(found->second);
    } else {
      deleted[t] = found->second;
    }
  }
  positions.clear();
  std::vector<size_t> with_equality;
  for (size_t t = 0; t < planned->tasks.size(); ++t) {
    if (!planned->tasks[t].equality_deletes.empty()) {
      with_equality.push_back(t);
    }
  }
  STRATUS_RETURN_IF_ERROR(RunAll(parallel_for, with_equality.size(), [&](size_t i) -> Status {
    const size_t t = with_equality[i];
    const iceberg::FileScanTask& task = planned->tasks[t];
    std::vector<const iceberg::EqualityDeletes*> applying;
    for (const iceberg::ManifestEntry& entry : task.equality_deletes) {
      applying.push_back(&equality[equality_index.at(entry.data_file.file_path)]);
    }
    STRATUS_RETURN_IF_ERROR(ApplyEqualityDeletes(io, io.Resolve(task.data.data_file.file_path),
                                                 metadata.current_schema(), applying, &deleted[t]));
    std::sort(deleted[t].begin(), deleted[t].end());
    deleted[t].erase(std::unique(deleted[t].begin(), deleted[t].end()), deleted[t].end());
    return Status::Ok();
  }));

  for (size_t t = 0; t < planned->tasks.size(); ++t) {
    const iceberg::DataFile& data = planned->tasks[t].data.data_file;
    ParquetFileTask file;
    file.uri = io.Resolve(data.file_path);
    if (data.file_size_in_bytes > 0) {
      file.size = static_cast<uint64_t>(data.file_size_in_bytes);
    }
    if (!deleted[t].empty()) {
      if (static_cast<int64_t>(deleted[t].size()) >= data.record_count && data.record_count > 0) {
        continue;  // Every row is deleted.
      }
      file.deleted_positions = std::make_shared<const std::vector<int64_t>>(std::move(deleted[t]));
    }
    spec.files.push_back(std::move(file));
  }
  return spec;
}

}  // namespace stratus::sql::exec
